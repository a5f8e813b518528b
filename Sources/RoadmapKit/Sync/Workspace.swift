import Foundation

/// Where a command works: the root folder (the repository's work tree, or the folder it was started in),
/// the configuration found there, and the tracker file it names.
public struct Workspace: Sendable {
    public var root: URL
    public var configuration: Configuration
    /// The tracker file as the user named it (for messages) and as an absolute path.
    public var trackerName: String
    public var trackerPath: String
    /// The tracker's path from the root, '/'-separated, as a patch names it.
    public var trackerRelativePath: String {
        let root = root.standardizedFileURL.path
        let path = URL(fileURLWithPath: trackerPath).standardizedFileURL.path
        return path.hasPrefix(root + "/") ? String(path.dropFirst(root.count + 1)) : trackerName
    }
    /// The badge and chart `.roadmap.yml` asks sync to keep up to date.
    public var pictures: [Picture] = []
    /// `.roadmap.yml` as written ("" when there is none): what the configuration was made from.
    public var configurationText = ""

    public struct Picture: Equatable, Sendable {
        public enum Kind: String, Sendable { case badge, chart }
        public var kind: Kind
        /// As written in `.roadmap.yml` (relative to the work tree), and as an absolute path.
        public var name: String
        public var path: String
    }

    /// Reads `.roadmap.yml` under `root` if there is one; `file` (from `--file`) overrides its `file:`.
    public static func load(root: URL, file: String?, files: some FileAccess = LocalFiles()) throws -> Workspace {
        let configPath = root.appendingPathComponent(Configuration.fileName).path
        var configuration = Configuration()
        var configurationText = ""
        if files.exists(configPath) {
            let bytes = try readFile(configPath, named: Configuration.fileName, files)
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw RoadmapError.usage("\(Configuration.fileName) is not UTF-8 text")
            }
            configurationText = text
            do {
                configuration = try ConfigurationLoader.load(text)
            } catch let error as ConfigurationError {
                throw RoadmapError.usage(error.description)
            }
        }
        let name = file ?? configuration.trackerFile
        let path = try containedPath(
            name, in: root,
            source: file == nil && configuration.trackerFile != Configuration().trackerFile
                ? "\(Configuration.fileName) `file`" : "--file")
        var pictures: [Picture] = []
        for (kind, pictureName) in [(Picture.Kind.badge, configuration.badgeFile), (.chart, configuration.chartFile)] {
            guard let pictureName else { continue }
            let picturePath = try containedPath(
                pictureName, in: root, source: "\(Configuration.fileName) `\(kind.rawValue)`")
            pictures.append(Picture(kind: kind, name: pictureName, path: picturePath))
            let link = markdownLink(from: path, to: picturePath)
            if kind == .badge { configuration.wording.badgeLink = link } else { configuration.wording.chartLink = link }
        }
        configuration.wording.badgeLabel = configuration.badgeLabel
        return Workspace(
            root: root, configuration: configuration, trackerName: name, trackerPath: path, pictures: pictures,
            configurationText: configurationText)
    }

    /// `target` relative to the folder of `document` (both absolute), as a Markdown link destination:
    /// percent-encoded, so spaces and parentheses in a path cannot end the link early.
    static func markdownLink(from document: String, to target: String) -> String {
        let from = URL(fileURLWithPath: document).deletingLastPathComponent().standardizedFileURL.pathComponents
        let to = URL(fileURLWithPath: target).standardizedFileURL.pathComponents
        let shared = zip(from, to).prefix { $0 == $1 }.count
        let components = Array(repeating: "..", count: from.count - shared) + to[shared...]
        let relative = components.joined(separator: "/")
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "()")
        return relative.addingPercentEncoding(withAllowedCharacters: allowed) ?? relative
    }

    /// `name` as an absolute path, which must stay inside `root` once `..` and symlinks are resolved:
    /// sync writes this file, so a path (or a link) leading out of the work tree is refused (exit 2).
    static func containedPath(_ name: String, in root: URL, source: String) throws -> String {
        let rootPath = resolved(root.standardizedFileURL.path)
        let lexical = (name.hasPrefix("/") ? URL(fileURLWithPath: name) : root.appendingPathComponent(name))
            .standardizedFileURL.path
        guard resolved(lexical).hasPrefix(rootPath + "/") else {
            throw RoadmapError.usage("\(source) \(name) is outside the work tree \(rootPath)")
        }
        return lexical
    }

    /// `path` with every symlink resolved, also when the file (or its folders) does not exist yet: the
    /// deepest existing folder is resolved by the system and the rest appended. Foundation's
    /// resolvingSymlinksInPath leaves a path alone when its last part is missing, so `docs/new.svg` under a
    /// `docs` that links out of the work tree looked inside it.
    private static func resolved(_ path: String) -> String {
        var existing = path
        var rest: [String] = []
        while !existing.isEmpty, existing != "/", access(existing, F_OK) != 0 {
            rest.insert((existing as NSString).lastPathComponent, at: 0)
            existing = (existing as NSString).deletingLastPathComponent
        }
        guard let real = realpath(existing, nil) else { return path }
        defer { free(real) }
        return ([String(cString: real)] + rest).joined(separator: "/").replacingOccurrences(of: "//", with: "/")
    }

    public static func readFile(_ path: String, named name: String, _ files: some FileAccess) throws -> [UInt8] {
        do {
            return try files.read(path)
        } catch let error as ReadError {
            throw RoadmapError.file(error.sentence(naming: name))
        }
    }

    /// The tracker document, parsed with the configured wording and aliases.
    /// Every command reads it here, so `.roadmap.yml`'s aliases count alike for sync, status, lint and the
    /// commit-msg check.
    public func document(files: some FileAccess = LocalFiles()) throws -> TrackerDocument {
        try document(bytes: Self.readFile(trackerPath, named: trackerName, files))
    }

    /// The tracker document from `bytes`, the tracker file's contents.
    public func document(bytes: [UInt8]) throws -> TrackerDocument {
        do {
            let options = configuration.document
            let plain = try TrackerDocument(bytes: bytes, wording: configuration.wording, options: options)
            let aliases = try itemSettings(roadmap: plain.roadmap).aliases
            return aliases.isEmpty
                ? plain
                : try TrackerDocument(bytes: bytes, wording: configuration.wording, aliases: aliases, options: options)
        } catch let error as DocumentError {
            if error.isConfiguration {
                throw RoadmapError.usage("\(Configuration.fileName): \(error.message) in \(trackerName)")
            }
            throw RoadmapError.file("\(trackerName): \(error.message)")
        }
    }

    /// `.roadmap.yml`'s `items:` keys resolved to item ids; an unknown or ambiguous key is a configuration error.
    func itemSettings(roadmap: Roadmap) throws -> (aliases: [ItemID: [String]], globs: [ItemID: [String]]) {
        guard !configuration.items.isEmpty else { return ([:], [:]) }
        let resolver = RefResolver(roadmap: roadmap)
        var aliases: [ItemID: [String]] = [:]
        var globs: [ItemID: [String]] = [:]
        for settings in configuration.items {
            let place = "\(Configuration.fileName):\(settings.line): `items.\(settings.ref)`"
            switch resolver.resolve(settings.ref) {
            case .item(let id):
                if !settings.aliases.isEmpty { aliases[id, default: []] += settings.aliases }
                if !settings.paths.isEmpty { globs[id, default: []] += settings.paths }
            case .unknown(let suggestions):
                let hint =
                    suggestions.isEmpty
                    ? "" : " (did you mean \(suggestions.map(\.description).joined(separator: ", "))?)"
                throw RoadmapError.usage("\(place) names no item of the roadmap\(hint)")
            case .ambiguous(let candidates):
                throw RoadmapError.usage(
                    "\(place) is ambiguous: \(candidates.map(\.description).joined(separator: ", "))")
            }
        }
        return (aliases, globs)
    }
}
