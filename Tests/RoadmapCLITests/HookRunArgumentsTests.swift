import ArgumentParser
import RoadmapKit
import Testing

@testable import roadmap

/// `hook run` is read without ArgumentParser when the hook calls it as it does (Hook.Run.plainMode): it must
/// take exactly what ArgumentParser would, and leave everything else to it.
@Suite struct HookRunArgumentsTests {
    @Test(arguments: [
        ["hook", "run"], ["hook", "run", "--mode", "amend"], ["hook", "run", "--mode", "commit"],
        ["hook", "run", "--mode=worktree"], ["hook", "run", "--mode", "bogus"], ["hook", "run", "--mode"],
        ["hook", "run", "--help"], ["hook", "run", "extra"], ["hook", "run", "--mode", "amend", "--mode", "commit"],
        ["hook", "install"], ["sync"], ["hook"], [],
    ])
    func whatIsReadDirectlyIsWhatArgumentParserReads(arguments: [String]) throws {
        guard let mode = Hook.Run.plainMode(arguments) else { return }
        let run = try #require(
            try? RoadmapCommand.parseAsRoot(arguments) as? Hook.Run,
            "read directly, but ArgumentParser refuses \(arguments)")
        #expect(run.mode == mode, "\(arguments)")
    }

    /// What the installed hook scripts pass (HookScript) takes the direct way.
    @Test func theHookScriptsCallsAreReadDirectly() {
        #expect(Hook.Run.plainMode(["hook", "run"]) == .some(nil))
        for mode in Configuration.HookMode.allCases {
            #expect(Hook.Run.plainMode(["hook", "run", "--mode", mode.rawValue]) == .some(mode))
            #expect(
                HookScript.text(.postCommit, mode: mode, strict: false).contains("hook run --mode \(mode.rawValue)"))
        }
        #expect(HookScript.text(.postCommit, mode: nil, strict: false).contains("\"$roadmap_bin\" hook run ||"))
    }

    /// A new option of `hook run` must be taught to plainMode, or plainMode would run without it.
    @Test func runHasNoOptionsButTheMode() {
        let help = Hook.Run.helpMessage(columns: 200)
        let options = help.split(separator: "\n").filter { $0.hasPrefix("  -") }.map {
            $0.split(separator: " ", omittingEmptySubsequences: true).first.map(String.init) ?? ""
        }
        #expect(options.sorted() == ["--mode", "-h,"], "\(help)")
    }
}
