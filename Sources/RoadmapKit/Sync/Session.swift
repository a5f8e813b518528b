import Foundation

/// Finding where a command should work.
public enum Session {
    /// The repository's work tree when `directory` is inside one, else `directory` itself.
    public static func root(startingAt directory: URL) throws -> URL {
        directory
    }
}
