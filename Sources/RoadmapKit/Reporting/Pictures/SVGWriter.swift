/// A small XML writer for the pictures: one element per line, attributes in the order given, every text and
/// attribute value escaped. Document text (phase names) reaches the SVG only through here.
struct SVGWriter {
    private(set) var output = ""
    private var open: [String] = []

    /// Starts `<name …>`; `close()` ends it.
    mutating func start(_ name: String, _ attributes: KeyValuePairs<String, String> = [:]) {
        line("<\(name)\(Self.attributes(attributes))>")
        open.append(name)
    }

    mutating func close() {
        let name = open.removeLast()
        line("</\(name)>")
    }

    /// `<name …/>`, or `<name …>text</name>` when there is text.
    mutating func element(_ name: String, _ attributes: KeyValuePairs<String, String> = [:], text: String? = nil) {
        if let text {
            line("<\(name)\(Self.attributes(attributes))>\(Self.escaped(text, quotes: false))</\(name)>")
        } else {
            line("<\(name)\(Self.attributes(attributes))/>")
        }
    }

    /// Text that is already markup, written as is (a `<style>` body, which contains no `<` or `&`).
    mutating func verbatim(_ text: String) {
        line(text)
    }

    private mutating func line(_ text: String) {
        output += String(repeating: "  ", count: open.count) + text + "\n"
    }

    private static func attributes(_ attributes: KeyValuePairs<String, String>) -> String {
        attributes.map { " \($0.key)=\"\(escaped($0.value, quotes: true))\"" }.joined()
    }

    /// XML escaping; characters XML 1.0 cannot carry at all (most C0 controls, U+FFFE, U+FFFF) become U+FFFD,
    /// so a stray control character in a phase name cannot make the picture invalid.
    static func escaped(_ text: String, quotes: Bool) -> String {
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"" where quotes: result += "&quot;"
            case "\t", "\n", "\r": result += quotes ? " " : String(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    result += "\u{FFFD}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }
}
