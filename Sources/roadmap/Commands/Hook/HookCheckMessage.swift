import ArgumentParser
import Foundation
import RoadmapKit

extension Hook {
    struct CheckMessage: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check-message",
            abstract:
                "What the commit-msg hook runs: warn about (or with --strict refuse) unknown and ambiguous refs in a message file."
        )

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
                Output.standardError(
                    "roadmap: \(strict ? "error" : "warning"): \(TerminalText.escaped(problem.sentence))\n")
            }
            if strict && !problems.isEmpty {
                Output.standardError("roadmap: commit refused; fix the ref or commit with --no-verify\n")
                throw ExitCode(1)
            }
        }

        private func check() throws -> [MessageCheck.Problem] {
            let repository = try Session.repository(
                startingAt: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            let workspace = try Workspace.load(root: repository.workingDirectory, file: nil)
            let document = try workspace.document()
            let path = URL(
                fileURLWithPath: messageFile, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            ).path
            let bytes = try Workspace.readFile(path, named: messageFile, LocalFiles())
            return MessageCheck.problems(
                in: String(decoding: bytes, as: UTF8.self), roadmap: document.roadmap,
                grammar: CommitGrammar(patterns: workspace.configuration.patterns))
        }
    }
}
