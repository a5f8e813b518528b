#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns the bytes of a commit (message, author name and email) into Swift strings the way `git log`
/// re-encodes them for a UTF-8 terminal: the commit's `encoding` header names the encoding of the whole
/// commit object; without one the bytes are UTF-8. Nothing here fails: undecodable bytes become U+FFFD.
///
/// One decoder serves one walk on one thread: it caches iconv descriptors, which carry conversion state.
final class CommitTextDecoder {
    enum Encoding {
        case utf8
        case latin1
        case converted(IconvConverter)
    }

    private var encodingsByHeader: [String: Encoding] = [:]

    /// The encoding to use for a commit whose `encoding` header is `header` (nil when absent).
    func encoding(forHeader header: UnsafeBufferPointer<UInt8>?) -> Encoding {
        guard let header else { return .utf8 }
        let name = String(decoding: header, as: UTF8.self)
        if let known = encodingsByHeader[name] {
            return known
        }
        let encoding = Self.classify(name)
        encodingsByHeader[name] = encoding
        return encoding
    }

    func decode(_ bytes: UnsafeBufferPointer<UInt8>, as encoding: Encoding) -> String {
        switch encoding {
        case .utf8:
            return String(decoding: bytes, as: UTF8.self)
        case .latin1:
            return Self.decodeLatin1(bytes)
        case .converted(let converter):
            return converter.convertToString(bytes)
        }
    }

    private static func classify(_ name: String) -> Encoding {
        // git compares encoding names loosely ("UTF-8", "utf8"); normalise case and separators.
        let normalized = String(name.lowercased().filter { $0 != "-" && $0 != "_" && $0 != " " })
        switch normalized {
        case "", "utf8":
            return .utf8
        case "iso88591", "latin1", "l1", "iso885911987", "cp819", "ibm819", "csisolatin1", "isoir100":
            // Latin-1 maps each byte to the code point of the same value: no table and no iconv needed.
            return .latin1
        default:
            // git itself falls back to the raw bytes when iconv cannot convert; those are shown as UTF-8.
            guard let converter = IconvConverter(fromEncoding: name) else { return .utf8 }
            return .converted(converter)
        }
    }

    private static func decodeLatin1(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        if bytes.isEmpty { return "" }
        return String(unsafeUninitializedCapacity: bytes.count * 2) { output in
            var written = 0
            for byte in bytes {
                if byte < 0x80 {
                    output[written] = byte
                    written += 1
                } else {
                    output[written] = 0xC0 | (byte >> 6)
                    output[written + 1] = 0x80 | (byte & 0x3F)
                    written += 2
                }
            }
            return written
        }
    }
}

/// A converter from a named encoding to UTF-8 backed by the C library's iconv, the same machinery git uses.
final class IconvConverter {
    private let descriptor: iconv_t
    private var chunk = [UInt8](repeating: 0, count: 64 * 1024)

    private static let replacementCharacter: [UInt8] = [0xEF, 0xBF, 0xBD]

    init?(fromEncoding name: String) {
        guard let descriptor = iconv_open("UTF-8", name), Int(bitPattern: descriptor) != -1 else {
            return nil
        }
        self.descriptor = descriptor
    }

    deinit {
        iconv_close(descriptor)
    }

    /// Converts the bytes; a byte iconv rejects becomes U+FFFD and conversion resumes after it,
    /// so a single bad byte does not cost the rest of the message.
    func convertToString(_ input: UnsafeBufferPointer<UInt8>) -> String {
        guard let start = input.baseAddress, !input.isEmpty else { return "" }
        var utf8: [UInt8] = []
        utf8.reserveCapacity(input.count + input.count / 2)
        _ = iconv(descriptor, nil, nil, nil, nil)  // drop shift state a previous conversion may have left

        // iconv's signature is not const-correct; it never writes through the input pointer.
        var inputCursor: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: start)
            .assumingMemoryBound(to: CChar.self)
        var inputLeft = input.count
        while inputLeft > 0 {
            switch pump(&inputCursor, &inputLeft, into: &utf8) {
            case nil, E2BIG?:
                continue
            default:
                // EILSEQ (invalid byte) or EINVAL (sequence cut off by the end): skip one byte.
                utf8.append(contentsOf: Self.replacementCharacter)
                inputCursor = inputCursor.map { $0 + 1 }
                inputLeft -= 1
            }
        }
        // Let stateful encodings (e.g. ISO-2022-JP) emit their closing sequence.
        var noInput: UnsafeMutablePointer<CChar>? = nil
        var noInputLeft = 0
        _ = pump(&noInput, &noInputLeft, into: &utf8, flushing: true)
        return String(decoding: utf8, as: UTF8.self)
    }

    /// Runs iconv once into the chunk buffer and appends what it produced; returns errno on failure.
    private func pump(
        _ inputCursor: inout UnsafeMutablePointer<CChar>?,
        _ inputLeft: inout Int,
        into utf8: inout [UInt8],
        flushing: Bool = false
    ) -> Int32? {
        chunk.withUnsafeMutableBufferPointer { buffer in
            var outputLeft = buffer.count
            // errno is read straight after iconv: appending below may allocate and clobber it.
            let failure: Int32? = buffer.withMemoryRebound(to: CChar.self) { output in
                var outputCursor = output.baseAddress
                let result =
                    flushing
                    ? iconv(descriptor, nil, nil, &outputCursor, &outputLeft)
                    : iconv(descriptor, &inputCursor, &inputLeft, &outputCursor, &outputLeft)
                return result == -1 ? errno : nil
            }
            utf8.append(contentsOf: buffer[..<(buffer.count - outputLeft)])
            return failure
        }
    }
}
