import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where one learner is read from, worked out from the command line before anything is read.
public struct CohortSource: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        /// A local repository with a work tree, read in place and never written to.
        case repository
        /// A clone URL (or a local bare repository), kept in the cache folder.
        case remote
        /// The JSON `roadmap status --json` prints, as a learner's CI publishes it.
        case statusFile
        /// Nothing to read: the sentence says why (a path that does not exist, a glob that matches nothing).
        case unreadable(String)
    }

    public var name: String
    /// The path or URL, as given (list files' relative paths resolved against the list's folder).
    public var location: String
    public var kind: Kind

    public init(name: String, location: String, kind: Kind) {
        self.name = name
        self.location = location
        self.kind = kind
    }

    /// Expands the command line's inputs, in order: a repository folder; a folder of status JSON files; a
    /// `.json` file; a glob (`class/*`, quoted so the shell leaves it) expanded in sorted order; a URL; any
    /// other file is a list, one input per line, `name<TAB>input` naming the learner (`#` starts a comment).
    public static func expand(_ inputs: [String], relativeTo base: URL) -> [CohortSource] {
        inputs.flatMap { expand($0, name: nil, base: base, depth: 0) }
    }

    static func expand(_ input: String, name: String?, base: URL, depth: Int) -> [CohortSource] {
        if isURL(input) {
            // A raw URL of a published status file (`…/.roadmap/status.json`), or a repository to clone.
            if input.hasSuffix(".json") {
                return [CohortSource(name: name ?? statusURLName(input), location: input, kind: .statusFile)]
            }
            return [CohortSource(name: name ?? remoteName(input), location: input, kind: .remote)]
        }
        let path = input.hasPrefix("/") ? input : base.appendingPathComponent(input).path
        if input.contains(where: { "*?[".contains($0) }) && !FileManager.default.fileExists(atPath: path) {
            // A glob over a class folder also meets notes and scripts: only folders and JSON files are learners.
            let matches = expandGlob(path).filter { match in
                var folder: ObjCBool = false
                return match.hasSuffix(".json")
                    || (FileManager.default.fileExists(atPath: match, isDirectory: &folder) && folder.boolValue)
            }
            guard !matches.isEmpty else {
                return [
                    CohortSource(name: name ?? input, location: input, kind: .unreadable("\(input) matches nothing"))
                ]
            }
            return matches.flatMap { expand($0, name: nil, base: base, depth: depth) }
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return [
                CohortSource(
                    name: name ?? folderName(input), location: input, kind: .unreadable("\(input) does not exist"))
            ]
        }
        if isDirectory.boolValue {
            if isBareRepository(path) {
                return [CohortSource(name: name ?? folderName(input), location: path, kind: .remote)]
            }
            if !FileManager.default.fileExists(atPath: path + "/.git") {
                let files = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).filter {
                    $0.hasSuffix(".json")
                }.sorted()
                if !files.isEmpty {
                    return files.map {
                        CohortSource(
                            name: statusFileName((input as NSString).appendingPathComponent($0)),
                            location: (path as NSString).appendingPathComponent($0), kind: .statusFile)
                    }
                }
            }
            return [CohortSource(name: name ?? folderName(input), location: path, kind: .repository)]
        }
        if input.hasSuffix(".json") {
            return [CohortSource(name: name ?? statusFileName(input), location: path, kind: .statusFile)]
        }
        guard depth == 0 else {
            return [
                CohortSource(
                    name: name ?? input, location: input,
                    kind: .unreadable("\(input) is a list inside a list, which cohort does not follow"))
            ]
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else {
            return [CohortSource(name: name ?? input, location: input, kind: .unreadable("cannot read \(input)"))]
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        return text.split(whereSeparator: \.isNewline).flatMap { line -> [CohortSource] in
            let entry = line.trimmingCharacters(in: .whitespaces)
            guard !entry.isEmpty, !entry.hasPrefix("#") else { return [] }
            let parts = entry.split(separator: "\t", maxSplits: 1).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            if parts.count == 2, !parts[0].isEmpty {
                return expand(parts[1], name: parts[0], base: folder, depth: depth + 1)
            }
            return expand(parts.last ?? entry, name: nil, base: folder, depth: depth + 1)
        }
    }

    static func isURL(_ input: String) -> Bool {
        input.contains("://") || (input.hasPrefix("git@") && input.contains(":"))
    }

    /// A bare repository: a folder holding HEAD, objects/ and refs/ (and no work tree to read a tracker from).
    static func isBareRepository(_ path: String) -> Bool {
        let manager = FileManager.default
        return manager.fileExists(atPath: path + "/HEAD") && manager.fileExists(atPath: path + "/objects")
            && manager.fileExists(atPath: path + "/refs") && !manager.fileExists(atPath: path + "/.git")
    }

    /// The repository's folder name, without `.git` for a bare one.
    static func folderName(_ path: String) -> String {
        var name = URL(fileURLWithPath: path).standardizedFileURL.lastPathComponent
        if name.hasSuffix(".git"), name.count > 4 { name.removeLast(4) }
        return name
    }

    /// `https://github.com/alice/roadmap.git` → alice, the remote's owner: a class's repositories often
    /// share the repository name. A URL with no owner segment gives the repository's name.
    static func remoteName(_ url: String) -> String {
        let path =
            url.hasPrefix("git@")
            ? String(url.drop { $0 != ":" }.dropFirst()) : (URL(string: url)?.path ?? url)
        let segments = path.split(separator: "/").map(String.init)
        if url.hasPrefix("file://") || segments.count < 2 { return folderName(segments.last ?? url) }
        return segments[segments.count - 2]
    }

    /// `https://raw.githubusercontent.com/alice/roadmap/main/.roadmap/status.json` → alice (the owner);
    /// `https://example.com/class/bob.json` → bob.
    static func statusURLName(_ url: String) -> String {
        let path = URL(string: url)?.path ?? url
        if url.hasPrefix("https://raw.githubusercontent.com/") {
            return path.split(separator: "/").first.map(String.init) ?? statusFileName(path)
        }
        return statusFileName(path)
    }

    /// `alice.json` → alice; `alice/.roadmap/status.json` or `alice/status.json` → alice.
    static func statusFileName(_ path: String) -> String {
        var url = URL(fileURLWithPath: path)
        let file = url.deletingPathExtension().lastPathComponent
        guard file == "status" else { return file }
        url.deleteLastPathComponent()
        if url.lastPathComponent == ".roadmap" { url.deleteLastPathComponent() }
        return url.lastPathComponent
    }

    static func expandGlob(_ pattern: String) -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        guard glob(pattern, 0, nil, &result) == 0 else { return [] }
        return (0..<Int(result.gl_pathc)).compactMap { index in
            result.gl_pathv[index].map { String(cString: $0) }
        }.sorted()
    }
}
