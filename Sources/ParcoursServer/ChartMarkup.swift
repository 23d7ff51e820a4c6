/// What the journey's SVG charts share: the escaping of every text they draw, numbers
/// written the same whatever the locale, and the one calm palette. Colours are presentation
/// attributes (the CSP refuses inline style); no colour says failure, and a relapse is drawn
/// in the palette every stage is.
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

    /// A text as SVG (XML) character data or attribute value.
    static func escape(_ text: String) -> String { HTMLText.escape(text) }

    /// A coordinate with at most one decimal, a dot whatever the locale, never `-0`.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let tenths = Int((value * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        let whole = abs(tenths) / 10, fraction = abs(tenths) % 10
        return sign + (fraction == 0 ? "\(whole)" : "\(whole).\(fraction)")
    }

    /// A text element, its content escaped.
    static func text(_ content: String, x: Double, y: Double, anchor: String = "start", fill: String = Palette.ink, size: Int = 12,
                     weight: Int = 400, className: String? = nil) -> String {
        "<text x=\"\(number(x))\" y=\"\(number(y))\" text-anchor=\"\(anchor)\" fill=\"\(fill)\" font-size=\"\(size)\""
            + (weight == 400 ? "" : " font-weight=\"\(weight)\"") + (className.map { " class=\"\($0)\"" } ?? "") + ">\(escape(content))</text>"
    }

    /// The opening tag of a chart: an image with its title and description for assistive technology.
    static func open(id: String, width: Double, height: Double, className: String, title: String, description: String) -> String {
        let id = escape(id)
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(number(width)) \(number(height))\" width=\"\(number(width))\" "
            + "height=\"\(number(height))\" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\" class=\"chart \(className)\" "
            + "font-family=\"system-ui, sans-serif\">"
            + "<title id=\"\(id)-title\">\(escape(title))</title><desc id=\"\(id)-desc\">\(escape(description))</desc>"
    }
}
