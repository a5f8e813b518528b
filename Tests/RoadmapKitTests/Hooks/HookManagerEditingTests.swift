import Foundation
import Testing

@testable import RoadmapKit

/// How roadmap edits the files of husky and lefthook: one line or one block added, exactly it removed.
@Suite struct HookManagerEditingTests {
    @Test func huskyGetsOneLineAtTheEndOfTheLearnersScript() throws {
        let script = "npx lint-staged\n"
        let added = try #require(Husky.adding(.postCommit, to: script))
        #expect(added == "npx lint-staged\n" + Husky.line(.postCommit) + "\n")
        #expect(Husky.adding(.postCommit, to: added) == nil, "installing twice changes nothing")
        #expect(Husky.removing(from: added) == script)
        #expect(Husky.removing(from: script) == nil)
        // A script without a final newline, and a missing one.
        #expect(Husky.adding(.postCommit, to: "npm test") == "npm test\n" + Husky.line(.postCommit) + "\n")
        #expect(Husky.adding(.commitMessage, to: nil) == Husky.line(.commitMessage) + "\n")
        // A strict reinstall replaces the line where it stands.
        let loose = try #require(Husky.adding(.commitMessage, to: "echo hi\n"))
        let strict = try #require(Husky.adding(.commitMessage, strict: true, to: loose + "echo after\n"))
        #expect(strict == "echo hi\n" + Husky.line(.commitMessage, strict: true) + "\necho after\n")
    }

    /// The line exits 0 under `sh -e` whether or not roadmap is on PATH, and runs it when it is.
    @Test func huskysLineNeverFailsTheScript() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("husky-line-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let fake = folder.appendingPathComponent("roadmap")
        try Data("#!/bin/sh\necho \"ran: $*\"\n".utf8).write(to: fake)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake.path)
        func run(path: String) throws -> (Int32, String, String) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-e", "-c", Husky.line(.commitMessage) + "\necho after", "sh", ".git/COMMIT_EDITMSG"]
            process.environment = ["PATH": path]
            let out = Pipe()
            let err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.run()
            process.waitUntilExit()
            return (
                process.terminationStatus,
                String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self),
                String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            )
        }
        // 126 is ETXTBSY: a process another test forked meanwhile can hold the new script open for a moment.
        var with = try run(path: folder.path + ":/usr/bin:/bin")
        for _ in 0..<5 where with.0 == 126 {
            usleep(100_000)
            with = try run(path: folder.path + ":/usr/bin:/bin")
        }
        #expect(with.0 == 0)
        #expect(with.1 == "ran: hook check-message .git/COMMIT_EDITMSG\nafter\n")
        let without = try run(path: "/usr/bin:/bin")
        #expect(without.0 == 0)
        #expect(without.1 == "after\n")
        #expect(without.2 == "roadmap: not on PATH; message not checked\n")
    }

    @Test func lefthookGetsABlockForAHookItDoesNotConfigure() throws {
        let config = "pre-commit:\n  commands:\n    lint:\n      run: npm run lint\n"
        guard case .added(let added) = Lefthook.adding(.postCommit, to: config) else {
            Issue.record("not added")
            return
        }
        #expect(added == config + "\npost-commit:\n  commands:\n    roadmap:\n      run: roadmap hook run\n")
        guard case .added(let both) = Lefthook.adding(.commitMessage, to: added) else {
            Issue.record("not added")
            return
        }
        #expect(both.hasSuffix("\ncommit-msg:\n  commands:\n    roadmap:\n      run: roadmap hook check-message {1}\n"))
        #expect(Lefthook.adding(.postCommit, to: both) == .alreadyThere)
        #expect(Lefthook.removing(from: both) == config)
        #expect(Lefthook.removing(from: config) == nil)
    }

    @Test func aHookLefthookAlreadyConfiguresIsLeftToTheLearner() {
        let config = "post-commit:\n  commands:\n    notify:\n      run: ./notify.sh\n"
        #expect(Lefthook.adding(.postCommit, to: config) == .addByHand("    roadmap:\n      run: roadmap hook run\n"))
        // Added by hand under the learner's own commands, it is still removed exactly.
        let byHand = config + "    roadmap:\n      run: roadmap hook run\n"
        #expect(Lefthook.adding(.postCommit, to: byHand) == .alreadyThere)
    }

    @Test func theManagerIsReadFromHooksPathAndConfigFiles() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("managers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(HookManager.detect(workTree: root, hooksPath: nil) == nil)
        #expect(
            HookManager.detect(workTree: root, hooksPath: ".husky/_")
                == .husky(scripts: root.appendingPathComponent(".husky").standardizedFileURL))
        #expect(
            HookManager.detect(workTree: root, hooksPath: root.path + "/.husky/_/")
                == .husky(scripts: root.appendingPathComponent(".husky").standardizedFileURL))
        #expect(HookManager.detect(workTree: root, hooksPath: "hooks") == nil)
        try Data().write(to: root.appendingPathComponent(".pre-commit-config.yaml"))
        #expect(
            HookManager.detect(workTree: root, hooksPath: nil)
                == .preCommit(config: root.appendingPathComponent(".pre-commit-config.yaml")))
        try Data().write(to: root.appendingPathComponent("lefthook.yml"))
        #expect(
            HookManager.detect(workTree: root, hooksPath: nil)
                == .lefthook(config: root.appendingPathComponent("lefthook.yml")))
    }
}
