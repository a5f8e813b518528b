import ArgumentParser
import Foundation
import RoadmapKit

/// `roadmap hook`: the table of its subcommands, one file each.
struct Hook: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hook",
        abstract: "Install, remove or run the post-commit hook (and the optional commit-msg check).",
        subcommands: [Install.self, Uninstall.self, Run.self, CheckMessage.self, Print.self])
}
