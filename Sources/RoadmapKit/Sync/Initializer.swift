import Foundation

/// `roadmap init`: the embedded roadmap and the commented configuration, never over existing files
/// unless forced.
public enum Initializer {
    /// Writes the files and returns their names, or throws (exit 2) naming the first that exists.
    public static func run(root: URL, file: String?, force: Bool, files: some FileAccess = LocalFiles()) throws
        -> [String]
    {
        let trackerName = file ?? EmbeddedRoadmap.fileName
        let planned: [(name: String, bytes: [UInt8])] = [
            (trackerName, try RoadmapTemplate.markdown()),
            (Configuration.fileName, Array(ConfigurationTemplate.text.utf8)),
        ]
        let paths = try planned.map { try Workspace.containedPath($0.name, in: root, source: "--file") }
        if !force, let existing = zip(planned, paths).first(where: { files.exists($0.1) }) {
            throw RoadmapError.usage("\(existing.0.name) already exists; use --force to overwrite it")
        }
        for (file, path) in zip(planned, paths) {
            try files.writeAtomically(file.bytes, to: path)
        }
        return planned.map(\.name)
    }
}
