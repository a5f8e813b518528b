import CZlib
import Foundation
import FoundationXML

/// An SVG drawn by a real renderer (`rsvg-convert`, Debian's librsvg2-bin, installed by the bootstrap) and
/// decoded to pixels, so tests can say where the data appears in the picture people see.
struct RenderedPicture {
    var width: Int
    var height: Int
    /// RGBA, row by row.
    var pixels: [UInt8]

    struct Color: Equatable, CustomStringConvertible {
        var red, green, blue: Int

        init(red: Int, green: Int, blue: Int) {
            self.red = red
            self.green = green
            self.blue = blue
        }

        /// "#0969da" or "#4c1".
        init(hex: String) {
            var digits = Array(hex.dropFirst())
            if digits.count == 3 { digits = digits.flatMap { [$0, $0] } }
            let value = Int(String(digits), radix: 16)!
            self.init(red: value >> 16 & 0xFF, green: value >> 8 & 0xFF, blue: value & 0xFF)
        }

        /// `self` painted with `opacity` over `background`.
        func over(_ background: Color, opacity: Double) -> Color {
            func mix(_ top: Int, _ bottom: Int) -> Int {
                Int((Double(top) * opacity + Double(bottom) * (1 - opacity)).rounded())
            }
            return Color(
                red: mix(red, background.red), green: mix(green, background.green), blue: mix(blue, background.blue))
        }

        func isClose(to other: Color, tolerance: Int) -> Bool {
            abs(red - other.red) <= tolerance && abs(green - other.green) <= tolerance
                && abs(blue - other.blue) <= tolerance
        }

        var description: String { "rgb(\(red), \(green), \(blue))" }
    }

    func color(x: Int, y: Int) -> Color {
        let offset = (y * width + x) * 4
        return Color(red: Int(pixels[offset]), green: Int(pixels[offset + 1]), blue: Int(pixels[offset + 2]))
    }

    /// Rows in column `x` whose colour is within `tolerance` of `color`.
    func rows(inColumn x: Int, matching color: Color, tolerance: Int = 40) -> [Int] {
        (0..<height).filter { self.color(x: x, y: $0).isClose(to: color, tolerance: tolerance) }
    }

    func columns(inRow y: Int, matching color: Color, tolerance: Int = 40) -> [Int] {
        (0..<width).filter { self.color(x: $0, y: y).isClose(to: color, tolerance: tolerance) }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Renders `svg` to PNG with rsvg-convert and decodes it.
    static func render(_ svg: String) throws -> RenderedPicture {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "roadmap-picture-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("picture.svg")
        let output = folder.appendingPathComponent("picture.png")
        try Data(svg.utf8).write(to: input)
        guard
            let renderer = ["/usr/bin/rsvg-convert", "/usr/local/bin/rsvg-convert"].first(
                where: FileManager.default.isExecutableFile(atPath:))
        else {
            throw Failure(
                description: "rsvg-convert is not installed; run Scripts/bootstrap.sh (Debian package librsvg2-bin)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: renderer)
        process.arguments = ["--format", "png", "--output", output.path, input.path]
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "rsvg-convert failed with status \(process.terminationStatus)")
        }
        return try decodePNG([UInt8](Data(contentsOf: output)))
    }

    /// A PNG decoder for what rsvg-convert and Chromium write: 8-bit RGBA or RGB, not interlaced (anything else
    /// is an error, never a silently wrong picture); RGB comes back as opaque RGBA. zlib inflates the image data; the five row filters are undone here.
    static func decodePNG(_ bytes: [UInt8]) throws -> RenderedPicture {
        guard bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else {
            throw Failure(description: "not a PNG")
        }
        func u32(_ at: Int) -> Int {
            Int(bytes[at]) << 24 | Int(bytes[at + 1]) << 16 | Int(bytes[at + 2]) << 8 | Int(bytes[at + 3])
        }
        var position = 8
        var width = 0
        var height = 0
        var compressed: [UInt8] = []
        var channels = 4
        while position + 8 <= bytes.count {
            let length = u32(position)
            let type = String(decoding: bytes[(position + 4)..<(position + 8)], as: UTF8.self)
            let data = Array(bytes[(position + 8)..<(position + 8 + length)])
            switch type {
            case "IHDR":
                width = u32(position + 8)
                height = u32(position + 12)
                guard data[8] == 8, data[9] == 6 || data[9] == 2, data[12] == 0 else {
                    throw Failure(
                        description:
                            "PNG is not 8-bit RGBA or RGB without interlacing (depth \(data[8]), colour type \(data[9]))"
                    )
                }
                channels = data[9] == 6 ? 4 : 3
            case "IDAT": compressed += data
            default: break
            }
            position += 12 + length
        }
        let stride = width * channels
        var raw = [UInt8](repeating: 0, count: height * (stride + 1))
        var rawLength = uLongf(raw.count)
        let status = raw.withUnsafeMutableBufferPointer { out in
            compressed.withUnsafeBufferPointer {
                uncompress(out.baseAddress, &rawLength, $0.baseAddress, uLong($0.count))
            }
        }
        guard status == Z_OK, Int(rawLength) == raw.count else {
            throw Failure(description: "PNG data does not inflate (zlib status \(status))")
        }
        var pixels = [UInt8](repeating: 0, count: height * stride)
        for row in 0..<height {
            let filter = raw[row * (stride + 1)]
            for column in 0..<stride {
                let value = Int(raw[row * (stride + 1) + 1 + column])
                let left = column >= channels ? Int(pixels[row * stride + column - channels]) : 0
                let up = row > 0 ? Int(pixels[(row - 1) * stride + column]) : 0
                let upLeft = row > 0 && column >= channels ? Int(pixels[(row - 1) * stride + column - channels]) : 0
                let predicted: Int
                switch filter {
                case 0: predicted = 0
                case 1: predicted = left
                case 2: predicted = up
                case 3: predicted = (left + up) / 2
                case 4:
                    let estimate = left + up - upLeft
                    let (toLeft, toUp, toUpLeft) = (abs(estimate - left), abs(estimate - up), abs(estimate - upLeft))
                    predicted = toLeft <= toUp && toLeft <= toUpLeft ? left : toUp <= toUpLeft ? up : upLeft
                default: throw Failure(description: "unknown PNG filter \(filter) in row \(row)")
                }
                pixels[row * stride + column] = UInt8((value + predicted) & 0xFF)
            }
        }
        if channels == 3 {
            var rgba = [UInt8](repeating: 255, count: width * height * 4)
            for index in 0..<(width * height) {
                rgba[index * 4] = pixels[index * 3]
                rgba[index * 4 + 1] = pixels[index * 3 + 1]
                rgba[index * 4 + 2] = pixels[index * 3 + 2]
            }
            pixels = rgba
        }
        return RenderedPicture(width: width, height: height, pixels: pixels)
    }
}

/// The SVG parsed by Foundation's XML parser: whether it is well-formed, its root element and attributes,
/// and the text of every element by name.
final class ParsedXML: NSObject, XMLParserDelegate {
    private(set) var error: Error?
    private(set) var root: String?
    private(set) var attributes: [String: [[String: String]]] = [:]
    private(set) var texts: [String: [String]] = [:]
    private var stack: [(name: String, text: String)] = []

    init(_ text: String) {
        super.init()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = self
        if !parser.parse() { error = parser.parserError ?? RenderedPicture.Failure(description: "XML parse failed") }
    }

    var isValid: Bool { error == nil && root != nil }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        if root == nil { root = name }
        self.attributes[name, default: []].append(attributes)
        stack.append((name, ""))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if !stack.isEmpty { stack[stack.count - 1].text += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        let element = stack.removeLast()
        texts[element.name, default: []].append(element.text)
    }
}
