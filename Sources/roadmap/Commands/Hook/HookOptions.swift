import ArgumentParser
import Foundation
import RoadmapKit

extension Configuration.HookMode: ExpressibleByArgument {}

enum HookContext {
    static func hooksDirectory(_ repository: GitRepository) throws -> URL {
        try repository.hooksDirectory(
            askingWhereNeeded: GitCommand(
                environment: ProcessInfo.processInfo.environment, directory: repository.workingDirectory))
    }

    /// The absolute path of this binary, written into the hook for when `roadmap` is not on PATH.
    static func binaryPath() -> String {
        // Foundation reads /proc/self/exe on Linux and _NSGetExecutablePath on macOS.
        Bundle.main.executableURL?.resolvingSymlinksInPath().path ?? CommandLine.arguments[0]
    }
}

/// Which hook script `install` writes and `print` shows: the same choices for both.
struct HookScriptOptions: ParsableArguments {
    @Option(
        help:
            "amend (fold the tracker into the commit just made), commit (a separate commit) or worktree (only write the file). Default: .roadmap.yml's hook.mode when the hook runs, else amend."
    )
    var mode: Configuration.HookMode?

    @Flag(
        name: .customLong("commit-msg"),
        help: "The commit-msg hook that checks the refs a message names, instead of the post-commit hook.")
    var commitMessage = false

    @Flag(help: "With --commit-msg: refuse a message naming an unknown or ambiguous ref (default: warn).")
    var strict = false

    var kind: HookScript.Kind { commitMessage ? .commitMessage : .postCommit }

    func validate() throws {
        if strict && !commitMessage { throw ValidationError("--strict only applies with --commit-msg") }
        if mode != nil && commitMessage {
            throw ValidationError("--mode applies to the post-commit hook, not --commit-msg")
        }
    }
}
