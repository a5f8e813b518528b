import Foundation
import Testing

@testable import RoadmapKit

@Suite struct ProgressBadgeTests {
    @Test(arguments: [
        (0, "#e05d44"), (24, "#e05d44"), (25, "#fe7d37"), (49, "#fe7d37"), (50, "#dfb317"), (74, "#dfb317"),
        (75, "#97ca00"), (99, "#97ca00"), (100, "#4c1"),
    ])
    func theColourSaysHowFarAlong(percent: Int, color: String) {
        #expect(ProgressBadge.color(percent: percent) == color)
        #expect(ProgressBadge(percent: percent).svg.contains("fill=\"\(color)\""))
    }

    @Test func itIsValidSVGWithATitleAndALabelForScreenReaders() throws {
        let svg = ProgressBadge(percent: 29).svg
        let xml = ParsedXML(svg)
        #expect(xml.isValid, "\(String(describing: xml.error))")
        #expect(xml.root == "svg")
        #expect(xml.texts["title"] == ["roadmap: 29%"])
        let root = try #require(xml.attributes["svg"]?.first)
        #expect(root["role"] == "img")
        #expect(root["aria-label"] == "roadmap: 29%")
        #expect(root["xmlns"] == "http://www.w3.org/2000/svg")
        // The visible texts are the label and the value (each drawn twice: shadow and text).
        #expect(xml.texts["text"] == ["roadmap", "roadmap", "29%", "29%"])
    }

    @Test func aLabelWithMarkupCharactersIsEscaped() throws {
        let label = "R&D <\"roadmap\">"
        let svg = ProgressBadge(label: label, percent: 50).svg
        let xml = ParsedXML(svg)
        #expect(xml.isValid, "\(String(describing: xml.error))")
        #expect(xml.texts["title"] == ["\(label): 50%"])
        #expect(xml.attributes["svg"]?.first?["aria-label"] == "\(label): 50%")
        #expect(!svg.contains("<\""))
    }

    @Test func theSameProgressGivesTheSameBytes() {
        #expect(ProgressBadge(percent: 42).svg == ProgressBadge(percent: 42).svg)
        #expect(ProgressBadge(percent: 42).svg != ProgressBadge(percent: 43).svg)
    }

    @Test func wideTextMakesAWiderBox() {
        let narrow = ProgressBadge(label: "ii", percent: 1)
        let wide = ProgressBadge(label: "WWWW", percent: 1)
        // Verdana 11px: "i" is 3.01 px, "W" 10.87 px (shields' table); five pixels of padding either side.
        #expect(narrow.labelWidth == 7 + 10)
        #expect(wide.labelWidth == 44 + 10)
        #expect(ProgressBadge(percent: 100).valueWidth > ProgressBadge(percent: 5).valueWidth)
    }

    @Test(arguments: [(12, "#e05d44"), (60, "#dfb317"), (100, "#4c1")])
    func theRenderedValueBoxHasTheColour(percent: Int, color: String) throws {
        let badge = ProgressBadge(percent: percent)
        let picture = try RenderedPicture.render(badge.svg)
        #expect(picture.width == Int((badge.labelWidth + badge.valueWidth).rounded()))
        #expect(picture.height == 20)
        // Near the top edge, clear of the text, where shields' sheen is at its faintest (#bbb at 10%).
        let value = picture.color(x: Int(badge.labelWidth) + 2, y: 3)
        let expected = RenderedPicture.Color(hex: color)
        #expect(value.isClose(to: expected, tolerance: 14), "value box is \(value), expected about \(expected)")
        let label = picture.color(x: 2, y: 3)
        #expect(label.isClose(to: RenderedPicture.Color(hex: "#555"), tolerance: 14), "label box is \(label)")
    }
}
