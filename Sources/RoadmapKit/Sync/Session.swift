import Foundation

/// Finding where a command should work, the way git finds its repository.
public enum Session {
    /// The repository's work tree when `directory` is inside one, else `directory` itself
    /// (`init`, `status` and `lint` also work on a plain folder).
    public static func root(startingAt directory: URL, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> URL {
        do {
            return try GitRepository.open(at: directory, environment: environment).workingDirectory
        } catch let error as GitError where error.kind == .notARepository || error.kind == .bareRepository {
            return directory
        } catch let error as GitError {
            throw RoadmapError.file(error.description)
        }
    }

    /// The HEAD tree's paths through a second handle on `repository`, so that a sync can list the tree on
    /// one core while the other walks the commits (a libgit2 handle is used by one thread at a time).
    public static func secondHandle(on repository: GitRepository) -> @Sendable () throws -> GitRepository {
        let environment = ["GIT_DIR": repository.gitDirectory.path, "GIT_WORK_TREE": repository.workingDirectory.path]
        let directory = repository.workingDirectory
        return { try GitRepository.open(at: directory, environment: environment) }
    }

    /// The repository `directory` is in; not being in one is exit 3.
    public static func repository(startingAt directory: URL, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> GitRepository {
        do {
            return try GitRepository.open(at: directory, environment: environment)
        } catch let error as GitError {
            throw RoadmapError.file(error.description)
        }
    }
}
