/// The one error type of the library: one sentence, and what kind of trouble it is. The CLI decides the
/// exit code (PRODUCT.md 4) and the prefix.
public struct RoadmapError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Sendable {
        /// Bad arguments or configuration.
        case usage
        /// A repository or file that cannot be read or written, or a document that is not a roadmap.
        case file
        /// No repository where one was looked for, or one without a work tree (`init`, `status` and
        /// `lint` then work on the plain folder).
        case notARepository
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    public static func usage(_ message: String) -> RoadmapError { .init(.usage, message) }
    public static func file(_ message: String) -> RoadmapError { .init(.file, message) }
    public static func notARepository(_ message: String) -> RoadmapError { .init(.notARepository, message) }
}
