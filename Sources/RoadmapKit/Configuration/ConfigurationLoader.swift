import Foundation
import Yams

/// Reads `.roadmap.yml` node by node rather than through Codable, so that an unknown key or a bad value
/// is reported with its line, and a typo never silently falls back to a default.
public enum ConfigurationLoader {
    public static func load(_ text: String, file: String = Configuration.fileName) throws -> Configuration {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw ConfigurationError(
                file: file, line: line(of: error), key: nil, problem: "is not valid YAML (\(problem(of: error)))")
        }
        var configuration = Configuration()
        guard let root, !isNull(root) else { return configuration }
        let reader = Reader(file: file)
        for (key, value) in try reader.mapping(root, key: nil) {
            switch key.name {
            case "file":
                let path = try reader.string(value, key: key.name)
                guard !path.isEmpty else { throw reader.error(value, key.name, "must name a file") }
                configuration.trackerFile = path
            case "progress":
                configuration.wording.showsProgress = try reader.bool(value, key: key.name)
            case "progress_line":
                configuration.wording.progressLine = try reader.string(value, key: key.name)
            case "progress_bar_width":
                let width = try reader.int(value, key: key.name)
                guard (1...100).contains(width) else {
                    throw reader.error(value, key.name, "must be between 1 and 100")
                }
                configuration.wording.progressBarWidth = width
            case "phase_status":
                try reader.words(
                    value, key: key.name, into: &configuration.wording,
                    [
                        "not_started": \.phaseNotStarted, "in_progress": \.phaseInProgress,
                        "completed": \.phaseCompleted,
                    ])
            case "marks":
                try reader.words(
                    value, key: key.name, into: &configuration.wording,
                    [
                        "not_started": \.markNotStarted, "in_progress": \.markInProgress, "done": \.markDone,
                        "skipped": \.markSkipped,
                    ])
            case "row_status":
                try reader.words(
                    value, key: key.name, into: &configuration.wording,
                    [
                        "not_started": \.rowNotStarted, "in_progress": \.rowInProgress, "done": \.rowDone,
                        "skipped": \.rowSkipped,
                    ])
            case "items":
                configuration.items = try reader.items(value)
            case "patterns":
                configuration.patterns = try reader.patterns(value)
            case "hook":
                for (hookKey, hookValue) in try reader.mapping(value, key: key.name) {
                    guard hookKey.name == "mode" else { throw reader.unknown(hookKey, "hook.") }
                    let mode = try reader.string(hookValue, key: "hook.mode")
                    guard let parsed = Configuration.HookMode(rawValue: mode) else {
                        throw reader.error(hookValue, "hook.mode", "must be amend, commit or worktree, not \"\(mode)\"")
                    }
                    configuration.hookMode = parsed
                }
            case "badge", "chart":
                let path = try reader.string(value, key: key.name)
                guard !path.isEmpty else { throw reader.error(value, key.name, "must name a file") }
                guard path.lowercased().hasSuffix(".svg") else {
                    throw reader.error(value, key.name, "must name an .svg file, not \"\(path)\"")
                }
                if key.name == "badge" { configuration.badgeFile = path } else { configuration.chartFile = path }
            case "tracker":
                let heading = try reader.string(value, key: key.name)
                guard !heading.trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw reader.error(value, key.name, "must name a heading")
                }
                configuration.document.tracker = heading
            case "status_column":
                let header = try reader.string(value, key: key.name)
                guard !header.trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw reader.error(value, key.name, "must name a column header")
                }
                configuration.document.statusColumn = header
            case "phase_level":
                let level = try reader.int(value, key: key.name)
                guard (1...6).contains(level) else {
                    throw reader.error(value, key.name, "must be a heading level from 1 to 6")
                }
                configuration.document.phaseLevel = level
            case "status_words":
                let states: [String: ItemStatus] = [
                    "not_started": .notStarted, "in_progress": .inProgress, "done": .done, "skipped": .skipped,
                ]
                for (state, words) in try reader.mapping(value, key: key.name) {
                    guard let status = states[state.name] else { throw reader.unknown(state, "status_words.") }
                    let list = try reader.strings(words, key: "status_words.\(state.name)")
                    guard !list.contains(where: { TextNormalization.words($0).isEmpty }) else {
                        throw reader.error(words, "status_words.\(state.name)", "must be words, not only symbols")
                    }
                    configuration.wording.extraStatusWords[status, default: []] += list
                }
            case "lint":
                for (lintKey, lintValue) in try reader.mapping(value, key: key.name) {
                    guard lintKey.name == "ignore" else { throw reader.unknown(lintKey, "lint.") }
                    for name in try reader.strings(lintValue, key: "lint.ignore") {
                        guard let kind = LintProblem.Kind(rawValue: name) else {
                            let known = LintProblem.Kind.allCases.map(\.rawValue).joined(separator: ", ")
                            throw reader.error(
                                lintValue, "lint.ignore", "names no kind of finding: \"\(name)\" (kinds: \(known))")
                        }
                        configuration.lintIgnore.insert(kind)
                    }
                }
            case "badge_label":
                let label = try reader.string(value, key: key.name)
                guard !label.trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw reader.error(value, key.name, "must not be empty")
                }
                configuration.badgeLabel = label
            case "pace_window":
                let days = try reader.int(value, key: key.name)
                guard Pace.windowRange.contains(days) else {
                    throw reader.error(value, key.name, "must be a number of days from 1 to 365")
                }
                configuration.paceWindow = days
            default:
                throw reader.unknown(key, "")
            }
        }
        return configuration
    }

    private static func isNull(_ node: Node) -> Bool {
        if case .scalar(let scalar) = node {
            return scalar.string.isEmpty || scalar.string == "~" || scalar.string == "null"
        }
        return false
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        default: nil
        }
    }

    private static func problem(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _): problem
        case .reader(let problem, _, _, _): problem
        default: "\(error)"
        }
    }

    private struct Key {
        var name: String
        var node: Node
    }

    private struct Reader {
        var file: String

        func error(_ node: Node, _ key: String?, _ problem: String) -> ConfigurationError {
            ConfigurationError(file: file, line: node.mark?.line, key: key, problem: problem)
        }

        func unknown(_ key: Key, _ prefix: String) -> ConfigurationError {
            error(key.node, prefix + key.name, "is not a known setting")
        }

        func mapping(_ node: Node, key: String?) throws -> [(Key, Node)] {
            if ConfigurationLoader.isNull(node) { return [] }
            guard case .mapping(let mapping) = node else { throw error(node, key, "must be a mapping") }
            return try mapping.map { keyNode, value in
                guard case .scalar(let scalar) = keyNode else {
                    throw error(keyNode, key, "has a key that is not text")
                }
                return (Key(name: scalar.string, node: keyNode), value)
            }
        }

        func string(_ node: Node, key: String) throws -> String {
            guard case .scalar(let scalar) = node else { throw error(node, key, "must be text") }
            return scalar.string
        }

        func bool(_ node: Node, key: String) throws -> Bool {
            guard case .scalar = node, let value = node.bool else { throw error(node, key, "must be true or false") }
            return value
        }

        func int(_ node: Node, key: String) throws -> Int {
            guard case .scalar = node, let value = node.int else { throw error(node, key, "must be a whole number") }
            return value
        }

        func strings(_ node: Node, key: String) throws -> [String] {
            if ConfigurationLoader.isNull(node) { return [] }
            if case .scalar = node { return [try string(node, key: key)] }
            guard case .sequence(let sequence) = node else { throw error(node, key, "must be a list of text") }
            return try sequence.map { try string($0, key: key) }
        }

        func words(
            _ node: Node, key: String, into wording: inout Wording, _ fields: [String: WritableKeyPath<Wording, String>]
        ) throws {
            for (field, value) in try mapping(node, key: key) {
                guard let path = fields[field.name] else { throw unknown(field, key + ".") }
                let text = try string(value, key: "\(key).\(field.name)")
                guard !text.trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw error(value, "\(key).\(field.name)", "must not be empty")
                }
                wording[keyPath: path] = text
            }
        }

        func items(_ node: Node) throws -> [Configuration.ItemSettings] {
            try mapping(node, key: "items").map { key, value in
                var settings = Configuration.ItemSettings(ref: key.name, line: key.node.mark?.line ?? 0)
                for (field, fieldValue) in try mapping(value, key: "items.\(key.name)") {
                    switch field.name {
                    case "aliases": settings.aliases = try strings(fieldValue, key: "items.\(key.name).aliases")
                    case "paths": settings.paths = try strings(fieldValue, key: "items.\(key.name).paths")
                    default: throw unknown(field, "items.\(key.name).")
                    }
                }
                return settings
            }
        }

        func patterns(_ node: Node) throws -> [Configuration.CommitPattern] {
            if ConfigurationLoader.isNull(node) { return [] }
            guard case .sequence(let sequence) = node else { throw error(node, "patterns", "must be a list") }
            return try sequence.map { entry in
                var regex: String?
                var verb: Verb?
                if case .scalar = entry {
                    regex = try string(entry, key: "patterns")
                } else {
                    for (field, value) in try mapping(entry, key: "patterns") {
                        switch field.name {
                        case "regex": regex = try string(value, key: "patterns.regex")
                        case "verb":
                            let word = try string(value, key: "patterns.verb")
                            guard let parsed = Verb.named(word) else {
                                throw error(
                                    value, "patterns.verb", "must be done, start, skip or reopen, not \"\(word)\"")
                            }
                            verb = parsed
                        default: throw unknown(field, "patterns.")
                        }
                    }
                }
                guard let regex else { throw error(entry, "patterns", "needs a regex") }
                let compiled: NSRegularExpression
                do {
                    compiled = try NSRegularExpression(pattern: regex)
                } catch {
                    throw self.error(entry, "patterns.regex", "is not a valid regular expression: \(regex)")
                }
                let groups = Self.groupNames(regex)
                guard groups.contains("ref") else {
                    throw error(entry, "patterns.regex", "needs a named group (?<ref>…)")
                }
                guard verb != nil || groups.contains("verb") else {
                    throw error(entry, "patterns", "needs a named group (?<verb>…) or a verb: key")
                }
                _ = compiled
                return Configuration.CommitPattern(regex: regex, verb: verb, line: entry.mark?.line ?? 0)
            }
        }

        static func groupNames(_ regex: String) -> Set<String> {
            var names = Set<String>()
            var rest = regex[...]
            while let open = rest.range(of: "(?<") {
                let after = rest[open.upperBound...]
                if let close = after.firstIndex(of: ">"), after.first != "=", after.first != "!" {
                    names.insert(String(after[..<close]))
                }
                rest = after
            }
            return names
        }
    }
}
