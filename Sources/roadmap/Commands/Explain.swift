import ArgumentParser
import RoadmapKit

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show the evidence for one item: the commits and paths that moved it, and why it has its status.")

    @Argument(
        help: "The item: p1/event-loop, event-loop, phase-1/event-loop or \"Event Loop\".",
        completion: .custom { words, _, prefix in Self.itemIDs(words: words, prefix: prefix) })
    var ref: String

    @OptionGroup var options: TrackerOptions

    @Flag(help: "Print the explanation as JSON (docs/schema/explain.json).")
    var json = false

    /// The ids of the tracker the command line reads (its `-C` and `--file`), for shell completion.
    static func itemIDs(words: [String], prefix: String) -> [String] {
        var options: [String] = []
        for (index, word) in words.enumerated() where ["-C", "-f", "--file"].contains(word) && index + 1 < words.count {
            options += [word, words[index + 1]]
        }
        guard let tracker = try? TrackerOptions.parse(options), let document = try? tracker.workspace().document()
        else { return [] }
        // Ids (`p1/streams`), and the slugs that name one item on their own (`streams`), as `explain` resolves them.
        let items = document.roadmap.items
        let resolver = RefResolver(roadmap: document.roadmap)
        let slugs = items.compactMap { item -> String? in
            guard case .item(item.id) = resolver.resolve(item.id.slug) else { return nil }
            return item.id.slug
        }
        let refs = items.map(\.id.description) + slugs
        return refs.filter { $0.hasPrefix(prefix) }
    }

    func run() throws {
        let repository = try Session.repository(startingAt: options.startDirectory)
        let workspace = try Workspace.load(root: repository.workingDirectory, file: options.file)
        let plan = try Synchronizer.plan(
            workspace: workspace, repository: repository, cache: CacheStore(gitDirectory: repository.gitDirectory))
        let id: ItemID
        switch RefResolver(roadmap: plan.roadmap).resolve(ref) {
        case .item(let found): id = found
        case .unknown(let suggestions):
            let hint =
                suggestions.isEmpty ? "" : " (did you mean \(suggestions.map(\.description).joined(separator: ", "))?)"
            throw RoadmapError.usage("unknown ref `\(TerminalText.escaped(ref))`\(hint)")
        case .ambiguous(let candidates):
            throw RoadmapError.usage(
                "ambiguous ref `\(TerminalText.escaped(ref))`: \(candidates.map(\.description).joined(separator: ", "))"
            )
        }
        guard let item = plan.roadmap.item(id), let phase = plan.roadmap.phases.first(where: { $0.key == id.phase }),
            let outcome = plan.outcomes[id]
        else {
            throw RoadmapError.usage("unknown ref `\(TerminalText.escaped(ref))`")
        }
        let explanation = Explanation(item: item, phase: phase, outcome: outcome)
        Output.print(json ? JSONOutput.encode(explanation.report) : explanation.text(colors: Output.colorsEnabled))
    }
}
