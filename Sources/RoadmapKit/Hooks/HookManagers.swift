import Foundation

/// The hook managers learners already use, and how roadmap joins each one instead of writing into the
/// folder it owns: husky v9 runs `.husky/<hook>` (roadmap adds one line there, never touching husky's
/// generated `.husky/_/`); lefthook runs the commands of `lefthook.yml` (roadmap adds two); pre-commit runs
/// what `.pre-commit-config.yaml` names (roadmap says what to add: it does not edit that file).
public enum HookManager: Equatable, Sendable {
    case husky(scripts: URL)
    case lefthook(config: URL)
    case preCommit(config: URL)

    /// The manager a repository uses: husky when git runs hooks from its `.husky/_`, lefthook or
    /// pre-commit when their configuration is at the root of the work tree.
    public static func detect(workTree: URL, hooksPath: String?) -> HookManager? {
        if let hooksPath {
            let path = hooksPath.hasSuffix("/") ? String(hooksPath.dropLast()) : hooksPath
            if path == ".husky/_" || path.hasSuffix("/.husky/_") || path == ".husky" || path.hasSuffix("/.husky") {
                let scripts = path.hasSuffix("/_") ? String(path.dropLast(2)) : path
                let absolute = scripts.hasPrefix("/") ? URL(fileURLWithPath: scripts) : workTree.appendingPathComponent(scripts)
                return .husky(scripts: absolute.standardizedFileURL)
            }
        }
        for name in Lefthook.configNames {
            let url = workTree.appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: url.path) { return .lefthook(config: url) }
        }
        let preCommit = workTree.appendingPathComponent(".pre-commit-config.yaml")
        if FileManager.default.fileExists(atPath: preCommit.path) { return .preCommit(config: preCommit) }
        return nil
    }
}

/// husky v9: `.husky/<hook>` is a plain shell script husky's runner starts with `sh -e`.
public enum Husky {
    /// Ends roadmap's line, so that uninstall removes exactly it.
    public static let marker = "# added by roadmap hook install"

    /// roadmap's line in `.husky/<hook>`: it runs roadmap when it is on PATH and otherwise says so, and its
    /// status is 0 either way (under `sh -e` a failing line would end the user's script).
    public static func line(_ kind: HookScript.Kind, strict: Bool = false) -> String {
        let missing = kind == .postCommit ? "tracker not synced" : "message not checked"
        let command = kind == .postCommit ? "roadmap hook run" : "roadmap hook check-message\(strict ? " --strict" : "") \"$1\""
        return "if command -v roadmap >/dev/null 2>&1; then \(command); else echo \"roadmap: not on PATH; \(missing)\" >&2; fi \(marker)"
    }

    /// `script` (nil when the file does not exist) with roadmap's line at its end; nil when it is there.
    public static func adding(_ kind: HookScript.Kind, strict: Bool = false, to script: String?) -> String? {
        let line = line(kind, strict: strict)
        guard let script, !script.isEmpty else { return line + "\n" }
        var lines = script.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.contains(line) { return nil }
        // A line of an earlier install (another mode or strictness) is replaced where it stands.
        if let old = lines.firstIndex(where: { $0.hasSuffix(marker) }) {
            lines[old] = line
            return lines.joined(separator: "\n")
        }
        return script + (script.hasSuffix("\n") ? "" : "\n") + line + "\n"
    }

    /// `script` without roadmap's line; nil when it has none.
    public static func removing(from script: String) -> String? {
        let lines = script.split(separator: "\n", omittingEmptySubsequences: false)
        let kept = lines.filter { !$0.hasSuffix(marker) }
        return kept.count == lines.count ? nil : kept.joined(separator: "\n")
    }
}

/// lefthook: commands under each hook's name in `lefthook.yml` (YAML), run by the hooks `lefthook install`
/// writes.
public enum Lefthook {
    public static let configNames = ["lefthook.yml", ".lefthook.yml", "lefthook.yaml", ".lefthook.yaml"]

    /// The lines roadmap adds for one hook.
    public static func block(_ kind: HookScript.Kind, strict: Bool = false) -> String {
        let run = kind == .postCommit ? "roadmap hook run" : "roadmap hook check-message\(strict ? " --strict" : "") {1}"
        return "\(kind.rawValue):\n  commands:\n    roadmap:\n      run: \(run)\n"
    }

    public enum Edit: Equatable, Sendable {
        /// The configuration with roadmap's commands.
        case added(String)
        case alreadyThere
        /// The file already configures this hook: roadmap will not rewrite someone's YAML, and says what to add.
        case addByHand(String)
    }

    /// `config` with roadmap's command for `kind`, as a new top-level key at the end of the file.
    public static func adding(_ kind: HookScript.Kind, strict: Bool = false, to config: String) -> Edit {
        let lines = config.split(separator: "\n", omittingEmptySubsequences: false)
        let wanted = block(kind, strict: strict)
        let run = wanted.split(separator: "\n").last!.trimmingCharacters(in: .whitespaces)
        if lines.contains(where: { $0.trimmingCharacters(in: .whitespaces) == run }) { return .alreadyThere }
        let key = "\(kind.rawValue):"
        if lines.contains(where: { $0 == Substring(key) || $0.hasPrefix(key + " ") }) {
            return .addByHand("    roadmap:\n      run: \(run.dropFirst("run: ".count))\n")
        }
        let separator = config.isEmpty || config.hasSuffix("\n\n") ? "" : config.hasSuffix("\n") ? "\n" : "\n\n"
        return .added(config + separator + wanted)
    }

    /// `config` without roadmap's commands (a hook key left with nothing else goes too); nil when it has none.
    public static func removing(from config: String) -> String? {
        var lines = config.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var changed = false
        for kind in HookScript.Kind.allCases {
            guard let top = lines.firstIndex(of: "\(kind.rawValue):"),
                top + 3 < lines.count, lines[top + 1] == "  commands:", lines[top + 2] == "    roadmap:",
                lines[top + 3].trimmingCharacters(in: .whitespaces).hasPrefix("run: roadmap hook ")
            else { continue }
            let rest = lines[(top + 4)...].prefix { $0.hasPrefix("  ") }
            if rest.isEmpty {
                var end = top + 4
                if end < lines.count, lines[end].isEmpty, top > 0, lines[top - 1].isEmpty { end += 1 }
                lines.removeSubrange(top..<end)
            } else {
                lines.removeSubrange((top + 2)...(top + 3))
            }
            changed = true
        }
        return changed ? lines.joined(separator: "\n") : nil
    }
}
