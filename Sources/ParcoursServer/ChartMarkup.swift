/// What the server's SVG charts share: numbers written the same whatever the locale, and the
/// one calm palette. Colours are presentation attributes (the CSP refuses inline style); no
/// colour says failure, and a relapse is drawn in the palette every stage is. The charts write
/// their markup with `SVGWriter`, which escapes every text as `HTMLText.escape` does and writes
/// every coordinate as `number` does.
enum ChartMarkup {
    /// The colours the charts draw with: inks, a soft band, and two calm line colours.
    enum Palette {
        static let ink = "#1d2430"
        static let muted = "#56606f"
        static let guide = "#c9d1dc"
        static let band = "#d3e3f0"
        static let accent = "#1f5f8b"
        static let second = "#2f6f62"
        static let paper = "#ffffff"
        /// Every colour a chart may use: what the tests hold the markup to.
        static let all: Set<String> = [ink, muted, guide, band, accent, second, paper, "none"]
    }

    /// A coordinate with at most one decimal, a dot whatever the locale, never `-0`.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let tenths = Int((value * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        let whole = abs(tenths) / 10, fraction = abs(tenths) % 10
        return sign + (fraction == 0 ? "\(whole)" : "\(whole).\(fraction)")
    }
}
