/// A shields.io "flat" badge: `roadmap | 29%`, the label on grey, the value on a colour that says how far along
/// the roadmap is. Pure: the same label and percent always give the same bytes.
public struct ProgressBadge: Equatable, Sendable {
    public var label: String
    /// Whole percent finished, as the progress line shows it (done and skipped, rounded down).
    public var percent: Int

    public init(label: String = "roadmap", percent: Int) {
        self.label = label
        self.percent = percent
    }

    /// shields.io's named colours: red below 25%, orange below 50%, yellow below 75%, green below 100%,
    /// brightgreen when everything is finished.
    public static func color(percent: Int) -> String {
        switch percent {
        case ..<25: "#e05d44"
        case ..<50: "#fe7d37"
        case ..<75: "#dfb317"
        case ..<100: "#97ca00"
        default: "#4c1"
        }
    }

    public var value: String { PictureFormat.percent(percent) }

    /// What screen readers say, and the `<title>` a browser shows on hover.
    public var accessibleText: String { "\(label): \(value)" }

    static let height = 20.0
    static let padding = 5.0

    /// Widths of the two boxes: the text's estimated width, rounded up to a whole pixel, plus padding.
    var labelWidth: Double { (TextWidth.of(label)).rounded(.up) + 2 * Self.padding }
    var valueWidth: Double { (TextWidth.of(value)).rounded(.up) + 2 * Self.padding }

    public var svg: String {
        let labelWidth = labelWidth
        let valueWidth = valueWidth
        let width = labelWidth + valueWidth
        let format = PictureFormat.coordinate
        var svg = SVGWriter()
        svg.start(
            "svg",
            [
                "xmlns": "http://www.w3.org/2000/svg", "width": format(width), "height": format(Self.height),
                "viewBox": "0 0 \(format(width)) \(format(Self.height))", "role": "img", "aria-label": accessibleText,
            ])
        svg.element("title", text: accessibleText)
        svg.start("linearGradient", ["id": "shine", "x2": "0", "y2": "100%"])
        svg.element("stop", ["offset": "0", "stop-color": "#bbb", "stop-opacity": ".1"])
        svg.element("stop", ["offset": "1", "stop-opacity": ".1"])
        svg.close()
        svg.start("clipPath", ["id": "round"])
        svg.element("rect", ["width": format(width), "height": format(Self.height), "rx": "3", "fill": "#fff"])
        svg.close()
        svg.start("g", ["clip-path": "url(#round)"])
        svg.element("rect", ["width": format(labelWidth), "height": format(Self.height), "fill": "#555"])
        svg.element(
            "rect",
            [
                "x": format(labelWidth), "width": format(valueWidth), "height": format(Self.height),
                "fill": Self.color(percent: percent),
            ])
        svg.element("rect", ["width": format(width), "height": format(Self.height), "fill": "url(#shine)"])
        svg.close()
        svg.start(
            "g",
            [
                "fill": "#fff", "text-anchor": "middle", "font-family": "Verdana,Geneva,DejaVu Sans,sans-serif",
                "text-rendering": "geometricPrecision", "font-size": "11",
            ])
        for (text, left, boxWidth) in [(label, 0.0, labelWidth), (value, labelWidth, valueWidth)] {
            let center = format(left + boxWidth / 2)
            let length = format(boxWidth - 2 * Self.padding)
            // The shadow one pixel lower, as shields draws it; hidden from screen readers, which read the label.
            svg.element(
                "text",
                [
                    "aria-hidden": "true", "x": center, "y": "15", "fill": "#010101", "fill-opacity": ".3",
                    "textLength": length,
                ], text: text)
            svg.element("text", ["x": center, "y": "14", "textLength": length], text: text)
        }
        svg.close()
        svg.close()
        return svg.output
    }
}
