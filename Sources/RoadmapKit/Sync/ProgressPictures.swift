import Foundation

/// One picture a sync keeps up to date: the bytes it should hold, and whether the file differs.
public struct PictureUpdate: Sendable {
    public var picture: Workspace.Picture
    public var bytes: [UInt8]
    public var changed: Bool
}

/// The badge and the burn-up chart, drawn from a sync plan: the same evidence, the same statuses the tracker
/// gets. The chart ends at HEAD's author date, so the pictures are a function of HEAD (and the document):
/// a second sync at the same HEAD rewrites nothing.
public enum ProgressPictures {
    public static func badge(_ plan: SyncPlan, label: String? = nil) -> ProgressBadge {
        ProgressBadge(label: label ?? plan.workspace.configuration.badgeLabel, percent: plan.summary.percent)
    }

    /// - Parameters:
    ///   - now: the chart's end only while HEAD is unborn (nothing else dates it).
    ///   - windowDays: the pace the projection is drawn at; nil: `.roadmap.yml`'s `pace_window`, as `status` shows.
    public static func chart(
        _ plan: SyncPlan, headDate: Date?, now: Date, since: Date? = nil, windowDays: Int? = nil
    ) -> BurnUpChart {
        let history = plan.history(headDate: headDate, now: now)
        let window = windowDays ?? plan.workspace.configuration.paceWindow
        return BurnUpChart(history: history, since: since, projection: Pace(history: history, windowDays: window))
    }

    /// The pictures `.roadmap.yml` names, as they should be, compared with the files on disk.
    public static func updates(for plan: SyncPlan, headDate: Date?, now: Date, files: some FileAccess = LocalFiles())
        throws -> [PictureUpdate]
    {
        try plan.workspace.pictures.map { picture in
            let svg =
                switch picture.kind {
                case .badge: badge(plan).svg
                case .chart: chart(plan, headDate: headDate, now: now).svg
                }
            let bytes = Array(svg.utf8)
            let current =
                files.exists(picture.path) ? try Workspace.readFile(picture.path, named: picture.name, files) : nil
            return PictureUpdate(picture: picture, bytes: bytes, changed: current != bytes)
        }
    }

    /// An atomic write (temporary file, fsync, rename) that first makes the folder: a chart configured in
    /// `docs/` of a repository that has no `docs/` yet.
    public static func write(
        _ bytes: [UInt8], to path: String, named name: String, files: some FileAccess = LocalFiles()
    ) throws {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw RoadmapError.file("cannot create the folder for \(name)")
        }
        try files.writeAtomically(bytes, to: path)
    }

    /// The plan `roadmap badge` and `roadmap chart` draw from: what a sync would write now.
    public static func plan(repository: GitRepository, file: String?) throws -> SyncPlan {
        let workspace = try Workspace.load(root: repository.workingDirectory, file: file)
        return try Synchronizer.plan(
            workspace: workspace, repository: repository, cache: CacheStore(gitDirectory: repository.gitDirectory))
    }

    public static func headDate(_ repository: GitRepository) throws -> Date? {
        try repository.headAuthorDate()
    }
}

extension Workspace {
    /// A file named on the command line (`--out`), relative to the work tree and kept inside it, like `--file`.
    public func outputPath(_ name: String, option: String) throws -> String {
        try Self.containedPath(name, in: root, source: option)
    }
}
