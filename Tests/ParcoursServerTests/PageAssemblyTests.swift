import Foundation
import Mustache
import NIOCore
@testable import ParcoursProjections
@testable import ParcoursServer
import Testing

/// A page put together from what Mustache rendered and the markup the server wrote itself
/// (`PageAssembly`): each piece where its template puts it, once; nothing a value holds can pass
/// for a piece's marker. Synthetic data only.
@Suite("Pages put together")
struct PageAssemblyTests {
    /// `template` rendered by Mustache as the pages' templates are: every `{{value}}` escaped by `HTMLText`.
    static func render(_ template: String, _ values: [String: Any]) throws -> String {
        MustacheContentTypes.register(MarkupContentType(), named: MarkupContentType.name)
        return try MustacheTemplate(string: "{{% CONTENT_TYPE: \(MarkupContentType.name)}}" + template).render(values)
    }

    @Test("the server's markup lands where the template puts it, in a section too; a value's control characters cannot name a piece")
    func assembled() throws {
        var assembly = PageAssembly()
        let forged = "Participant \u{1}0\u{2} fictif\u{1}1\u{2}"
        let values = assembly.marking(["name": forged, "participant": "P-TEST01", "rows": Markup(text: "<li>deux</li><li>un</li>")])
        #expect(values["rows"] is String && values["name"] as? String == forged, "only markup is replaced")
        let html = String(buffer: assembly.body(try Self.render("<h1>{{name}} <span>{{participant}}</span></h1>\n<ol>{{{rows}}}</ol>", values)))
        #expect(html.contains("<ol><li>deux</li><li>un</li></ol>"))
        #expect(html.contains("<h1>Participant &#x1;0&#x2; fictif&#x1;1&#x2; <span>P-TEST01</span></h1>"),
                "a name holding a marker's characters is written with references, which a browser shows as those characters; no piece is put there")
        #expect(!html.utf8.contains(PageAssembly.open) && !html.utf8.contains(PageAssembly.close))
        #expect(html.components(separatedBy: "<li>deux</li>").count == 2, "the piece once")

        var nested = PageAssembly()
        let section = nested.marking(["openings": ["openingRows": Markup(text: "<tr><td>une ouverture</td></tr>\n"), "hasEntries": true] as [String: Any]])
        let panel = String(buffer: nested.body(try Self.render("{{#openings}}<tbody>\n{{{openingRows}}}</tbody>{{/openings}}", section)))
        #expect(panel == "<tbody>\n<tr><td>une ouverture</td></tr>\n</tbody>")
    }

    @Test("a page the server wrote itself (the journey's) lands in the layout byte for byte; a name holding a marker's characters is escaped in it")
    func writtenPage() {
        var assembly = PageAssembly()
        let journey = Journey(participant: "P-TEST01")
        let header = JourneyPage.Header(participant: journey.participant, name: "Participant \u{1}0\u{2} fictif", partial: nil, brokeGlass: false,
                                        glassUntil: nil)
        let content = assembly.marker(for: JourneyPage.timeline(journey, header: header, language: .fr))
        let body = assembly.body("<main>" + content + "</main>")
        let html = String(buffer: body)
        #expect(html.hasPrefix("<main><article class=\"journey\">\n<header class=\"identity\">\n<h1>Participant &#x1;0&#x2; fictif <span class=\"pseudonym\">P-TEST01</span></h1>"))
        #expect(html.hasSuffix("<ol class=\"timeline\" reversed start=\"0\"></ol></section>\n</article></main>"))
        #expect(!html.utf8.contains(PageAssembly.open) && !html.utf8.contains(PageAssembly.close))
    }

    @Test("markup written as bytes (a chart) lands byte for byte where the template puts it, and renders as the same text deeper in the values")
    func bytesAsTheyAre() throws {
        let chart = Array("<svg><title>Étape · roue</title></svg>".utf8)
        var assembly = PageAssembly()
        let values = assembly.marking(["chart": Markup(utf8: chart)])
        let body = assembly.body(try Self.render("<figure>\n{{{chart}}}\n</figure>", values))
        let html = String(buffer: body)
        #expect(html == "<figure>\n<svg><title>Étape · roue</title></svg>\n</figure>")
        #expect(body.readableBytes == html.utf8.count)
        #expect(Markup(utf8: chart).text == "<svg><title>Étape · roue</title></svg>" && Markup(utf8: chart).utf8Count == chart.count)
        let template = try MustacheTemplate(string: "{{#section}}{{{markup}}}{{/section}}")
        #expect(template.render(["section": [["markup": Markup(utf8: chart)]]]) == "<svg><title>Étape · roue</title></svg>",
                "in a list, which PageAssembly leaves to Mustache, as its text")
    }

    @Test("a U+0001 outside a marker, a marker cut short, too long, naming no piece or naming its own piece: written as U+FFFD, no piece put there")
    func malformed() {
        var assembly = PageAssembly()
        let own = assembly.marker(for: "soi\u{1}0\u{2}")
        #expect(own == "\u{1}0\u{2}")
        #expect(String(buffer: assembly.body("a" + own + "b")) == "asoi\u{FFFD}0\u{2}b", "a piece cannot hold itself")
        #expect(String(buffer: assembly.body("a\u{1}b")) == "a\u{FFFD}b")
        #expect(String(buffer: assembly.body("a\u{1}")) == "a\u{FFFD}")
        #expect(String(buffer: assembly.body("a\u{1}1\u{2}")) == "a\u{FFFD}1\u{2}", "no piece 1")
        #expect(String(buffer: assembly.body("a\u{1}0000000\u{2}")) == "a\u{FFFD}0000000\u{2}", "seven digits")
        #expect(String(buffer: assembly.body("a\u{1}\u{2}")) == "a\u{FFFD}\u{2}", "no digit")
    }

    @Test("markup is put only where a template writes it as it is ({{{…}}}); deeper in the values, it renders as its text")
    func onlyUnescaped() throws {
        // The values given as `Markup`: the program's charts.
        for key in ["stageChart", "stepChart", "transitionChart", "relapseChart", "referralChart"] {
            for (name, text) in PageTemplates.templates {
                #expect(!text.replacingOccurrences(of: "{{{\(key)}}}", with: "").contains(key), "\(name) names \(key) other than as {{{\(key)}}}")
            }
        }
        let deep = ["section": ["inner": ["markup": Markup(text: "<b>gras</b>")] as [String: Any]] as [String: Any]]
        var assembly = PageAssembly()
        let values = assembly.marking(deep)
        let inner = try #require((values["section"] as? [String: Any])?["inner"] as? [String: Any])
        #expect(inner["markup"] is Markup, "a section holding no markup itself is left as it is")
        let template = try MustacheTemplate(string: "{{#section}}{{#inner}}{{{markup}}} {{markup}}{{/inner}}{{/section}}")
        #expect(template.render(values) == "<b>gras</b> &lt;b&gt;gras&lt;/b&gt;")
    }

    @Test("a page inside the layout: the page, then its pieces, each in place, in one buffer")
    func layout() {
        var assembly = PageAssembly()
        let inner = assembly.marker(for: "<p>avant</p>" + assembly.marker(for: "<svg>un graphique</svg>") + "<p>après</p>")
        let body = assembly.body("<main>" + inner + "</main>")
        #expect(String(buffer: body) == "<main><p>avant</p><svg>un graphique</svg><p>après</p></main>")
    }
}
