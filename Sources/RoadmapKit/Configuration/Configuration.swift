import Foundation

/// `.roadmap.yml` as a typed value. Every key is optional; a missing file means these defaults.
public struct Configuration: Equatable, Sendable {
    public static let fileName = ".roadmap.yml"

    /// The Markdown file whose tracker sync rewrites, relative to the work tree.
    public var trackerFile = "README.md"
    public var wording = Wording.default
    /// Per-item aliases and path globs, keyed by the ref written in the file.
    public var items: [ItemSettings] = []
    /// Extra commit-message rules.
    public var patterns: [CommitPattern] = []
    public var hookMode = HookMode.amend
    /// The progress badge and burn-up chart sync keeps up to date (relative to the work tree); nil: none.
    public var badgeFile: String?
    public var chartFile: String?
    /// The badge's left-hand text.
    public var badgeLabel = "roadmap"
    /// The days `status`, the chart and `cohort` average the pace over.
    public var paceWindow = Pace.defaultWindow
    /// Corrections to the document engine's guesses: which tracker, which status column, which heading
    /// level holds the phases.
    public var document = DocumentOptions()
    /// Kinds of `lint` finding not to report.
    public var lintIgnore: Set<LintProblem.Kind> = []

    public init() {}

    public struct ItemSettings: Equatable, Sendable {
        public var ref: String
        /// 1-based line of the key, for errors.
        public var line: Int
        public var aliases: [String] = []
        public var paths: [String] = []
    }

    /// A user rule: a regex with a named group `ref`, and either a named group `verb` or a fixed verb.
    public struct CommitPattern: Equatable, Sendable {
        public var regex: String
        public var verb: Verb?
        public var line: Int
    }

    public enum HookMode: String, CaseIterable, Sendable {
        case amend, commit, worktree
    }
}

/// A bad `.roadmap.yml`: exit 2, with the file, line and key.
public struct ConfigurationError: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var key: String?
    public var problem: String

    public var description: String {
        let place = line.map { "\(file):\($0)" } ?? file
        let subject = key.map { "`\($0)` " } ?? ""
        return "\(place): \(subject)\(problem)"
    }
}
