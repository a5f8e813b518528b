import Foundation

/// Where a command works: the root folder (the repository's work tree, or the folder it was started in),
/// the configuration found there, and the tracker file it names.
public struct Workspace: Sendable {
    public var root: URL
    public var configuration: Configuration
    /// The tracker file as the user named it (for messages) and as an absolute path.
    public var trackerName: String
    public var trackerPath: String

    /// Reads `.roadmap.yml` under `root` if there is one; `file` (from `--file`) overrides its `file:`.
    public static func load(root: URL, file: String?, files: some FileAccess = LocalFiles()) throws -> Workspace {
        let configPath = root.appendingPathComponent(Configuration.fileName).path
        var configuration = Configuration()
        if files.exists(configPath) {
            let bytes = try readFile(configPath, named: Configuration.fileName, files)
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw RoadmapError.usage("\(Configuration.fileName) is not UTF-8 text")
            }
            do {
                configuration = try ConfigurationLoader.load(text)
            } catch let error as ConfigurationError {
                throw RoadmapError.usage(error.description)
            }
        }
        let name = file ?? configuration.trackerFile
        let path = try containedPath(name, in: root, source: file == nil && configuration.trackerFile != Configuration().trackerFile ? "\(Configuration.fileName) `file`" : "--file")
        return Workspace(root: root, configuration: configuration, trackerName: name, trackerPath: path)
    }

    /// `name` as an absolute path, which must stay inside `root` once `..` and symlinks are resolved:
    /// sync writes this file, so a path (or a link) leading out of the work tree is refused (exit 2).
    static func containedPath(_ name: String, in root: URL, source: String) throws -> String {
        let rootPath = root.standardizedFileURL.resolvingSymlinksInPath().path
        let candidate = name.hasPrefix("/") ? URL(fileURLWithPath: name) : root.appendingPathComponent(name)
        let lexical = candidate.standardizedFileURL.path
        let resolved = candidate.standardizedFileURL.resolvingSymlinksInPath().path
        for path in [lexical.hasPrefix(root.standardizedFileURL.path + "/") ? resolved : lexical, resolved] {
            guard path.hasPrefix(rootPath + "/") else {
                throw RoadmapError.usage("\(source) \(name) is outside the work tree \(rootPath)")
            }
        }
        return lexical
    }

    public static func readFile(_ path: String, named name: String, _ files: some FileAccess) throws -> [UInt8] {
        do {
            return try files.read(path)
        } catch let error as ReadError {
            throw RoadmapError.file(error.sentence(naming: name))
        }
    }

    /// The tracker document, parsed with the configured wording and aliases.
    public func document(files: some FileAccess = LocalFiles()) throws -> TrackerDocument {
        let bytes = try Self.readFile(trackerPath, named: trackerName, files)
        do {
            return try TrackerDocument(bytes: bytes, wording: configuration.wording)
        } catch let error as DocumentError {
            throw RoadmapError.file("\(trackerName): \(error.message)")
        }
    }
}
