import CMarkGFM

/// GitHub's own Markdown parser (cmark-gfm, with the extensions github.com turns on) read into
/// `MarkdownBlock` values. The only file that imports CMarkGFM.
enum GFMParser {
    /// cmark-gfm keeps its extensions in a process-wide registry that must be filled once before any parse;
    /// a Swift static is initialised exactly once, whichever thread gets there first.
    private static let registered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    private static let extensionNames = ["table", "tasklist", "strikethrough", "autolink"]

    static func blocks(of source: MarkdownSource) -> [MarkdownBlock] {
        _ = registered
        guard let parser = cmark_parser_new(CMARK_OPT_FOOTNOTES) else { return [] }
        defer { cmark_parser_free(parser) }
        for name in extensionNames {
            if let syntax = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, syntax) }
        }
        // cmark skips a BOM but its tasklist extension then misreads a first-line checkbox; GitHub shows
        // the page without one, so the parser gets the bytes after it and every line counts from its start.
        var input = source.bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(source.bytes.dropFirst(3)) : source.bytes
        // cmark turns a NUL into U+FFFD, three bytes for one; an inert control byte keeps every offset ours.
        for index in input.indices where input[index] == 0 { input[index] = 0x1A }
        if !input.isEmpty {
            input.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
            }
        }
        guard let root = cmark_parser_finish(parser) else { return [] }
        defer { cmark_node_free(root) }
        guard let iterator = cmark_iter_new(root) else { return [] }
        defer { cmark_iter_free(iterator) }

        var builder = Builder(source: source)
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE || event == CMARK_EVENT_NONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            if event == CMARK_EVENT_ENTER { builder.enter(node) } else { builder.exit(node) }
        }
        return builder.blocks
    }

    private struct Builder {
        let source: MarkdownSource
        var blocks: [MarkdownBlock] = []
        /// Open containers: the node and its index in `blocks`.
        var stack: [(node: OpaquePointer, index: Int)] = []
        var text: [UInt8] = []

        init(source: MarkdownSource) { self.source = source }

        mutating func enter(_ node: OpaquePointer) {
            let type = cmark_node_get_type(node).rawValue
            if type & UInt32(CMARK_NODE_TYPE_MASK) == UInt32(CMARK_NODE_TYPE_INLINE) {
                inline(node, type)
                return
            }
            let kind = Self.kind(node, type)
            let parent = stack.last?.index
            let firstLine = line(cmark_node_get_start_line(node))
            var lastLine = line(cmark_node_get_end_line(node))
            // An end column of 0 means "before this line": the block ended with the line before.
            if cmark_node_get_end_column(node) == 0, lastLine > firstLine { lastLine -= 1 }
            let start = offset(line: firstLine, column: cmark_node_get_start_column(node))
            var block = MarkdownBlock(
                kind: kind, parent: parent, subtreeEnd: blocks.count + 1, firstLine: firstLine,
                lastLine: max(firstLine, lastLine), start: start)
            block.isQuoted = parent.map { blocks[$0].isQuoted || blocks[$0].kind == .blockQuote } ?? false
            switch kind {
            case .item:
                let isTask = String(cString: cmark_node_get_type_string(node)) == "tasklist"
                block.box = box(at: start, line: firstLine, isCheckbox: isTask)
            case .tableRow:
                block.isHeaderRow = cmark_gfm_extensions_get_table_row_is_header(node) != 0
            case .paragraph:
                block.isBoldLine = Self.isBoldLine(node)
            default:
                break
            }
            blocks.append(block)
            // Leaves get no exit event.
            if kind != .codeBlock, kind != .htmlBlock, kind != .thematicBreak {
                stack.append((node, blocks.count - 1))
                text.removeAll(keepingCapacity: true)
            }
        }

        mutating func exit(_ node: OpaquePointer) {
            guard let top = stack.last, top.node == node else { return }
            stack.removeLast()
            blocks[top.index].subtreeEnd = blocks.count
            switch blocks[top.index].kind {
            case .paragraph, .heading, .tableCell:
                blocks[top.index].text = String(decoding: text, as: UTF8.self).trimmingBlanks()
                text.removeAll(keepingCapacity: true)
            default:
                break
            }
        }

        private mutating func inline(_ node: OpaquePointer, _ type: UInt32) {
            switch type {
            case CMARK_NODE_TEXT.rawValue, CMARK_NODE_CODE.rawValue:
                if let literal = cmark_node_get_literal(node) {
                    text.append(contentsOf: String(cString: literal).utf8)
                }
            case CMARK_NODE_SOFTBREAK.rawValue, CMARK_NODE_LINEBREAK.rawValue:
                text.append(0x20)
            case CMARK_NODE_HTML_INLINE.rawValue:
                // `<br>` reads as a break; other tags are not text.
                if let literal = cmark_node_get_literal(node), String(cString: literal).lowercased().hasPrefix("<br") {
                    text.append(0x20)
                }
            default:
                break
            }
        }

        private static func kind(_ node: OpaquePointer, _ type: UInt32) -> MarkdownBlock.Kind {
            switch type {
            case CMARK_NODE_DOCUMENT.rawValue: return .document
            case CMARK_NODE_BLOCK_QUOTE.rawValue: return .blockQuote
            case CMARK_NODE_LIST.rawValue: return .list
            case CMARK_NODE_ITEM.rawValue: return .item
            case CMARK_NODE_CODE_BLOCK.rawValue: return .codeBlock
            case CMARK_NODE_HTML_BLOCK.rawValue: return .htmlBlock
            case CMARK_NODE_PARAGRAPH.rawValue: return .paragraph
            case CMARK_NODE_HEADING.rawValue: return .heading(level: Int(cmark_node_get_heading_level(node)))
            case CMARK_NODE_THEMATIC_BREAK.rawValue: return .thematicBreak
            case CMARK_NODE_FOOTNOTE_DEFINITION.rawValue: return .footnoteDefinition
            default: break
            }
            // The table extension's node types are numbered at run time; their names are fixed.
            switch String(cString: cmark_node_get_type_string(node)) {
            case "table": return .table
            case "table_row", "table_header": return .tableRow
            case "table_cell": return .tableCell
            default: return .other
            }
        }

        /// A paragraph that is one strong span, maybe followed by a colon.
        private static func isBoldLine(_ node: OpaquePointer) -> Bool {
            guard let first = cmark_node_first_child(node), cmark_node_get_type(first) == CMARK_NODE_STRONG else {
                return false
            }
            guard let next = cmark_node_next(first) else { return true }
            guard cmark_node_next(next) == nil, cmark_node_get_type(next) == CMARK_NODE_TEXT,
                let literal = cmark_node_get_literal(next)
            else { return false }
            return String(cString: literal).trimmingBlanks() == ":"
        }

        private func line(_ cmarkLine: Int32) -> Int {
            min(max(Int(cmarkLine) - 1, 0), source.lines.count - 1)
        }

        /// cmark's columns count bytes from the line's first byte (after the BOM, which it never saw).
        private func offset(line: Int, column: Int32) -> Int {
            min(max(source.lines[line].start + Int(column) - 1, source.lines[line].start), source.lines[line].end)
        }

        /// The checkbox after a list item's marker (`- `, `* `, `+ `, `1. `, `1) `).
        private func box(at start: Int, line: Int, isCheckbox: Bool) -> TaskBox? {
            let bytes = source.bytes
            let end = source.lines[line].end
            var position = start
            if position < end, bytes[position] == 0x2D || bytes[position] == 0x2A || bytes[position] == 0x2B {
                position += 1
            } else {
                let digits = position
                while position < end, (0x30...0x39).contains(bytes[position]) { position += 1 }
                guard position > digits, position < end, bytes[position] == 0x2E || bytes[position] == 0x29 else {
                    return nil
                }
                position += 1
            }
            let afterMarker = position
            while position < end, bytes[position] == 0x20 || bytes[position] == 0x09 { position += 1 }
            guard position > afterMarker, position + 3 <= end, bytes[position] == 0x5B, bytes[position + 2] == 0x5D
            else { return nil }
            let character = bytes[position + 1]
            if isCheckbox { return TaskBox(offset: position + 1, character: character, isCheckbox: true) }
            let followedByBlank = position + 3 == end || bytes[position + 3] == 0x20 || bytes[position + 3] == 0x09
            guard followedByBlank, character == 0x2F || character == 0x2D || character == 0x7E else { return nil }
            return TaskBox(offset: position + 1, character: character, isCheckbox: false)
        }
    }
}
