import ArgumentParser
import Foundation
import RoadmapKit

@main
struct RoadmapCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roadmap",
        abstract: "Keeps a learning roadmap's progress tracker honest, from the evidence in git.",
        discussion: commitForms,
        version: BuildVersion.description,
        subcommands: [
            Init.self, Sync.self, Status.self, Explain.self, Lint.self, Badge.self, Chart.self, Hook.self, Demo.self,
            Cohort.self,
        ]
    )

    /// What to write in a commit, for `roadmap --help` and `roadmap sync --help`.
    static let commitForms = """
        What to write in a commit message:
          Roadmap: done p1/event-loop, streams      a trailer: these items are done
          finished #streams, completes #p1/buffers  done
          wip #routing, started #buffers            in progress
          skipped #graphql                          skipped
          reopen #streams                           not started again
          feat(streams): a demo                     in progress, never done
        A ref is an id (p1/event-loop), a unique slug (event-loop) or the item's
        name in quotes; `roadmap status --items` lists them. A git revert cancels
        the evidence of the commit it reverts.
        """

    /// Exit codes are PRODUCT.md 4's, not ArgumentParser's: usage errors are 2, not 64. Async only for the
    /// cohort's task group; every other command runs synchronously inside it.
    static func main() async {
        do {
            let arguments = try leadingDirectoryOptions(Array(CommandLine.arguments.dropFirst()))
            // What runs on every commit and CI step skips the parser's start-up (Hook.Run.plainMode,
            // Sync.plainRequest).
            if let mode = Hook.Run.plainMode(arguments) {
                Hook.Run.perform(mode: mode)
                exit(0)
            }
            if let request = Sync.plainRequest(arguments) {
                try Sync.perform(request)
                exit(0)
            }
            if let first = arguments.first, let suggestion = subcommandSuggestion(for: first) {
                throw RoadmapError.usage(
                    "'\(TerminalText.escaped(first))' is not a roadmap command; did you mean '\(suggestion)'?")
            }
            var command = try parseAsRoot(arguments)
            if var asynchronous = command as? AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
            exit(0)
        } catch let error as RoadmapError {
            Output.error(error.message)
            exit(error.exitCode)
        } catch let code as ExitCode {
            exit(code.rawValue)
        } catch let error as CocoaError {
            Output.error(TerminalText.escaped(fileErrorSentence(error)))
            exit(3)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                exit(0)
            }
            Output.error(message(for: error))
            Output.standardError(usageString(for: error))
            exit(2)
        }
    }

    static func exit(_ code: Int32) -> Never {
        Foundation.exit(code)
    }

    /// "cannot write /x/blocker/hooks: Not a directory": the path and the system's reason, which Foundation's
    /// own description on Linux leaves out ("The operation could not be completed").
    static func fileErrorSentence(_ error: CocoaError) -> String {
        let path = error.filePath ?? error.url?.path ?? "a file"
        let verb = error.code.rawValue >= 512 && error.code.rawValue < 1024 ? "cannot write" : "cannot read"
        guard let underlying = error.underlying.map({ $0 as NSError }), underlying.domain == NSPOSIXErrorDomain else {
            return "\(verb) \(path)"
        }
        return "\(verb) \(path): \(String(cString: strerror(Int32(underlying.code))))"
    }

    /// `roadmap -C PATH sync`, as with git: each leading `-C` changes directory before anything else.
    static func leadingDirectoryOptions(_ arguments: [String]) throws -> [String] {
        var rest = arguments[...]
        while rest.first == "-C" {
            guard rest.count >= 2 else { throw RoadmapError.usage("-C needs a path") }
            let path = rest[rest.startIndex + 1]
            guard FileManager.default.changeCurrentDirectoryPath(path) else {
                throw RoadmapError.usage("cannot change to '\(path)': no such directory")
            }
            rest = rest.dropFirst(2)
        }
        return Array(rest)
    }

    /// git's "did you mean": the closest subcommand to a word that is none, when it is close (an edit or two).
    static func subcommandSuggestion(for word: String) -> String? {
        guard !word.hasPrefix("-") else { return nil }
        let names = configuration.subcommands.compactMap { $0.configuration.commandName } + ["help"]
        guard !names.contains(word) else { return nil }
        let scored = names.map { ($0, RefResolver.editDistance(word.lowercased(), $0)) }.min { $0.1 < $1.1 }
        // Two edits from four letters on: a swap (snyc) costs two.
        guard let (name, distance) = scored, distance <= (word.count >= 4 ? 2 : 1) else { return nil }
        return name
    }

    private static func usageString(for error: Error) -> String {
        "Run 'roadmap --help' for usage.\n"
    }
}

extension RoadmapError {
    /// PRODUCT.md 4: 2 for usage or configuration, 3 for a repository or file.
    var exitCode: Int32 {
        switch kind {
        case .usage: 2
        case .file, .notARepository: 3
        }
    }
}
