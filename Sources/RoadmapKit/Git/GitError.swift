/// A failure to open or read a git repository.
public struct GitError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// Nothing that looks like a repository at the path or (when searching) above it.
        case notARepository
        /// A repository without a working tree, which this tool cannot use.
        case bareRepository
        /// libgit2 reported an error; `message` is libgit2's own text.
        case libgit2
    }

    public let kind: Kind
    /// The path involved, when there is one: the start of the search, GIT_DIR, or the repository's git directory.
    public let path: String?
    /// What went wrong, without the path. For `.libgit2` this is libgit2's message verbatim.
    public let message: String

    public init(kind: Kind, path: String?, message: String) {
        self.kind = kind
        self.path = path
        self.message = message
    }

    public var description: String {
        switch kind {
        case .notARepository, .bareRepository:
            guard let path else { return message }
            return "\(message): \(path)"
        case .libgit2:
            guard let path else { return "git error: \(message)" }
            return "git error in \(path): \(message)"
        }
    }
}

extension GitError {
    static func notARepository(searchedFrom path: String, ceilingDirectories: String?) -> GitError {
        let scope: String
        if let ceiling = ceilingDirectories.flatMap({ deepestCeiling(in: $0, above: path) }) {
            scope = "or any parent up to \(ceiling)"
        } else {
            scope = "or any of the parent directories"
        }
        return GitError(kind: .notARepository, path: path, message: "not a git repository (\(scope))")
    }

    static func notARepository(namedByGitDir path: String) -> GitError {
        GitError(kind: .notARepository, path: path, message: "not a git repository (named by GIT_DIR)")
    }

    static func bareRepository(at path: String) -> GitError {
        GitError(kind: .bareRepository, path: path, message: "bare repository (no working tree)")
    }

    /// The ceiling that stopped the upward search, so the message can say how far it looked.
    private static func deepestCeiling(in list: String, above path: String) -> String? {
        list.split(separator: ":", omittingEmptySubsequences: true)
            .map { $0.count > 1 && $0.hasSuffix("/") ? String($0.dropLast()) : String($0) }
            .filter { $0.hasPrefix("/") && (path == $0 || path.hasPrefix($0 == "/" ? "/" : $0 + "/")) }
            .max { $0.count < $1.count }
    }
}
