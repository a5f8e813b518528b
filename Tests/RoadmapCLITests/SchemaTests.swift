import Foundation
import Testing

/// Every JSON output against its JSON Schema under docs/schema/, validated by check-jsonschema (installed by
/// Scripts/python-tools.sh, which `make test` runs first) on real outputs of the binary.
@Suite struct SchemaTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..")
        .standardizedFileURL
    static let validator = root.appendingPathComponent(".build-tools/venv/bin/check-jsonschema")

    func validate(_ json: String, against schema: String) throws -> CLI.Result {
        let folder = try TemporaryFolder()
        try folder.write("output.json", json)
        return try Shell.run(
            Self.validator,
            [
                "--schemafile", Self.root.appendingPathComponent("docs/schema/\(schema).json").path,
                folder.url.appendingPathComponent("output.json").path,
            ], in: folder.url, environment: CLI.baseEnvironment)
    }

    func expectValid(_ json: String, _ schema: String, _ context: String) throws {
        let result = try validate(json, against: schema)
        #expect(result.status == 0, "\(context): \(result.stdout)\(result.stderr)")
    }

    static let statusTable = """
        # DSA Tracker

        ## Phase 1: Arrays

        | Problem | Status |
        |---------|--------|
        | Two Sum | Done |
        | Top K Frequent | In Progress |

        ## Notes

        - [ ] read the editorial
        """

    @Test func statusLintAndSyncOutputsMatchTheirSchemas() throws {
        let repository = try Repository()
        #expect(try repository.roadmap("init").status == 0)
        try repository.write(".roadmap.yml", "badge: docs/badge.svg\nchart: docs/chart.svg\n")
        try repository.commit("chore: start")
        try repository.write("notes.md", "x")
        try repository.commit("finished #streams wip #buffers #evnt-loop")
        try expectValid(try repository.roadmap("status", "--json").stdout, "status", "status, overview table")
        try expectValid(
            try repository.roadmap("sync", "--json", "--dry-run").stdout, "sync",
            "sync --dry-run with pictures and a warning")
        try expectValid(try repository.roadmap("sync", "--json").stdout, "sync", "sync")
        try expectValid(try repository.roadmap("lint", "--json").stdout, "lint", "lint of the embedded roadmap")
        try expectValid(
            try repository.roadmap("explain", "streams", "--json").stdout, "explain", "explain with a commit")
        try expectValid(
            try repository.roadmap("explain", "p2/routing", "--json").stdout, "explain", "explain with no evidence")

        try repository.write("README.md", Self.statusTable)
        try expectValid(
            try repository.roadmap("status", "--json").stdout, "status", "status table with another candidate")
        let lint = try repository.roadmap("lint", "--json")
        #expect(lint.stdout.contains("checkbox-outside-tracker"))
        try expectValid(lint.stdout, "lint", "lint with findings")
        try repository.write("README.md", "## Main learnings\n\n- [x] JavaScript\n- [/] TypeScript\n")
        try expectValid(try repository.roadmap("status", "--json").stdout, "status", "a phase named by its title")
    }

    /// The schemas are strict enough to fail: a changed version or an unknown field is refused.
    @Test func everyJSONOutputHasASchema() throws {
        let schemas = try FileManager.default.contentsOfDirectory(
            atPath: Self.root.appendingPathComponent("docs/schema").path
        ).sorted()
        #expect(schemas == ["cohort.json", "explain.json", "lint.json", "status.json", "sync.json"])
    }

    @Test func aWrongOutputFailsValidation() throws {
        let folder = try TemporaryFolder()
        try folder.write("README.md", Self.statusTable)
        let status = try CLI.run(["status", "--json"], in: folder.url).stdout
        #expect(try validate(status, against: "status").status == 0)
        #expect(
            try validate(
                status.replacingOccurrences(of: "\"schemaVersion\" : 2", with: "\"schemaVersion\" : 3"),
                against: "status"
            ).status != 0)
        #expect(
            try validate(
                status.replacingOccurrences(of: "\"done\" : 1,", with: "\"done\" : 1, \"extra\" : true,"),
                against: "status"
            ).status != 0)
        #expect(
            try validate(status.replacingOccurrences(of: "\"in-progress\"", with: "\"half\""), against: "status").status
                != 0)
    }
}
