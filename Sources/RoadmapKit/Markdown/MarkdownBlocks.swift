/// The block structure of a document as GitHub renders it, in document order, each block located by line
/// and byte offset. Made by `GFMParser`; everything above it reads these values, never the C tree.
public struct MarkdownBlocks: Sendable {
    public var source: MarkdownSource
    /// Pre-order: a block's children follow it, and `parent` points back.
    public var blocks: [MarkdownBlock]

    public init(_ source: MarkdownSource) {
        self.source = source
        blocks = GFMParser.blocks(of: source)
    }

    /// The blocks whose ancestors include `index`, in order.
    public func descendants(of index: Int) -> Range<Int> {
        (index + 1)..<blocks[index].subtreeEnd
    }
}

public struct MarkdownBlock: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case document
        case blockQuote
        case list
        case item
        case codeBlock
        case htmlBlock
        case paragraph
        case heading(level: Int)
        case thematicBreak
        case table
        case tableRow
        case tableCell
        case footnoteDefinition
        case other
    }

    public var kind: Kind
    public var parent: Int?
    /// One past the index of its last descendant.
    public var subtreeEnd: Int
    /// 0-based lines, as `MarkdownSource.lines` counts them.
    public var firstLine: Int
    public var lastLine: Int
    /// The byte where the block starts on its first line.
    public var start: Int
    /// The rendered text of a paragraph, heading or table cell: inline markup dropped, entities and escapes
    /// decoded, line breaks as spaces.
    public var text: String = ""
    /// For a list item: the checkbox in front of its text, if it has one (see `TaskBox`).
    public var box: TaskBox?
    /// For a table row: the header row.
    public var isHeaderRow = false
    /// For a paragraph: it is one bold phrase (`**Beginner**`), which readers take as a small heading.
    public var isBoldLine = false
    /// Somewhere inside a block quote.
    public var isQuoted = false
}

/// `[ ]`, `[x]`, `[X]` (a checkbox on GitHub) or `[/]`, `[-]`, `[~]` (plain text on GitHub, written by
/// learners for "in progress" and "skipped"): the byte between the brackets.
public struct TaskBox: Sendable, Equatable {
    public var offset: Int
    public var character: UInt8
    /// GitHub draws it as a checkbox.
    public var isCheckbox: Bool
}
