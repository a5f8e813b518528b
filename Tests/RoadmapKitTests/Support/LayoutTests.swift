import Foundation
import Testing

/// The layout README.md promises: each C library is imported by one folder only, and Git/ stays small
/// enough to read.
@Suite struct LayoutTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources/RoadmapKit")

    static func swiftFiles() throws -> [(folder: String, path: String, text: String)] {
        let enumerator = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
        var files: [(String, String, String)] = []
        while let url = enumerator?.nextObject() as? URL {
            guard url.pathExtension == "swift" else { continue }
            let relative = String(url.path.dropFirst(sources.path.count + 1))
            let folder = String(relative.prefix { $0 != "/" })
            files.append((folder, relative, try String(contentsOf: url, encoding: .utf8)))
        }
        return files
    }

    @Test(arguments: [("CLibgit2", "Git"), ("CMarkGFM", "Markdown")])
    func eachCLibraryIsImportedByOneFolder(module: String, folder: String) throws {
        let importers = try Self.swiftFiles().filter {
            $0.text.split(separator: "\n").contains { $0.trimmingCharacters(in: .whitespaces) == "import \(module)" }
        }
        #expect(!importers.isEmpty)
        #expect(importers.filter { $0.folder != folder }.map(\.path) == [])
    }

    /// libgit2 inflates objects: zlib is the picture tests' (PNG), never the library's.
    @Test func zlibIsNotImportedByTheLibrary() throws {
        #expect(try Self.swiftFiles().filter { $0.text.contains("import CZlib") }.map(\.path) == [])
    }

    @Test func gitFolderStaysUnderFifteenHundredLines() throws {
        let files = try Self.swiftFiles().filter { $0.folder == "Git" }
        let lines = files.map { $0.text.split(separator: "\n", omittingEmptySubsequences: false).count - 1 }
        #expect(lines.reduce(0, +) < 1_500, "Git/ has \(lines.reduce(0, +)) lines")
        for (file, count) in zip(files, lines) { #expect(count <= 300, "\(file.path) has \(count) lines") }
    }
}
