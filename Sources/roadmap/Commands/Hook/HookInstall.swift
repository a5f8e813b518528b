import ArgumentParser
import Foundation
import RoadmapKit

extension Hook {
    struct Install: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "install",
            abstract:
                "Write roadmap's hook into the folder git runs hooks from (core.hooksPath honoured); a hook already there is kept and still runs."
        )

        @OptionGroup var script: HookScriptOptions
        @OptionGroup var location: DirectoryOption

        func run() throws {
            let repository = try Session.repository(startingAt: location.startDirectory)
            let kind = script.kind
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
        }
    }
}
