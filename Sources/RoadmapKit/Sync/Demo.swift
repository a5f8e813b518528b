import Foundation

/// `roadmap demo`: a throwaway repository holding the embedded roadmap and `DemoHistory`'s commits,
/// written through libgit2 so the binary needs nothing but itself.
public enum Demo {
    /// Creates the repository in a new folder under `parent` and returns it with its commit count.
    public static func build(under parent: URL) throws -> (repository: GitRepository, commits: Int) {
        var template = Array(parent.appendingPathComponent("roadmap-demo-XXXXXX").path.utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
            throw RoadmapError.file("cannot create a folder under \(parent.path): \(systemError())")
        }
        let folder = URL(
            fileURLWithPath: String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        let repository = try GitRepository.initialize(at: folder)
        let readme = try RoadmapTemplate.markdown()
        try Data(readme).write(to: folder.appendingPathComponent(EmbeddedRoadmap.fileName))
        var ids: [String] = []
        for step in DemoHistory.steps {
            for (path, text) in step.files {
                let file = folder.appendingPathComponent(path)
                try FileManager.default.createDirectory(
                    at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: file)
            }
            var message = step.message + "\n"
            if let reverted = step.revertsStep {
                message += "\nThis reverts commit \(ids[reverted]).\n"
            }
            let signature = GitSignature(
                name: DemoHistory.author.name, email: DemoHistory.author.email,
                date: DemoHistory.start.addingTimeInterval(Double(step.day) * 86_400 + 3_600 * 18),
                timeZoneOffsetMinutes: 0)
            ids.append(try repository.commitAll(message: message, author: signature))
        }
        return (repository, ids.count)
    }
}
