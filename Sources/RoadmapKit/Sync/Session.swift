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

    /// The repository `directory` is in; not being in one is exit 3.
    public static func repository(startingAt directory: URL, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> GitRepository {
        do {
            return try GitRepository.open(at: directory, environment: environment)
        } catch let error as GitError {
            throw RoadmapError.file(error.description)
        }
    }
}
