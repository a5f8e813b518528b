import ArgumentParser
import Testing

@testable import roadmap

/// `sync` with its flags is read without ArgumentParser (Sync.plainRequest): it must take exactly what
/// ArgumentParser would, and leave everything else to it.
@Suite struct SyncArgumentsTests {
    static let flags = ["--dry-run", "--diff", "--check", "--rebuild", "--json", "--no-cache"]

    /// Every combination of the flags, in order and reversed, reads as ArgumentParser reads it.
    @Test func everyCombinationOfFlagsReadsAsArgumentParserReadsIt() throws {
        for mask in 0..<(1 << Self.flags.count) {
            let chosen = Self.flags.indices.filter { mask & (1 << $0) != 0 }.map { Self.flags[$0] }
            for order in [chosen, chosen.reversed()] {
                let arguments = ["sync"] + order
                let direct = try #require(Sync.plainRequest(arguments), "\(arguments) is not read directly")
                let parsed = try #require(try RoadmapCommand.parseAsRoot(arguments) as? Sync)
                #expect(direct == parsed.request, "\(arguments)")
            }
        }
    }

    /// Options with values, help, repeats, typos and other commands go to ArgumentParser.
    @Test(arguments: [
        ["sync", "--file", "NOTES.md"], ["sync", "-f", "NOTES.md"], ["sync", "--file=NOTES.md"],
        ["sync", "-C", "somewhere"], ["sync", "--help"], ["sync", "-h"], ["sync", "--dry-run", "--dry-run"],
        ["sync", "--dryrun"], ["sync", "extra"], ["status"], ["synk"], [],
    ])
    func anythingElseGoesToArgumentParser(arguments: [String]) {
        #expect(Sync.plainRequest(arguments) == nil)
    }

    /// A new flag of `sync` must be taught to plainRequest, or plainRequest would leave it to ArgumentParser
    /// while ArgumentParser's own reading went untested here.
    @Test func syncHasNoOptionsButThese() {
        let help = Sync.helpMessage(columns: 200)
        let options = help.split(separator: "\n").filter { $0.hasPrefix("  -") }.map {
            $0.split(separator: " ", omittingEmptySubsequences: true).first.map(String.init) ?? ""
        }
        #expect(options.sorted() == (Self.flags + ["-C", "-f,", "-h,"]).sorted(), "\(help)")
    }
}
