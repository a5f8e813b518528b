import Foundation

/// Finding where a command should work, the way git finds its repository.
public enum Session {
    /// The repository's work tree when `directory` is inside one, else `directory` itself
    /// (`init`, `status` and `lint` also work on a plain folder).
    public static func root(
        startingAt directory: URL, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> URL {
        do {
            return try GitRepository.open(at: directory, environment: environment).workingDirectory
        } catch let error as RoadmapError where error.kind == .notARepository {
            return directory
        }
    }

    /// The repository `directory` is in; not being in one is an error (exit 3).
    public static func repository(
        startingAt directory: URL, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> GitRepository {
        try GitRepository.open(at: directory, environment: environment)
    }
}
