#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds the fields the tool reads in a raw commit object (the bytes `git cat-file commit` prints), the way
/// libgit2 1.5's commit and signature parsers do, without copying anything.
///
/// Differences from libgit2, on purpose: a malformed author line or date yields empty or zero fields instead
/// of failing the whole history walk (git log shows such commits too); everything else (which `author`
/// line counts, trimming, the time zone rules, where the message starts, NUL ending a field) is libgit2's,
/// checked against git_signature_from_buffer on generated lines.
struct CommitObjectParser {
    /// Byte ranges into the object; `authorTime` and `authorOffsetMinutes` are already decoded.
    struct Fields {
        var authorName: Range<Int> = 0..<0
        var authorEmail: Range<Int> = 0..<0
        var authorTime: Int64 = 0
        var authorOffsetMinutes: Int = 0
        /// The value of the `encoding` header, when there is one.
        var encoding: Range<Int>?
        /// Everything after the blank line that ends the header (libgit2's raw message).
        var message: Range<Int> = 0..<0
    }

    struct Malformed: Error {
        let reason: String
    }

    private static let newline = UInt8(ascii: "\n")

    /// Parses `bytes`, calling `parent` with the 40 hex digits of each `parent` header line, in order.
    static func parse(
        _ bytes: UnsafeBufferPointer<UInt8>,
        parent: (UnsafeBufferPointer<UInt8>) throws -> Void
    ) throws -> Fields {
        var fields = Fields()
        var position = 0
        var lineNumber = 0
        var inParentLines = true
        var sawAuthor = false
        var headerEnded = false

        while position < bytes.count {
            let lineEnd = index(of: newline, in: bytes, from: position) ?? bytes.count
            if lineEnd == position {
                headerEnded = true
                position += 1
                break
            }
            let line = position..<lineEnd
            if lineNumber == 0 {
                guard hasPrefix("tree ", bytes, line) else { throw Malformed(reason: "missing tree header") }
            } else if inParentLines, hasPrefix("parent ", bytes, line) {
                let hex = line.lowerBound + 7..<line.upperBound
                guard hex.count == 40 else { throw Malformed(reason: "invalid parent header") }
                try parent(UnsafeBufferPointer(rebasing: bytes[hex]))
            } else {
                inParentLines = false
                if !sawAuthor, hasPrefix("author ", bytes, line) {
                    // Some tools write several author lines; like libgit2, the first one wins.
                    sawAuthor = true
                    parseSignature(bytes, line.lowerBound + 7..<line.upperBound, into: &fields)
                } else if hasPrefix("encoding ", bytes, line) {
                    fields.encoding = upToNUL(bytes, line.lowerBound + 9..<line.upperBound)
                }
            }
            lineNumber += 1
            position = lineEnd + 1
        }
        // No blank line means no message, as in libgit2.
        fields.message = headerEnded ? upToNUL(bytes, position..<bytes.count) : bytes.count..<bytes.count
        return fields
    }

    /// libgit2's git_signature__parse on "Name <email> time zone": the e-mail is between the last '<' and
    /// the last '>'; name and e-mail are trimmed; a zone beyond ±14:59 is ignored (offset 0).
    private static func parseSignature(_ bytes: UnsafeBufferPointer<UInt8>, _ line: Range<Int>, into fields: inout Fields) {
        guard let emailOpen = lastIndex(of: UInt8(ascii: "<"), in: bytes, line),
              let emailClose = lastIndex(of: UInt8(ascii: ">"), in: bytes, line),
              emailClose > emailOpen
        else {
            fields.authorName = upToNUL(bytes, trimmed(bytes, line))
            return
        }
        // Trimmed first, then cut at a NUL: libgit2 trims by length and then copies with strndup.
        fields.authorName = upToNUL(bytes, trimmed(bytes, line.lowerBound..<emailOpen))
        fields.authorEmail = upToNUL(bytes, trimmed(bytes, emailOpen + 1..<emailClose))

        let timeStart = emailClose + 2
        guard timeStart < line.upperBound, let (time, timeEnd) = parseInteger(bytes, timeStart..<line.upperBound) else {
            return
        }
        fields.authorTime = time
        let zoneStart = timeEnd + 1
        guard zoneStart < line.upperBound else { return }
        let sign = bytes[zoneStart]
        guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"),
              let (zone, _) = parseInteger(bytes, zoneStart + 1..<line.upperBound)
        else { return }
        let hours = zone / 100
        let minutes = zone % 100
        if hours <= 14 && minutes <= 59 {
            let offset = Int(hours * 60 + minutes)
            fields.authorOffsetMinutes = sign == UInt8(ascii: "-") ? -offset : offset
        }
    }

    /// A decimal integer with optional leading spaces and sign (git__strntol64); nil when there are no digits.
    private static func parseInteger(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> (Int64, end: Int)? {
        var position = range.lowerBound
        while position < range.upperBound, isSpace(bytes[position]) { position += 1 }
        var negative = false
        if position < range.upperBound, bytes[position] == UInt8(ascii: "-") || bytes[position] == UInt8(ascii: "+") {
            negative = bytes[position] == UInt8(ascii: "-")
            position += 1
        }
        let digitsStart = position
        var value: Int64 = 0
        while position < range.upperBound, bytes[position] >= UInt8(ascii: "0"), bytes[position] <= UInt8(ascii: "9") {
            let (multiplied, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (added, overflow2) = multiplied.addingReportingOverflow(Int64(bytes[position] - UInt8(ascii: "0")))
            if overflow1 || overflow2 { return nil }
            value = added
            position += 1
        }
        guard position > digitsStart else { return nil }
        return (negative ? -value : value, position)
    }

    private static func hasPrefix(_ prefix: StaticString, _ bytes: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard line.count >= count else { return false }
        let expected = UnsafeBufferPointer(start: prefix.utf8Start, count: count)
        for offset in 0..<count where bytes[line.lowerBound + offset] != expected[offset] {
            return false
        }
        return true
    }

    private static func index(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard start < bytes.count, let base = bytes.baseAddress,
              let found = memchr(base + start, Int32(byte), bytes.count - start)
        else { return nil }
        return UnsafeRawPointer(found) - UnsafeRawPointer(base)
    }

    private static func lastIndex(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        var position = range.upperBound
        while position > range.lowerBound {
            position -= 1
            if bytes[position] == byte { return position }
        }
        return nil
    }

    /// libgit2 copies fields with strndup, so a NUL byte ends them; git log does the same.
    private static func upToNUL(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        guard !range.isEmpty, let base = bytes.baseAddress,
              let found = memchr(base + range.lowerBound, 0, range.count)
        else { return range }
        return range.lowerBound..<(UnsafeRawPointer(found) - UnsafeRawPointer(base))
    }

    /// libgit2's extract_trimmed: strips "crud" from both ends, as git's ident code does.
    private static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, isCrud(bytes[lower]) { lower += 1 }
        while upper > lower, isCrud(bytes[upper - 1]) { upper -= 1 }
        return lower..<upper
    }

    /// Control characters, space and . , : ; < > " \ ' (libgit2's is_crud).
    private static func isCrud(_ byte: UInt8) -> Bool {
        switch byte {
        case 0...32, UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: ";"), UInt8(ascii: "<"),
             UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "'"):
            return true
        default:
            return false
        }
    }

    /// git__isspace.
    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }
}
