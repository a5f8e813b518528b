import Foundation
import Testing

@testable import RoadmapKit

/// The engine against the parser's own renderer: what `cmark-gfm -e table -e tasklist --sourcepos` draws as
/// checkboxes and table rows inside the chosen tracker is exactly what the engine counts, and an HTML
/// table has the rows Python's HTML parser finds in it.
@Suite struct DifferentialTests {
    static func run(_ executable: String, _ arguments: [String], input: [UInt8]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable] + arguments
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        stdin.fileHandleForWriting.write(Data(input))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.executableLoad) }
        return String(decoding: output, as: UTF8.self)
    }

    /// 1-based first lines of the elements whose opening tag matches `pattern` (`data-sourcepos="L:C-…"`).
    static func lines(in html: String, after pattern: String) -> [Int] {
        html.components(separatedBy: pattern).dropFirst().compactMap { rest in
            guard rest.hasPrefix(" data-sourcepos=\"") else { return nil }
            return Int(rest.dropFirst(17).prefix { $0.isNumber })
        }
    }

    @Test(arguments: ShapeFixture.all)
    func theEngineCountsWhatGitHubsParserRenders(fixture: ShapeFixture) throws {
        let document = try fixture.document()
        // GitHub renders a page without its BOM (cmark's tasklist misreads a first-line box after one).
        let bytes = fixture.bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(fixture.bytes.dropFirst(3)) : fixture.bytes
        let html = try Self.run("cmark-gfm", ["--sourcepos", "-e", "table", "-e", "tasklist"], input: bytes)
        let itemLines = Set(document.roadmap.items.map(\.line))
        guard let first = itemLines.min(), let last = itemLines.max() else { return }
        switch document.roadmap.shape {
        case .taskList:
            let checkboxes = html.components(separatedBy: "<li").dropFirst().compactMap { rest -> Int? in
                guard rest.contains("<input type=\"checkbox\""),
                    let line = Int(rest.dropFirst(17).prefix { $0.isNumber })
                else { return nil }
                // The checkbox must belong to this item, not to one nested under it.
                let head = rest.prefix { $0 != "\n" }
                return head.contains("<input type=\"checkbox\"") ? line : nil
            }
            let rendered = Set(checkboxes.filter { (first...last).contains($0) })
            // `[/]`, `[-]`, `[~]` are the documented extension: plain text on GitHub, counted here.
            let extended = Set(
                document.slots.boxes.filter { !"x X".utf8.contains($0.character) }.map {
                    document.source.line(containing: $0.offset) + 1
                })
            #expect(itemLines.subtracting(extended) == rendered)
        case .statusTable, .overviewTable:
            let tables = Set(document.slots.cells.map(\.table)).sorted().map { document.page.tables[$0] }
            let spans = tables.map { ($0.firstLine + 1)...($0.lastLine + 1) }
            let engineRows = Set(tables.flatMap { $0.rows.map { $0.line + 1 } })
            let htmlRows = tables.contains(where: \.isHTML) ? try Self.htmlRows(fixture.bytes) : []
            let body = html.components(separatedBy: "<tbody>").dropFirst().map {
                $0.components(separatedBy: "</tbody>")[0]
            }.joined()
            let rendered = Set(
                (Self.lines(in: body, after: "<tr") + htmlRows).filter { line in spans.contains { $0.contains(line) } })
            #expect(engineRows == rendered)
            if document.roadmap.shape == .statusTable { #expect(itemLines.isSubset(of: rendered)) }
        }
    }

    /// 1-based lines of the `<tr>`s holding `<td>` cells, from Python's HTML parser (a browser's tokenizer
    /// rules, independent of the engine's).
    static func htmlRows(_ bytes: [UInt8]) throws -> [Int] {
        let script = """
            import sys
            from html.parser import HTMLParser
            class Rows(HTMLParser):
                def __init__(self):
                    super().__init__(); self.rows = []; self.open = None; self.cells = 0
                def handle_starttag(self, tag, attrs):
                    if tag == "tr": self.open = self.getpos()[0]; self.cells = 0
                    if tag == "td" and self.open is not None: self.cells += 1
                def handle_endtag(self, tag):
                    if tag == "tr" and self.open is not None:
                        if self.cells: self.rows.append(self.open)
                        self.open = None
            parser = Rows(); parser.feed(sys.stdin.read()); print(" ".join(map(str, parser.rows)))
            """
        return try run("python3", ["-c", script], input: bytes).split(separator: " ").compactMap {
            Int($0.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }
}
