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
                let absolute =
                    scripts.hasPrefix("/") ? URL(fileURLWithPath: scripts) : workTree.appendingPathComponent(scripts)
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
        let command =
            kind == .postCommit ? "roadmap hook run" : "roadmap hook check-message\(strict ? " --strict" : "") \"$1\""
        return
            "if command -v roadmap >/dev/null 2>&1; then \(command); else echo \"roadmap: not on PATH; \(missing)\" >&2; fi \(marker)"
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
        let run =
            kind == .postCommit ? "roadmap hook run" : "roadmap hook check-message\(strict ? " --strict" : "") {1}"
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

/// What `hook install` and `hook uninstall` did in a hook manager's files, one sentence each.
public struct ManagedHooks {
    public let manager: HookManager
    public let environment: [String: String]

    public init(_ manager: HookManager, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.manager = manager
        self.environment = environment
    }

    /// husky's own stub in `.husky/_/<hook>` (v9), put back where an earlier roadmap replaced it.
    static let huskyStub = "#!/usr/bin/env sh\n. \"${0%/*}/h\"\n"

    public func install(_ kind: HookScript.Kind, strict: Bool) throws -> [String] {
        switch manager {
        case .husky(let scripts):
            var said = try repairHusky(kind, scripts: scripts)
            let url = scripts.appendingPathComponent(kind.rawValue)
            let existing = try? String(contentsOf: url, encoding: .utf8)
            if let updated = Husky.adding(kind, strict: strict, to: existing) {
                try write(updated, to: url, mode: existing == nil ? 0o755 : nil)
                said.append("added roadmap to \(url.path) (husky runs it; .husky/_ is husky's and stays as it is)")
            } else {
                said.append("\(url.path) already runs roadmap")
            }
            return said
        case .lefthook(let config):
            var text = (try? String(contentsOf: config, encoding: .utf8)) ?? ""
            var said: [String] = []
            var changed = false
            // lefthook users keep every hook in one file: both of roadmap's commands go in together.
            for each in HookScript.Kind.allCases {
                switch Lefthook.adding(each, strict: strict, to: text) {
                case .added(let updated):
                    text = updated
                    changed = true
                    said.append("added roadmap's \(each.rawValue) command to \(config.lastPathComponent)")
                case .alreadyThere:
                    said.append("\(config.lastPathComponent) already runs roadmap at \(each.rawValue)")
                case .addByHand(let lines):
                    said.append(
                        "\(config.lastPathComponent) already configures \(each.rawValue); add under its commands:\n\(lines)"
                    )
                }
            }
            if changed {
                try write(text, to: config, mode: nil)
                said.append(runLefthookInstall(in: config.deletingLastPathComponent()))
            }
            return said
        case .preCommit:
            return []
        }
    }

    public func uninstall(_ kind: HookScript.Kind) throws -> [String] {
        switch manager {
        case .husky(let scripts):
            var said = try repairHusky(kind, scripts: scripts)
            let url = scripts.appendingPathComponent(kind.rawValue)
            if let text = try? String(contentsOf: url, encoding: .utf8), let updated = Husky.removing(from: text) {
                if updated.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                    try FileManager.default.removeItem(at: url)
                    said.append("removed \(url.path), which only ran roadmap")
                } else {
                    try write(updated, to: url, mode: nil)
                    said.append("removed roadmap's line from \(url.path)")
                }
            } else if said.isEmpty {
                said.append("no roadmap line in \(url.path)")
            }
            return said
        case .lefthook(let config):
            guard let text = try? String(contentsOf: config, encoding: .utf8),
                let updated = Lefthook.removing(from: text)
            else {
                return ["no roadmap command in \(config.lastPathComponent)"]
            }
            try write(updated, to: config, mode: nil)
            return [
                "removed roadmap's commands from \(config.lastPathComponent)",
                runLefthookInstall(in: config.deletingLastPathComponent()),
            ]
        case .preCommit:
            return []
        }
    }

    /// Undoes what roadmap before this version wrote into husky's generated `.husky/_/`: its own script in
    /// place of husky's stub, and the stub kept beside it as `<hook>.pre-roadmap` (which husky's next
    /// reinstall leaves behind).
    private func repairHusky(_ kind: HookScript.Kind, scripts: URL) throws -> [String] {
        let generated = scripts.appendingPathComponent("_")
        let hook = generated.appendingPathComponent(kind.rawValue)
        let kept = generated.appendingPathComponent(HookScript.preservedName(kind))
        let manager = FileManager.default
        var said: [String] = []
        if let text = try? String(contentsOf: hook, encoding: .utf8), text.contains(HookScript.marker) {
            if manager.fileExists(atPath: kept.path) {
                try manager.removeItem(at: hook)
                try manager.moveItem(at: kept, to: hook)
            } else {
                try write(Self.huskyStub, to: hook, mode: 0o755)
            }
            said.append("put husky's own \(hook.path) back (an earlier roadmap had replaced it)")
        } else if manager.fileExists(atPath: kept.path) {
            try manager.removeItem(at: kept)
            said.append("removed \(kept.path), left by an earlier roadmap")
        }
        return said
    }

    /// lefthook writes git's hooks for the hooks its file names: after roadmap adds one, they are rewritten.
    private func runLefthookInstall(in workTree: URL) -> String {
        guard let lefthook = ChildProcess.executable(named: "lefthook", environment: environment) else {
            return "run `lefthook install` to have git run the new hooks (lefthook is not on PATH here)"
        }
        var environment = environment
        environment["PWD"] = workTree.path
        let command = "cd \(HookScript.shellQuoted(workTree.path)) && exec \(HookScript.shellQuoted(lefthook)) install"
        let result = try? ChildProcess.run("/bin/sh", ["-c", command], environment: environment)
        return result?.status == 0
            ? "ran lefthook install"
            : "lefthook install failed; run it yourself: \(String(decoding: result?.errors ?? [], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))"
    }

    /// Atomically, keeping the mode of a file that was there (`mode` is for a new one).
    private func write(_ text: String, to url: URL, mode: Int?) throws {
        do {
            let kept = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.posixPermissions] as? Int
            try Data(text.utf8).write(to: url, options: .atomic)
            if let mode = kept ?? mode {
                try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: url.path)
            }
        } catch {
            throw RoadmapError.file("cannot write \(url.path): \(error.localizedDescription)")
        }
    }
}
