import ArgumentParser
import Foundation
import RoadmapKit

struct Sync: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Rewrite the tracker from the evidence in git (commit messages and the tree at HEAD).",
        discussion: """
            Evidence only moves items forward; a status set by hand in the document survives, and only an \
            explicit `reopen` (or reverting the commit that raised it) moves an item back. --rebuild recomputes \
            every status from evidence alone.

            \(RoadmapCommand.commitForms)
            """)

    @OptionGroup var options: TrackerOptions

    @Flag(help: "Show what would change; write nothing.")
    var dryRun = false

    @Flag(help: "Print the change as a unified diff; write nothing.")
    var diff = false

    @Flag(help: "Exit 1 and print the diff when the tracker is stale; write nothing.")
    var check = false

    @Flag(help: "Ignore the statuses in the document and recompute them from evidence alone.")
    var rebuild = false

    @Flag(help: "Print the result as JSON (schema in README.md).")
    var json = false

    @Flag(
        help:
            "Read the whole history instead of using the evidence cache under the git folder (and leave the cache alone)."
    )
    var noCache = false

    /// What one sync is asked to do, as plain values: from ArgumentParser (`run`), or read directly
    /// (`plainRequest`).
    struct Request: Equatable {
        var directory: URL
        var file: String?
        var dryRun = false
        var diff = false
        var check = false
        var rebuild = false
        var json = false
        var noCache = false
    }

    var request: Request {
        Request(
            directory: options.startDirectory, file: options.file, dryRun: dryRun, diff: diff, check: check,
            rebuild: rebuild, json: json, noCache: noCache)
    }

    func run() throws {
        try Self.perform(request)
    }

    /// `sync` followed by nothing but its flags, each at most once, read without ArgumentParser, whose
    /// start-up (every command's arguments reflected, then twice more for a completion-script request) is a
    /// fifth of an incremental sync. nil for anything else (an option with a value, help, a typo), which
    /// goes to ArgumentParser as before. A test holds this to Sync's options.
    static func plainRequest(_ arguments: [String]) -> Request? {
        guard arguments.first == "sync", Set(arguments.dropFirst()).count == arguments.count - 1 else { return nil }
        var request = Request(directory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        for argument in arguments.dropFirst() {
            switch argument {
            case "--dry-run": request.dryRun = true
            case "--diff": request.diff = true
            case "--check": request.check = true
            case "--rebuild": request.rebuild = true
            case "--json": request.json = true
            case "--no-cache": request.noCache = true
            default: return nil
            }
        }
        return request
    }

    static func perform(_ request: Request) throws {
        let (dryRun, diff, check, rebuild, json, noCache) = (
            request.dryRun, request.diff, request.check, request.rebuild, request.json, request.noCache
        )
        let repository = try Session.repository(startingAt: request.directory)
        let workspace = try Workspace.load(root: repository.workingDirectory, file: request.file)
        let plan = try Synchronizer.plan(
            workspace: workspace, repository: repository, rebuild: rebuild,
            cache: noCache ? nil : CacheStore(gitDirectory: repository.gitDirectory),
            trace: Output.trace)
        let writes = !(dryRun || diff || check)
        // HEAD's date is read only when there are pictures to draw: it dates the chart's end.
        let pictures = try ProgressPictures.updates(
            for: plan, headDate: workspace.pictures.isEmpty ? nil : ProgressPictures.headDate(repository), now: Date())

        let warnings = plan.suggestedWarnings
        for warning in warnings {
            Output.warning(TerminalText.escaped(warning.sentence))
        }
        if plan.isShallow {
            Output.standardError(
                "roadmap: note: shallow clone: commits before the fetched history are not read; statuses already in \(workspace.trackerName) are kept (fetch the full history for complete evidence)\n"
            )
        }
        if writes {
            // ROADMAP_LOCK_TIMEOUT: seconds to wait for another run's lock (default 10).
            let timeout = Output.variable("ROADMAP_LOCK_TIMEOUT").flatMap(Double.init) ?? 10
            try Synchronizer.write(
                plan, pictures: pictures, lockDirectory: repository.gitDirectory, lockTimeout: timeout)
        }

        if json {
            Output.print(
                JSONOutput.encode(
                    SyncReport(
                        plan: plan, warnings: warnings, written: writes && plan.changed, pictures: pictures,
                        writes: writes)))
        } else if diff || check {
            Output.print(plan.diff)
            // On stderr: standard output stays a diff that patch tools can take.
            for picture in pictures where picture.changed {
                Output.error("\(picture.picture.name) is out of date")
            }
        } else {
            // One write for the whole report, not one per line.
            var report = plan.changes.map { "\($0.id): \($0.from.words) → \($0.to.words)\n" }.joined()
            let summary = plan.summary
            let state = !plan.changed ? "is up to date" : writes ? "updated" : "would be updated"
            report +=
                "\(workspace.trackerName) \(state): \(summary.finished)/\(summary.total) done (\(summary.percent)%)\n"
            for picture in pictures {
                report +=
                    "\(picture.picture.name) \(!picture.changed ? "is up to date" : writes ? "updated" : "would be updated")\n"
            }
            Output.print(report)
        }
        if Output.variable("GITHUB_ACTIONS") == "true" {
            try reportToGitHub(plan, written: writes && plan.changed, pictures: pictures)
        }
        if check && (plan.changed || pictures.contains(where: \.changed)) { throw ExitCode(1) }
    }

    /// Step outputs, job summary and annotations (PRODUCT.md 5). Missing files are skipped: a local run
    /// with GITHUB_ACTIONS set should not fail for want of them.
    private static func reportToGitHub(_ plan: SyncPlan, written: Bool, pictures: [PictureUpdate]) throws {
        let environment = ProcessInfo.processInfo.environment
        // ROADMAP_ANNOTATE_COMMITS: a file of commit ids, one a line (the action's commits since its last).
        let only = environment["ROADMAP_ANNOTATE_COMMITS"].flatMap { try? String(contentsOfFile: $0, encoding: .utf8) }
            .map { Set($0.split(separator: "\n").map(String.init)) }
        Output.print(GitHubActions.annotations(plan, onlyCommits: only))
        if let path = environment["GITHUB_OUTPUT"], !path.isEmpty {
            try append(GitHubActions.outputs(plan, written: written) + GitHubActions.pictureOutputs(pictures), to: path)
        }
        if let path = environment["GITHUB_STEP_SUMMARY"], !path.isEmpty {
            try append(GitHubActions.summary(plan), to: path)
        }
    }

    private static func append(_ text: String, to path: String) throws {
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw RoadmapError.file("cannot write the GitHub Actions file \(path)")
        }
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
    }
}

/// `sync --json`: stable keys, documented in README.md.
struct SyncReport: Encodable {
    var schemaVersion = 1
    var file: String
    var changed: Bool
    var written: Bool
    var done: Int
    var total: Int
    var percent: Int
    var changes: [SyncPlan.Change]
    var warnings: [String]
    var shallow: Bool
    var commits: Int
    var walked: Int
    var pictures: [PictureReport]

    /// A badge or chart from `.roadmap.yml`: whether it differed from what sync draws, and whether it was written.
    struct PictureReport: Encodable {
        var kind: String
        var file: String
        var changed: Bool
        var written: Bool
    }

    init(plan: SyncPlan, warnings: [EvidenceWarning], written: Bool, pictures: [PictureUpdate], writes: Bool) {
        let summary = plan.summary
        file = plan.workspace.trackerName
        changed = plan.changed
        self.written = written
        done = summary.finished
        total = summary.total
        percent = summary.percent
        changes = plan.changes
        self.warnings = warnings.map(\.sentence)
        shallow = plan.isShallow
        commits = plan.commitCount
        walked = plan.walkedCount
        self.pictures = pictures.map {
            PictureReport(
                kind: $0.picture.kind.rawValue, file: $0.picture.name, changed: $0.changed,
                written: writes && $0.changed)
        }
    }
}
