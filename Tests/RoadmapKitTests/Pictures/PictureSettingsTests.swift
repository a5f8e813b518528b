import Foundation
import Testing

@testable import RoadmapKit

/// `.roadmap.yml`'s `badge:`, `chart:` and `badge_label:`, and the links they put in the progress block.
@Suite struct PictureSettingsTests {
    @Test func thePictureKeysAreRead() throws {
        let configuration = try ConfigurationLoader.load(
            "badge: docs/badge.svg\nchart: docs/chart.svg\nbadge_label: Node.js roadmap\n")
        #expect(configuration.badgeFile == "docs/badge.svg")
        #expect(configuration.chartFile == "docs/chart.svg")
        #expect(configuration.badgeLabel == "Node.js roadmap")
        #expect(Configuration().badgeFile == nil && Configuration().chartFile == nil)
    }

    @Test(arguments: [
        ("badge: docs/badge.png", ".roadmap.yml:1: `badge` must name an .svg file, not \"docs/badge.png\""),
        ("chart: ''", ".roadmap.yml:1: `chart` must name a file"),
        ("chart: [a.svg]", ".roadmap.yml:1: `chart` must be text"),
        ("file: README.md\nbadge_label: '  '", ".roadmap.yml:2: `badge_label` must not be empty"),
        ("charts: docs/chart.svg", ".roadmap.yml:1: `charts` is not a known setting"),
    ])
    func badPictureSettingsNameTheFileLineAndKey(yaml: String, message: String) {
        do {
            _ = try ConfigurationLoader.load(yaml)
            Issue.record("no error for \(yaml)")
        } catch {
            #expect("\(error)" == message)
        }
    }

    @Test(arguments: [
        ("/r/README.md", "/r/docs/badge.svg", "docs/badge.svg"),
        ("/r/docs/ROADMAP.md", "/r/docs/badge.svg", "badge.svg"),
        ("/r/notes/learn/README.md", "/r/docs/badge.svg", "../../docs/badge.svg"),
        ("/r/README.md", "/r/my pictures/chart (1).svg", "my%20pictures/chart%20%281%29.svg"),
    ])
    func linksAreRelativeToTheTrackerFile(tracker: String, picture: String, link: String) {
        #expect(Workspace.markdownLink(from: tracker, to: picture) == link)
    }

    @Test func theProgressBlockLinksTheBadgeAndTheChart() throws {
        var wording = Wording.default
        #expect(wording.progressBlockLines(finished: 17, total: 58) == ["**Progress:** ████░░░░░░░░ 17/58 done (29%)"])
        wording.badgeLink = "docs/badge.svg"
        wording.chartLink = "docs/chart.svg"
        wording.badgeLabel = "my [roadmap]"
        #expect(
            wording.progressBlockLines(finished: 17, total: 58) == [
                "![my (roadmap): 29%](docs/badge.svg) **Progress:** ████░░░░░░░░ 17/58 done (29%)",
                "",
                "![Burn-up chart of finished items over time](docs/chart.svg)",
            ])
    }

    @Test(arguments: Fixture.documents)
    func withLinksTheBlockIsRewrittenOnceAndThenStable(name: String) throws {
        var wording = Wording.default
        wording.badgeLink = "docs/badge.svg"
        wording.chartLink = "docs/chart.svg"
        let document = try Fixture.document(name, wording: wording)
        let once = document.rendered([:])
        let text = String(decoding: once, as: UTF8.self)
        #expect(text.contains("](docs/badge.svg) **Progress:**"))
        #expect(text.contains("![Burn-up chart of finished items over time](docs/chart.svg)"))
        let again = try TrackerDocument(bytes: once, wording: wording).rendered([:])
        #expect(again == once)
        // Without links configured, the same document renders as it always did.
        let plain = try TrackerDocument(bytes: once, wording: .default).rendered([:])
        #expect(!String(decoding: plain, as: UTF8.self).contains("docs/chart.svg"))
    }
}
