import Foundation
import Testing

/// Plays the composite action's shell steps (.github/actions/roadmap-sync/*.sh) in a temporary clone,
/// with temporary GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, pushing to a temporary origin.
@Suite struct GitHubActionTests {
    static let actionFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../.github/actions/roadmap-sync").standardizedFileURL

    struct Run {
        var result: CLI.Result
        var outputs: [String: String]
        var summary: String
    }

    func step(_ script: String, in clone: URL, environment: [String: String]) throws -> Run {
        let scratch = try TemporaryFolder()
        let output = scratch.url.appendingPathComponent("output")
        let summary = scratch.url.appendingPathComponent("summary")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        _ = FileManager.default.createFile(atPath: summary.path, contents: nil)
        var environment = CLI.baseEnvironment.merging(environment) { _, new in new }
        environment["GITHUB_OUTPUT"] = output.path
        environment["GITHUB_STEP_SUMMARY"] = summary.path
        environment["ROADMAP_BIN"] = CLI.binary.path
        environment["GITHUB_REF_NAME"] = "main"
        let result = try Shell.run(
            URL(fileURLWithPath: "/bin/bash"), [Self.actionFolder.appendingPathComponent(script).path], in: clone,
            environment: environment)
        var outputs: [String: String] = [:]
        for line in String(decoding: try Data(contentsOf: output), as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { outputs[String(parts[0])] = String(parts[1]) }
        }
        return Run(
            result: result, outputs: outputs, summary: String(decoding: try Data(contentsOf: summary), as: UTF8.self))
    }

    /// An origin with the roadmap and some evidence, and a full clone of it.
    func originAndClone(depth: Int? = nil, configuration: String = "") throws -> (origin: TemporaryFolder, clone: URL) {
        let origin = try TemporaryFolder()
        try Shell.git(["init", "-q", "--bare", "-b", "main", "origin.git"], in: origin.url)
        let work = try Repository()
        #expect(try work.roadmap("init").status == 0)
        if !configuration.isEmpty { try work.write(".roadmap.yml", try work.text(".roadmap.yml") + configuration) }
        try work.commit("chore: start the roadmap")
        try work.commit("finished #streams")
        try work.commit("finished #evnt-loop")
        try work.git("push", "-q", origin.url.appendingPathComponent("origin.git").path, "main")
        var arguments = ["clone", "-q"]
        if let depth { arguments += ["--depth", String(depth)] }
        try Shell.git(
            arguments + ["file://" + origin.url.appendingPathComponent("origin.git").path, "clone"], in: origin.url)
        return (origin, origin.url.appendingPathComponent("clone"))
    }

    @Test func syncWritesOutputsSummaryAndAnnotationsThenTheBotCommitIsPushed() throws {
        let (origin, clone) = try originAndClone()
        let sync = try step("sync.sh", in: clone, environment: ["INPUT_MODE": "commit"])
        #expect(sync.result.status == 0, "\(sync.result.stderr)")
        #expect(
            sync.outputs == [
                "changed": "true", "written": "true", "done": "1", "total": "58", "percent": "1", "file": "README.md",
            ])
        #expect(sync.summary.contains("### Roadmap progress\n\n**1/58 done (1%)**\n"))
        #expect(sync.summary.contains("| Phase 1: Node.js Core Concepts | 1/6 | 🚧 In Progress (1/6) |"))
        #expect(sync.summary.contains("- `p1/streams`: not-started → done"))
        #expect(sync.result.stdout.contains("::warning file=README.md,title=roadmap::"))
        #expect(sync.result.stdout.contains("unknown ref `evnt-loop` (did you mean p1/event-loop?)"))

        let commit = try step(
            "commit.sh", in: clone,
            environment: [
                "ROADMAP_FILE": "README.md", "INPUT_COMMIT_MESSAGE": "docs(roadmap): sync progress [skip ci]",
                "INPUT_GIT_USER_NAME": "github-actions[bot]",
                "INPUT_GIT_USER_EMAIL": "41898282+github-actions[bot]@users.noreply.github.com",
            ])
        #expect(commit.result.status == 0, "\(commit.result.stderr)")
        let pushed = try Shell.git(
            [
                "--git-dir", origin.url.appendingPathComponent("origin.git").path, "log", "-1",
                "--format=%an <%ae>%n%s%n%H",
            ], in: origin.url
        ).stdout
        let lines = pushed.split(separator: "\n")
        #expect(lines[0] == "github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>")
        #expect(lines[1] == "docs(roadmap): sync progress [skip ci]")
        #expect(commit.outputs["commit"] == String(lines[2]))
        let files = try Shell.git(
            [
                "--git-dir", origin.url.appendingPathComponent("origin.git").path, "show", "--name-only", "--format=",
                "HEAD",
            ], in: origin.url
        ).stdout
        #expect(files == "README.md\n")

        // A second run finds nothing to do.
        let again = try step("sync.sh", in: clone, environment: ["INPUT_MODE": "commit"])
        #expect(again.outputs["changed"] == "false")
        #expect(again.summary.contains("No item changed in this run."))
    }

    @Test func theBadgeAndChartAreCommittedWithTheTracker() throws {
        let (origin, clone) = try originAndClone(
            configuration: "badge: docs/roadmap-badge.svg\nchart: docs/roadmap-chart.svg\n")
        let originGit = origin.url.appendingPathComponent("origin.git").path
        let sync = try step("sync.sh", in: clone, environment: ["INPUT_MODE": "commit"])
        #expect(sync.result.status == 0, "\(sync.result.stderr)")
        #expect(sync.outputs["badge"] == "docs/roadmap-badge.svg")
        #expect(sync.outputs["chart"] == "docs/roadmap-chart.svg")
        #expect(sync.outputs["pictures_changed"] == "true")
        let environment = [
            "ROADMAP_FILE": "README.md", "ROADMAP_BADGE": sync.outputs["badge"] ?? "",
            "ROADMAP_CHART": sync.outputs["chart"] ?? "",
            "INPUT_COMMIT_MESSAGE": "docs(roadmap): sync progress [skip ci]",
            "GIT_AUTHOR_DATE": "2024-02-01T09:00:00Z", "GIT_COMMITTER_DATE": "2024-02-01T09:00:00Z",
        ]
        let commit = try step("commit.sh", in: clone, environment: environment)
        #expect(commit.result.status == 0, "\(commit.result.stderr)")
        let files = try Shell.git(["--git-dir", originGit, "show", "--name-only", "--format=", "HEAD"], in: origin.url)
            .stdout
        #expect(files == "README.md\ndocs/roadmap-badge.svg\ndocs/roadmap-chart.svg\n")

        // The chart ends with HEAD's day: the bot's commit on a new day redraws it once (committed alone),
        // and a later commit the same day changes nothing, so nothing is committed.
        let onFebruary1 = environment.merging([
            "GIT_AUTHOR_DATE": "2024-02-01T10:00:00Z", "GIT_COMMITTER_DATE": "2024-02-01T10:00:00Z",
        ]) { _, new in new }
        let again = try step("sync.sh", in: clone, environment: ["INPUT_MODE": "commit"])
        #expect(again.outputs["changed"] == "false")
        #expect(again.outputs["pictures_changed"] == "true")
        #expect(try step("commit.sh", in: clone, environment: onFebruary1).result.status == 0)
        let alone = try Shell.git(["--git-dir", originGit, "show", "--name-only", "--format=", "HEAD"], in: origin.url)
            .stdout
        #expect(alone == "docs/roadmap-chart.svg\n")
        let later = try step("sync.sh", in: clone, environment: ["INPUT_MODE": "commit"])
        #expect(later.outputs["changed"] == "false")
        #expect(later.outputs["pictures_changed"] == "false")
        let before = try Shell.git(["--git-dir", originGit, "rev-parse", "HEAD"], in: origin.url).stdout
        let idle = try step("commit.sh", in: clone, environment: onFebruary1)
        #expect(idle.result.stdout.contains("unchanged; nothing to commit"))
        #expect(try Shell.git(["--git-dir", originGit, "rev-parse", "HEAD"], in: origin.url).stdout == before)
    }

    @Test func withoutPicturesTheOutputsAreAsBefore() throws {
        let (origin, clone) = try originAndClone()
        defer { withExtendedLifetime(origin) {} }
        let sync = try step("sync.sh", in: clone, environment: ["INPUT_MODE": "dry-run"])
        #expect(sync.outputs["badge"] == nil && sync.outputs["chart"] == nil && sync.outputs["pictures_changed"] == nil)
    }

    @Test func checkModeFailsTheStepWhenStale() throws {
        let (origin, clone) = try originAndClone()
        defer { withExtendedLifetime(origin) {} }
        let check = try step("sync.sh", in: clone, environment: ["INPUT_MODE": "check"])
        #expect(check.result.status == 1)
        #expect(check.outputs["changed"] == "true")
        #expect(check.outputs["written"] == "false")
    }

    @Test func aShallowCloneGetsOneNotice() throws {
        let (origin, clone) = try originAndClone(depth: 1)
        defer { withExtendedLifetime(origin) {} }
        let sync = try step("sync.sh", in: clone, environment: ["INPUT_MODE": "dry-run"])
        #expect(sync.result.status == 0, "\(sync.result.stderr)")
        let notices = sync.result.stdout.split(separator: "\n").filter { $0.hasPrefix("::notice") }
        #expect(notices.count == 1)
        #expect(notices.first?.contains("fetch-depth: 0") == true)
    }
}
