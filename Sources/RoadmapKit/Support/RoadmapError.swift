/// The one error type commands report: one sentence on stderr, and the exit code PRODUCT.md 4 gives it.
public struct RoadmapError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Sendable {
        /// Bad arguments or configuration: exit 2.
        case usage
        /// A repository or file that cannot be read or written, or a document that is not a roadmap: exit 3.
        case file
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var exitCode: Int32 { kind == .usage ? 2 : 3 }
    public var description: String { message }

    public static func usage(_ message: String) -> RoadmapError { .init(.usage, message) }
    public static func file(_ message: String) -> RoadmapError { .init(.file, message) }
}
