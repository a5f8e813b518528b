import ArgumentParser
import Foundation
import RoadmapKit

extension Hook {
    struct Uninstall: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "uninstall", abstract: "Remove roadmap's hook and restore the one that was there before.")

        @Flag(name: .customLong("commit-msg"), help: "Remove the commit-msg hook instead of the post-commit hook.")
        var commitMessage = false

        @OptionGroup var location: DirectoryOption

        func run() throws {
            let repository = try Session.repository(startingAt: location.startDirectory)
            let kind: HookScript.Kind = commitMessage ? .commitMessage : .postCommit
            if let manager = HookManager.detect(
                workTree: repository.workingDirectory, hooksPath: try repository.configString("core.hooksPath")),
                manager
                    != .preCommit(config: repository.workingDirectory.appendingPathComponent(".pre-commit-config.yaml"))
            {
                for line in try ManagedHooks(manager).uninstall(kind) { Output.print(line + "\n") }
                return
            }
            let folder = try HookContext.hooksDirectory(repository)
            let path = folder.appendingPathComponent(kind.rawValue).path
            switch try HookInstaller(directory: folder).uninstall(kind) {
            case .removed(let restored):
                Output.print(
                    "removed \(path)" + (restored ? " and restored the hook that was there before" : "") + "\n")
            default: Output.print("no roadmap \(kind.rawValue) hook in \(folder.path)\n")
            }
        }
    }
}
