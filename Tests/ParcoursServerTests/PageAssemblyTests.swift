import NIOCore
@testable import ParcoursServer
import Testing

/// A page put together from what Mustache rendered and the markup the server wrote itself
/// (`PageAssembly`): each piece where its template puts it, once; nothing a value holds can pass
/// for a piece's marker. Synthetic data only.
@Suite("Pages put together")
struct PageAssemblyTests {
    @Test("the server's markup lands where the template puts it, in a section too; a value's control characters cannot name a piece")
    func assembled() {
        var assembly = PageAssembly()
        let forged = "Participant \u{1}0\u{2} fictif\u{1}1\u{2}"
        let values = assembly.marking([
            "name": forged, "participant": "P-TEST01", "actCount": 2, "partial": false, "brokeGlass": false,
            "timelineRows": Markup(text: "<li>deux</li><li>un</li>"),
        ])
        #expect(values["timelineRows"] is String && values["name"] as? String == forged, "only markup is replaced")
        let html = String(buffer: assembly.body(PageTemplates.render("timeline", values, in: .fr)))
        #expect(html.contains("<ol class=\"timeline\" reversed start=\"2\"><li>deux</li><li>un</li></ol>"))
        #expect(html.contains("<h1>Participant \u{FFFD}0\u{FFFD} fictif\u{FFFD}1\u{FFFD} <span class=\"pseudonym\">P-TEST01</span></h1>"),
                "a name holding a marker's characters is shown with replacement characters, and no piece is put there")
        #expect(!html.utf8.contains(PageAssembly.open) && !html.utf8.contains(PageAssembly.close))
        #expect(html.components(separatedBy: "<li>deux</li>").count == 2, "the piece once")

        var nested = PageAssembly()
        let section = nested.marking(["openings": ["openingRows": Markup(text: "<tr><td>une ouverture</td></tr>\n"), "hasEntries": true] as [String: Any]])
        let panel = String(buffer: nested.body(PageTemplates.render("journeyOpenings", section, in: .fr)))
        #expect(panel.contains("<tbody>\n<tr><td>une ouverture</td></tr>\n</tbody>"))
    }

    @Test("a page inside the layout: the page, then its pieces, each in place, in one buffer")
    func layout() {
        var assembly = PageAssembly()
        let inner = assembly.marker(for: "<p>avant</p>" + assembly.marker(for: "<svg>un graphique</svg>") + "<p>après</p>")
        let body = assembly.body("<main>" + inner + "</main>")
        #expect(String(buffer: body) == "<main><p>avant</p><svg>un graphique</svg><p>après</p></main>")
    }
}
