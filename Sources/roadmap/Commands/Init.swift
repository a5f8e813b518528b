import ArgumentParser
import Foundation
import RoadmapKit

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write the embedded Node.js backend roadmap and a commented .roadmap.yml.")

    @OptionGroup var options: TrackerOptions

    @Flag(help: "Overwrite files that already exist.")
    var force = false

    func run() throws {
        let root = try Session.root(startingAt: options.startDirectory)
        let written = try Initializer.run(root: root, file: options.file, force: force)
        for file in written {
            Output.print("wrote \(file)\n")
        }
    }
}
