import Foundation
import Testing

/// Plays the composite action's shell steps (action.yml at the root, action/*.sh) in a temporary clone,
/// with temporary GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, pushing to a temporary origin.
@Suite struct GitHubActionTests {
    static let actionFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../action").standardizedFileURL

    struct Run {
        var result: CLI.Result
        var outputs: [String: String]
        var summary: String
    }

    func step(_ script: String, _ arguments: [String] = [], in clone: URL, environment: [String: String]) throws -> Run
    {
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
            URL(fileURLWithPath: "/bin/bash"), [Self.actionFolder.appendingPathComponent(script).path] + arguments,
            in: clone, environment: environment)
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

    @Test func theStatusJSONIsCommittedWithTheTrackerForTheCohort() throws {
        let (origin, clone) = try originAndClone()
        let originGit = origin.url.appendingPathComponent("origin.git").path
        #expect(try step("sync.sh", in: clone, environment: ["INPUT_MODE": "commit"]).result.status == 0)
        let status = try step("status.sh", in: clone, environment: ["INPUT_STATUS_JSON": "commit"])
        #expect(status.result.status == 0, "\(status.result.stderr)")
        #expect(status.outputs == ["path": ".roadmap/status.json", "changed": "true"])
        let written = try String(contentsOf: clone.appendingPathComponent(".roadmap/status.json"), encoding: .utf8)
        #expect(written == (try CLI.run(["status", "--json"], in: clone).stdout))
        let commit = try step(
            "commit.sh", in: clone,
            environment: [
                "ROADMAP_FILE": "README.md", "ROADMAP_STATUS_JSON": status.outputs["path"] ?? "",
                // The same day as the learner's commits (Repository's clock starts on 2023-11-14): the pace
                // counts to HEAD's day, so a bot commit on a later day changes the file once more.
                "GIT_AUTHOR_DATE": "2023-11-14T23:30:00Z", "GIT_COMMITTER_DATE": "2023-11-14T23:30:00Z",
            ])
        #expect(commit.result.status == 0, "\(commit.result.stderr)")
        let files = try Shell.git(["--git-dir", originGit, "show", "--name-only", "--format=", "HEAD"], in: origin.url)
            .stdout
        #expect(files == ".roadmap/status.json\nREADME.md\n")
        // The committed file is what a mentor's cohort reads: the same figures as the learner's status.
        let cohort = try CLI.run(["cohort", ".roadmap/status.json", "--json"], in: clone)
        #expect(cohort.status == 0)
        #expect(cohort.stdout.contains("\"done\" : 1,"))
        // Unchanged since the bot's commit: nothing more to commit.
        let again = try step("status.sh", in: clone, environment: ["INPUT_STATUS_JSON": "commit"])
        #expect(again.outputs["changed"] == "false")
    }

    @Test func theStatusJSONForAnArtifactStaysOutOfTheCheckout() throws {
        let (origin, clone) = try originAndClone()
        defer { withExtendedLifetime(origin) {} }
        let temporary = try TemporaryFolder()
        let status = try step(
            "status.sh", in: clone, environment: ["INPUT_STATUS_JSON": "artifact", "RUNNER_TEMP": temporary.url.path])
        #expect(status.result.status == 0, "\(status.result.stderr)")
        let path = try #require(status.outputs["path"])
        #expect(path == temporary.url.path + "/roadmap-status/status.json")
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(try Shell.git(["status", "--porcelain"], in: clone).stdout.isEmpty)
        let wrong = try step("status.sh", in: clone, environment: ["INPUT_STATUS_JSON": "gist"])
        #expect(wrong.result.status == 2)
        #expect(wrong.result.stdout.contains("::error title=roadmap::status-json must be commit or artifact, not gist"))
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

    /// An old typo is annotated once: after the bot's sync commit, only commits since it are.
    @Test func typosAreAnnotatedOnlyInCommitsSinceTheBotsLastSync() throws {
        let (origin, clone) = try originAndClone()
        defer { withExtendedLifetime(origin) {} }
        let first = try step("sync.sh", in: clone, environment: ["INPUT_MODE": "commit"])
        #expect(first.result.stdout.contains("unknown ref `evnt-loop`"))
        let bot = ["ROADMAP_FILE": "README.md", "INPUT_GIT_USER_NAME": "github-actions[bot]"]
        #expect(try step("commit.sh", in: clone, environment: bot).result.status == 0)
        try Shell.git(["commit", "-q", "--allow-empty", "-m", "finished #bufers"], in: clone)
        let second = try step("sync.sh", in: clone, environment: ["INPUT_MODE": "dry-run"])
        #expect(second.result.status == 0, "\(second.result.stderr)")
        let annotations = second.result.stdout.split(separator: "\n").filter { $0.hasPrefix("::warning") }
        #expect(annotations.count == 1, "\(annotations)")
        #expect(annotations.first?.contains("unknown ref `bufers`") == true)
        #expect(second.summary.contains("evnt-loop"), "the job summary still lists every warning")
    }

    /// A shallow clone (actions/checkout's default) is deepened before the sync: the same outputs as a full
    /// clone's, and no shallow-clone notice.
    @Test func aShallowCloneIsDeepenedFirst() throws {
        let (origin, clone) = try originAndClone(depth: 1)
        defer { withExtendedLifetime(origin) {} }
        let sync = try step("sync.sh", in: clone, environment: ["INPUT_MODE": "dry-run"])
        #expect(sync.result.status == 0, "\(sync.result.stderr)")
        #expect(try Shell.git(["rev-parse", "--is-shallow-repository"], in: clone).stdout == "false\n")
        #expect(!sync.result.stdout.contains("::notice"))
        let (fullOrigin, full) = try originAndClone()
        defer { withExtendedLifetime(fullOrigin) {} }
        let reference = try step("sync.sh", in: full, environment: ["INPUT_MODE": "dry-run"])
        #expect(sync.outputs == reference.outputs)
    }

    static let botEnvironment = [
        "ROADMAP_FILE": "README.md", "INPUT_COMMIT_MESSAGE": "docs(roadmap): sync progress [skip ci]",
    ]

    /// GitHub's answer to a push to a protected branch, from a pre-receive hook on the origin that also
    /// counts the pushes it saw.
    @Test func aProtectedBranchIsSaidAtOnceWithoutRetries() throws {
        let (origin, clone) = try originAndClone()
        let hook = origin.url.appendingPathComponent("origin.git/hooks/pre-receive")
        try Data(
            "#!/bin/sh\necho push >> \"$(dirname \"$0\")/../pushes\"\necho 'error: GH006: Protected branch update failed for refs/heads/main.' >&2\nexit 1\n"
                .utf8
        ).write(to: hook)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook.path)
        _ = try step("sync.sh", in: clone, environment: ["INPUT_MODE": "commit"])
        let commit = try step("commit.sh", in: clone, environment: Self.botEnvironment)
        #expect(commit.result.status == 1)
        #expect(
            commit.result.stdout.contains(
                "::error title=roadmap::the branch main is protected and refused the bot's push; use mode: pull-request"
            ))
        let pushes = try String(contentsOf: origin.url.appendingPathComponent("origin.git/pushes"), encoding: .utf8)
        #expect(pushes == "push\n", "one push, no retries")
    }

    /// A stand-in for GitHub's pulls API on loopback: it keeps the pull requests it opened and logs each
    /// request (method, path, authorization, body) as a JSON line.
    static let apiServer = #"""
        import http.server, json, os, sys
        os.closerange(3, 65536)  # the descriptors of the test's Process, which waits until they close
        log, pulls = open(sys.argv[1], "a"), []
        class API(http.server.BaseHTTPRequestHandler):
            def record(self, body=None):
                log.write(json.dumps([self.command, self.path, self.headers.get("Authorization"), body]) + "\n"); log.flush()
            def answer(self, status, value):
                data = json.dumps(value).encode()
                self.send_response(status); self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data))); self.end_headers(); self.wfile.write(data)
            def do_GET(self):
                self.record()
                self.answer(200, [p for p in pulls if "head=" + p["owner"] + ":" + p["head"] in self.path])
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                self.record(body)
                pull = {"number": len(pulls) + 1, "html_url": "https://github.test/o/r/pull/%d" % (len(pulls) + 1), "head": body["head"], "owner": "o"}
                pulls.append(pull)
                self.answer(201, pull)
            def log_message(self, *args): pass
        server = http.server.HTTPServer(("127.0.0.1", 0), API)
        print(server.server_address[1], flush=True)
        server.serve_forever()
        """#

    @Test func pullRequestModeOpensOnePullRequestAndThenUpdatesIt() throws {
        let (origin, clone) = try originAndClone()
        let scratch = try TemporaryFolder()
        let log = scratch.url.appendingPathComponent("requests.jsonl")
        try scratch.write("server.py", Self.apiServer)
        // Started in the background by a shell, which writes its pid and the port it listens on to files.
        let start = "python3 server.py requests.jsonl > port 2>/dev/null < /dev/null & echo $! > pid"
        #expect(
            try Shell.run(
                URL(fileURLWithPath: "/bin/sh"), ["-c", start], in: scratch.url, environment: CLI.baseEnvironment
            ).status == 0)
        // The pid is read now: ARC may free the scratch folder (and its files) before the scope ends.
        let pid = try String(contentsOf: scratch.url.appendingPathComponent("pid"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        defer {
            // SIGKILL: the test process hands its children a blocked SIGTERM.
            _ = try? Shell.run(
                URL(fileURLWithPath: "/bin/kill"), ["-KILL", pid], in: origin.url, environment: CLI.baseEnvironment)
            withExtendedLifetime(scratch) {}
        }
        var port = ""
        for _ in 0..<100 where !port.hasSuffix("\n") {
            port = (try? String(contentsOf: scratch.url.appendingPathComponent("port"), encoding: .utf8)) ?? ""
            if !port.hasSuffix("\n") { usleep(50_000) }
        }
        var environment = Self.botEnvironment
        environment["INPUT_MODE"] = "pull-request"
        environment["GITHUB_TOKEN"] = "test-token"
        environment["GITHUB_REPOSITORY"] = "o/r"
        environment["GITHUB_API_URL"] = "http://127.0.0.1:\(port.trimmingCharacters(in: .whitespacesAndNewlines))"
        _ = try step("sync.sh", in: clone, environment: ["INPUT_MODE": "pull-request"])
        let first = try step("commit.sh", in: clone, environment: environment)
        #expect(first.result.status == 0, "\(first.result.stdout)\(first.result.stderr)")
        #expect(first.outputs["pull-request"] == "1")
        #expect(first.outputs["pull-request-url"] == "https://github.test/o/r/pull/1")
        let originGit = origin.url.appendingPathComponent("origin.git").path
        #expect(
            try Shell.git(["--git-dir", originGit, "log", "-1", "--format=%s", "roadmap/sync"], in: origin.url).stdout
                == "docs(roadmap): sync progress [skip ci]\n")
        #expect(
            try Shell.git(["--git-dir", originGit, "log", "-1", "--format=%s", "main"], in: origin.url).stdout
                == "finished #evnt-loop\n", "main is untouched")

        // New evidence on main: the next run pushes the branch again and leaves the open pull request to show it.
        try Shell.git(["reset", "-q", "--hard", "origin/main"], in: clone)
        try Shell.git(["commit", "-q", "--allow-empty", "-m", "finished #buffers"], in: clone)
        try Shell.git(["push", "-q", "origin", "main"], in: clone)
        _ = try step("sync.sh", in: clone, environment: ["INPUT_MODE": "pull-request"])
        let second = try step("commit.sh", in: clone, environment: environment)
        #expect(second.result.status == 0, "\(second.result.stdout)\(second.result.stderr)")
        #expect(second.outputs["pull-request"] == "1")
        #expect(second.result.stdout.contains("pull request #1 already open for roadmap/sync"))
        let requests = try String(contentsOf: log, encoding: .utf8).split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [Any] ?? []
        }
        #expect(
            requests.map { $0[0] as? String } == ["GET", "POST", "GET"],
            "one pull request opened, found the second time")
        #expect(requests.allSatisfy { $0[2] as? String == "Bearer test-token" })
        #expect(
            (requests[0][1] as? String)?.hasPrefix("/repos/o/r/pulls?state=open&head=o:roadmap/sync&base=main") == true)
        let body = requests[1][3] as? [String: Any]
        #expect(body?["head"] as? String == "roadmap/sync" && body?["base"] as? String == "main")
        #expect(
            try Shell.git(["--git-dir", originGit, "show", "roadmap/sync:README.md"], in: origin.url).stdout.contains(
                "✅ Buffers"))
    }

    /// The version the action runs: an input, else the release `uses: …@v1.2.0` pins, else the latest.
    @Test(arguments: [
        (["INPUT_VERSION": "v1.4.0"], "1.4.0"), (["INPUT_VERSION": "", "ACTION_REF": "v2.0.1"], "2.0.1"),
        (["INPUT_VERSION": "1.0.0", "ACTION_REF": "v2.0.1"], "1.0.0"),
        (["ACTION_REF": "v1", "ROADMAP_RELEASE_URL": "file:///nowhere"], "latest"),
    ])
    func theVersionIsTheInputsThenTheTagsThenTheLatest(environment: [String: String], version: String) throws {
        let folder = try TemporaryFolder()
        var environment = environment
        environment["RUNNER_TOOL_CACHE"] = folder.url.path
        let run = try step("binary.sh", ["resolve"], in: folder.url, environment: environment)
        #expect(run.result.status == 0, "\(run.result.stderr)")
        #expect(run.outputs["version"] == version)
        #expect(run.outputs["dir"] == folder.url.path + "/roadmap/" + version)
    }

    /// The release binary is downloaded and checked once; a restored tool folder is used as it is.
    @Test func theReleaseBinaryIsInstalledIntoTheToolCacheOnce() throws {
        let mirror = try InstallScriptTests.Mirror()
        let folder = try TemporaryFolder()
        let dir = folder.url.appendingPathComponent("roadmap/latest").path
        let environment = [
            "ROADMAP_VERSION": "latest", "ROADMAP_TOOL_DIR": dir, "ROADMAP_RELEASE_URL": mirror.url,
            "HOME": folder.url.path,
        ]
        let first = try step("binary.sh", ["install"], in: folder.url, environment: environment)
        #expect(first.result.status == 0, "\(first.result.stderr)")
        #expect(first.outputs["path"] == dir + "/bin/roadmap")
        #expect(FileManager.default.isExecutableFile(atPath: dir + "/bin/roadmap"))
        // As after actions/cache restored the folder: no download (the mirror is gone), the same path.
        try FileManager.default.removeItem(at: mirror.folder.url)
        let again = try step("binary.sh", ["install"], in: folder.url, environment: environment)
        #expect(again.result.status == 0, "\(again.result.stderr)")
        #expect(again.outputs["path"] == dir + "/bin/roadmap")
    }

    @Test func aFailedDownloadIsOneErrorAnnotationNamingTheWayOut() throws {
        let folder = try TemporaryFolder()
        let environment = [
            "ROADMAP_VERSION": "9.9.9", "ROADMAP_TOOL_DIR": folder.url.appendingPathComponent("t").path,
            "ROADMAP_RELEASE_URL": "file://" + folder.url.appendingPathComponent("missing").path,
            "HOME": folder.url.path,
        ]
        let run = try step("binary.sh", ["install"], in: folder.url, environment: environment)
        #expect(run.result.status == 1)
        #expect(
            run.result.stdout
                == "::error title=roadmap::could not install the roadmap release binary (set build: true to build it from source instead)\n"
        )
    }
}
