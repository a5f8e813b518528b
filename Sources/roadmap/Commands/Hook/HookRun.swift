import ArgumentParser
import Foundation
import RoadmapKit

extension Hook {
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract:
                "What the post-commit hook runs: sync, then amend, commit or only write. Never fails: problems are one warning line."
        )

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
}
