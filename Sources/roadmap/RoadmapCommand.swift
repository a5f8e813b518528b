import ArgumentParser
import Foundation
import RoadmapKit

@main
struct RoadmapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roadmap",
        abstract: "Keeps a learning roadmap's progress tracker honest, from the evidence in git.",
        version: "0.1.0",
        subcommands: [Init.self, Sync.self, Status.self, Explain.self, Lint.self, Hook.self, Demo.self]
    )

    /// Exit codes are PRODUCT.md 4's, not ArgumentParser's: usage errors are 2, not 64.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as RoadmapError {
            Output.error(error.message)
            Foundation.exit(error.exitCode)
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            Output.error(message(for: error))
            Output.standardError(usageString(for: error))
            Foundation.exit(2)
        }
    }

    private static func usageString(for error: Error) -> String {
        "Run 'roadmap --help' for usage.\n"
    }
}
