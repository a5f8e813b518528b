import ArgumentParser
import Foundation
import RoadmapKit

extension Hook {
    struct Install: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "install",
            abstract:
                "Write roadmap's hook into the folder git runs hooks from (core.hooksPath honoured); a hook already there is kept and still runs.",
            discussion: """
                With husky (core.hooksPath .husky/_), one line goes at the end of .husky/post-commit (or \
                .husky/commit-msg) and husky's generated .husky/_ is left alone. With lefthook (lefthook.yml), \
                roadmap's post-commit and commit-msg commands go into its file and lefthook install runs. With \
                pre-commit, see README for the two hooks of .pre-commit-hooks.yaml.
                """
        )

        @OptionGroup var script: HookScriptOptions
        @OptionGroup var location: DirectoryOption

        @Flag(help: "With husky or lefthook: print what to add to their files instead of adding it.")
        var print = false

        func run() throws {
            let repository = try Session.repository(startingAt: location.startDirectory)
            let kind = script.kind
            let strict = script.strict
            let manager = HookManager.detect(
                workTree: repository.workingDirectory, hooksPath: try repository.configString("core.hooksPath"))
            switch manager {
            case .husky(let scripts)?:
                if print {
                    return Output.print(
                        "\(scripts.appendingPathComponent(kind.rawValue).path):\n\(Husky.line(kind, strict: strict))\n")
                }
                for line in try ManagedHooks(manager!).install(kind, strict: strict) { Output.print(line + "\n") }
                return
            case .lefthook(let config)?:
                if print {
                    return Output.print(
                        "\(config.lastPathComponent):\n"
                            + HookScript.Kind.allCases.map { Lefthook.block($0, strict: strict) }.joined(
                                separator: "\n"))
                }
                for line in try ManagedHooks(manager!).install(kind, strict: strict) { Output.print(line + "\n") }
                return
            case .preCommit?, nil:
                break
            }
            let folder = try HookContext.hooksDirectory(repository)
            let script = HookScript.text(
                kind, mode: script.mode, strict: script.strict, installedFrom: HookContext.binaryPath())
            let result = try HookInstaller(directory: folder).install(kind, script: script)
            let path = folder.appendingPathComponent(kind.rawValue).path
            switch result {
            case .installed(let kept):
                Output.print(
                    "installed \(path)"
                        + (kept
                            ? " (the hook that was there runs first, kept as \(HookScript.preservedName(kind)))" : "")
                        + "\n")
            case .updated: Output.print("updated \(path)\n")
            default: Output.print("\(path) is already installed\n")
            }
            if case .preCommit? = manager {
                Output.print(
                    "this repository uses pre-commit: its own hooks for roadmap are in .pre-commit-hooks.yaml (README: hook managers)\n"
                )
            }
        }
    }
}
