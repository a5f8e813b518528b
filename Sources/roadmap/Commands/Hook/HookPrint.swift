import ArgumentParser
import Foundation
import RoadmapKit

extension Hook {
    struct Print: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "print",
            abstract:
                "Print a hook script (as in the repository's hooks/ folder), for husky, lefthook or a hand-made setup.")

        @OptionGroup var script: HookScriptOptions

        func run() throws {
            Output.print(HookScript.text(script.kind, mode: script.mode, strict: script.strict))
        }
    }
}
