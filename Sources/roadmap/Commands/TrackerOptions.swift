import ArgumentParser
import Foundation
import RoadmapKit

/// `-C PATH`, for every command that works in a repository.
struct DirectoryOption: ParsableArguments {
    @Option(name: .customShort("C"), help: ArgumentHelp("Run as if started in <path>.", valueName: "path"))
    var directory: String?

    var startDirectory: URL {
        let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        guard let directory else { return current }
        return URL(fileURLWithPath: directory, relativeTo: current).standardizedFileURL
    }
}

/// Options every command that reads the tracker shares.
struct TrackerOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "The tracker file (default: the config's `file:`, else README.md).")
    var file: String?

    @OptionGroup var location: DirectoryOption

    var startDirectory: URL { location.startDirectory }

    func workspace() throws -> Workspace {
        try Workspace.load(root: Session.root(startingAt: startDirectory), file: file)
    }
}
