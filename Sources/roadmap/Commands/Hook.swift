import ArgumentParser
import Foundation
import RoadmapKit

struct Hook: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hook",
        abstract: "Install, remove or run the post-commit hook (and the optional commit-msg check).",
        subcommands: [Install.self, Uninstall.self, Run.self, CheckMessage.self, Print.self])

    struct Install: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "install",
            abstract: "Write roadmap's hook into the folder git runs hooks from (core.hooksPath honoured); a hook already there is kept and still runs.")

        @OptionGroup var script: HookScriptOptions
        @OptionGroup var location: DirectoryOption

        func run() throws {
            let repository = try Session.repository(startingAt: location.startDirectory)
            let kind = script.kind
            let folder = try HookContext.hooksDirectory(repository)
            let script = HookScript.text(kind, mode: script.mode, strict: script.strict, installedFrom: HookContext.binaryPath())
            let result = try HookInstaller(directory: folder).install(kind, script: script)
            let path = folder.appendingPathComponent(kind.rawValue).path
            switch result {
            case .installed(let kept):
                Output.print("installed \(path)" + (kept ? " (the hook that was there runs first, kept as \(HookScript.preservedName(kind)))" : "") + "\n")
            case .updated: Output.print("updated \(path)\n")
            default: Output.print("\(path) is already installed\n")
            }
        }
    }

    struct Uninstall: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "uninstall", abstract: "Remove roadmap's hook and restore the one that was there before.")

        @Flag(name: .customLong("commit-msg"), help: "Remove the commit-msg hook instead of the post-commit hook.")
        var commitMessage = false

        @OptionGroup var location: DirectoryOption

        func run() throws {
            let repository = try Session.repository(startingAt: location.startDirectory)
            let kind: HookScript.Kind = commitMessage ? .commitMessage : .postCommit
            let folder = try HookContext.hooksDirectory(repository)
            let path = folder.appendingPathComponent(kind.rawValue).path
            switch try HookInstaller(directory: folder).uninstall(kind) {
            case .removed(let restored): Output.print("removed \(path)" + (restored ? " and restored the hook that was there before" : "") + "\n")
            default: Output.print("no roadmap \(kind.rawValue) hook in \(folder.path)\n")
            }
        }
    }

    struct Print: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "print",
            abstract: "Print a hook script (as in the repository's hooks/ folder), for husky, lefthook or a hand-made setup.")

        @OptionGroup var script: HookScriptOptions

        func run() throws {
            Output.print(HookScript.text(script.kind, mode: script.mode, strict: script.strict))
        }
    }

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "What the post-commit hook runs: sync, then amend, commit or only write. Never fails: problems are one warning line.")

        @Option(help: "amend, commit or worktree (default: .roadmap.yml's hook.mode, else amend).")
        var mode: Configuration.HookMode?

        func run() throws {
            Self.perform(mode: mode)
        }

        static func perform(mode: Configuration.HookMode?) {
            let report = HookRunner.run(
                mode: mode, startingAt: URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
                environment: ProcessInfo.processInfo.environment, trace: Output.trace)
            for line in report.lines { Output.standardError(TerminalText.escaped(line) + "\n") }
        }

        /// The mode of `hook run` as hook scripts call it — alone, or with `--mode M` — read without
        /// ArgumentParser, whose start-up (every command's arguments built, then twice more to look for a
        /// completion-script request) costs each commit's hook some 4 ms. nil for anything else, which goes
        /// to ArgumentParser as before: options, help, a mode it does not know (ArgumentParser words the
        /// error). A test holds this to Run's options.
        static func plainMode(_ arguments: [String]) -> Configuration.HookMode?? {
            guard arguments.count >= 2, arguments[0] == "hook", arguments[1] == "run" else { return nil }
            let options = arguments.dropFirst(2)
            let value: String
            switch options.count {
            case 0: return .some(nil)
            case 1 where options.first!.hasPrefix("--mode="): value = String(options.first!.dropFirst("--mode=".count))
            case 2 where options.first == "--mode": value = options.last!
            default: return nil
            }
            return Configuration.HookMode(rawValue: value).map { .some($0) }
        }
    }

    struct CheckMessage: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check-message",
            abstract: "What the commit-msg hook runs: warn about (or with --strict refuse) unknown and ambiguous refs in a message file.")

        @Argument(help: "The commit message file git passes to commit-msg.")
        var messageFile: String

        @Flag(help: "Exit 1 when the message names an unknown or ambiguous ref.")
        var strict = false

        func run() throws {
            let problems: [MessageCheck.Problem]
            do {
                problems = try check()
            } catch let error as RoadmapError {
                // A hook never blocks a commit for its own troubles, only (with --strict) for the message's.
                Output.warning("commit-msg hook: \(error.message); message not checked")
                return
            }
            for problem in problems {
                Output.standardError("roadmap: \(strict ? "error" : "warning"): \(TerminalText.escaped(problem.sentence))\n")
            }
            if strict && !problems.isEmpty {
                Output.standardError("roadmap: commit refused; fix the ref or commit with --no-verify\n")
                throw ExitCode(1)
            }
        }

        private func check() throws -> [MessageCheck.Problem] {
            let repository = try Session.repository(startingAt: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            let workspace = try Workspace.load(root: repository.workingDirectory, file: nil)
            let document = try workspace.document()
            let path = URL(fileURLWithPath: messageFile, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).path
            let bytes = try Workspace.readFile(path, named: messageFile, LocalFiles())
            return MessageCheck.problems(
                in: String(decoding: bytes, as: UTF8.self), roadmap: document.roadmap,
                grammar: CommitGrammar(patterns: workspace.configuration.patterns))
        }
    }
}

extension Configuration.HookMode: ExpressibleByArgument {}

enum HookContext {
    static func hooksDirectory(_ repository: GitRepository) throws -> URL {
        try repository.hooksDirectory()
    }

    /// The absolute path of this binary, written into the hook for when `roadmap` is not on PATH.
    static func binaryPath() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}

/// Which hook script `install` writes and `print` shows: the same choices for both.
struct HookScriptOptions: ParsableArguments {
    @Option(help: "amend (fold the tracker into the commit just made), commit (a separate commit) or worktree (only write the file). Default: .roadmap.yml's hook.mode when the hook runs, else amend.")
    var mode: Configuration.HookMode?

    @Flag(name: .customLong("commit-msg"), help: "The commit-msg hook that checks the refs a message names, instead of the post-commit hook.")
    var commitMessage = false

    @Flag(help: "With --commit-msg: refuse a message naming an unknown or ambiguous ref (default: warn).")
    var strict = false

    var kind: HookScript.Kind { commitMessage ? .commitMessage : .postCommit }

    func validate() throws {
        if strict && !commitMessage { throw ValidationError("--strict only applies with --commit-msg") }
        if mode != nil && commitMessage { throw ValidationError("--mode applies to the post-commit hook, not --commit-msg") }
    }
}
