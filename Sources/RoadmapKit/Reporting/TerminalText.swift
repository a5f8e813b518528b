/// ANSI colour, only when the caller decided the output is a terminal and `NO_COLOR` is unset.
public struct TerminalStyle: Sendable {
    public enum Colour: String, Sendable {
        case green = "32"
        case yellow = "33"
        case red = "31"
        case dim = "2"
        case bold = "1"
    }

    public var enabled: Bool

    public init(enabled: Bool) { self.enabled = enabled }

    public func paint(_ text: String, _ colour: Colour) -> String {
        enabled ? "\u{1B}[\(colour.rawValue)m\(text)\u{1B}[0m" : text
    }
}

/// Text from commits and documents is printed only through this: control characters (ESC, BEL, CR,
/// DEL, C1) become visible escapes so nobody can rewrite the user's terminal with a commit message.
public enum TerminalText {
    public static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09: result.append("\\t")
            case 0x0A: result.append("\\n")
            case 0x0D: result.append("\\r")
            case 0x00..<0x20, 0x7F, 0x80..<0xA0:
                result.append("\\u{\(String(scalar.value, radix: 16, uppercase: true))}")
            case 0x202A...0x202E, 0x2066...0x2069:
                // Bidirectional overrides can make printed text read differently from what it is.
                result.append("\\u{\(String(scalar.value, radix: 16, uppercase: true))}")
            default:
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
