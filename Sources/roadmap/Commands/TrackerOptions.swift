import ArgumentParser
import Foundation
import RoadmapKit

/// Options every command that reads the tracker shares.
struct TrackerOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "The tracker file (default: the config's `file:`, else README.md).")
    var file: String?

    @Option(name: .customShort("C"), help: ArgumentHelp("Run as if started in <path>.", valueName: "path"))
    var directory: String?

    var startDirectory: URL {
        let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        guard let directory else { return current }
        return URL(fileURLWithPath: directory, relativeTo: current).standardizedFileURL
    }

    func workspace() throws -> Workspace {
        try Workspace.load(root: Session.root(startingAt: startDirectory), file: file)
    }
}
