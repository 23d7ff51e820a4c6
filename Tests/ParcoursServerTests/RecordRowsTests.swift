import ParcoursAccess
import ParcoursApp
import ParcoursClinical
import ParcoursLog
@testable import ParcoursProjections
@testable import ParcoursServer
import Testing

/// The rows a journey page repeats, written without Mustache (`RecordRows`): every text that
/// comes from the record or the directory is escaped, as a template's `{{value}}` is, and the
/// rows say what the templates said, in French and in English. Synthetic data only.
@Suite("The journey page's rows")
struct RecordRowsTests {
    static let markup = "<script>alert('x')</script> & \"guillemets\""
    static let escaped = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;guillemets&quot;"

    /// What a list of rows writes into a page's writer.
    static func written(_ write: (inout MarkupWriter) -> Void) -> String {
        var out = MarkupWriter(capacity: 64)
        write(&out)
        return out.markup().text
    }

    static func entry(_ id: String, on day: String, type: String, summary: String, englishSummary: String? = nil,
                      corrected: Bool = false) -> Journey.TimelineEntry {
        Journey.TimelineEntry(id: id, seq: 1, occurredAt: day + "T10:00:00Z", type: type, author: "clin-exemple", summary: summary,
                              englishSummary: englishSummary, corrected: corrected)
    }

    @Test("the timeline's rows: the most recent first, the act named, the summary escaped, a corrected act marked in the page's language")
    func timeline() {
        let entries = [Self.entry("evt-1", on: "2026-01-05", type: "stage.assessed", summary: "Premier repère", englishSummary: "First landmark"),
                       Self.entry("evt-2", on: "2026-02-07", type: "session.held", summary: Self.markup, corrected: true),
                       Self.entry("evt-3", on: "2026-03-09", type: "<b>inconnu</b>", summary: "Un type que le domaine ne connaît pas")]
        let french = Self.written { RecordRows.timeline(entries, language: .fr, into: &$0) }
        #expect(!french.contains("<script>") && !french.contains("<b>"), "nothing from the record opens markup")
        #expect(french.contains("<li><time>2026-02-07</time> <strong>\(HTMLText.escape(VocabularyLabel.label(ClinicalActType.sessionHeld, in: .fr)))</strong> — \(Self.escaped) <em>(corrigé)</em></li>"))
        #expect(french.contains("<strong>&lt;b&gt;inconnu&lt;/b&gt;</strong>"), "an unknown type is shown as recorded, escaped")
        let days = french.matches(of: #/<time>([0-9-]+)</time>/#).map { String($0.output.1) }
        #expect(days == ["2026-03-09", "2026-02-07", "2026-01-05"])
        let english = Self.written { RecordRows.timeline(entries, language: .en, into: &$0) }
        #expect(english.contains("<em>(corrected)</em>"))
        #expect(english.contains("</strong> — First landmark</li>") && !english.contains("Premier repère"), "the English page says the act in English")
        #expect(french.contains("</strong> — Premier repère</li>") && !french.contains("First landmark"))
        #expect(english.contains("</strong> — Un type que le domaine ne connaît pas</li>"),
                "a journey sealed before the English was kept shows its French rather than nothing")
    }

    static func opening(_ seq: UInt64, actor: String, organization: String?, denied: Bool = false, review: Bool = false) throws -> RecordOpening {
        var record = AccessRecord(kind: .read, actor: try #require(ActorID(actor)), outcome: denied ? .denied : .permitted)
        record.participant = ParticipantID("P-TEST01")
        record.role = .clinician
        record.organization = organization
        record.view = .journey
        record.purpose = .care
        record.categories = denied ? nil : InformationCategory.allCases
        record.reason = denied ? .notInCareTeam : nil
        record.review = review
        if review { record.justification = "Une justification fictive assez longue." }
        let entry = AccessLogEntry(seq: seq, type: record.type, recordedAt: Timestamp(millisecondsSinceEpoch: 1_780_000_000_000 + Int64(seq)),
                                   payload: record.payload)
        return RecordOpening(try RecordedAccess(entry))
    }

    @Test("who opened the record: the directory's names escaped, a refusal with its reason, a broken glass marked for review")
    func openings() throws {
        let three = [try Self.opening(3, actor: "clin-exemple", organization: Self.markup),
                     try Self.opening(2, actor: "clin-autre", organization: nil, denied: true),
                     try Self.opening(1, actor: "clin-urgence", organization: "Organisme Exemple", review: true)]
        let rows = Self.written { RecordRows.openings(three, language: .fr, into: &$0) }
        #expect(!rows.contains("<script>"), "nothing from the directory opens markup")
        let lines = rows.split(separator: "\n").map(String.init)
        #expect(lines.count == 9, "three lines a row, as the template wrote them")
        #expect(lines[1] == "<td>clin-exemple <span class=\"role\">(intervenant·e, \(Self.escaped))</span></td><td>parcours — dossier complet</td><td>suivi</td>")
        #expect(lines[2] == "<td>permis</td></tr>")
        #expect(lines[4].hasPrefix("<td>clin-autre <span class=\"role\">(intervenant·e)</span></td>"))
        #expect(lines[5] == "<td>refusé — \(HTMLText.escape(Catalogue.journeyWord("reason-" + AccessRecord.Reason.notInCareTeam.rawValue, .fr)))</td></tr>")
        #expect(lines[6].hasPrefix("<tr class=\"review\"><td><time datetime=\""))
        #expect(lines[8] == "<td>permis <strong class=\"flag\">bris de vitre — marqué pour révision</strong></td></tr>")
        let reviewed = [try Self.opening(1, actor: "clin-urgence", organization: nil, review: true)]
        let english = Self.written { RecordRows.openings(reviewed, language: .en, into: &$0) }
        #expect(english.contains("<td>permitted <strong class=\"flag\">break-glass — marked for review</strong></td></tr>"))
    }

    @Test("the path's stays: each stage named in the page's language, from its first day to the next stage's or to date, a relapse like any stage")
    func episodes() {
        let episodes = [Journey.StageEpisode(wheelStage: .contemplation, from: "2026-01-05", to: "2026-02-07"),
                        Journey.StageEpisode(wheelStage: .relapse, from: "2026-02-07", to: "2026-03-01"),
                        Journey.StageEpisode(wheelStage: .maintenance, from: "2026-03-01", to: nil)]
        let french = Self.written { RecordRows.episodes(episodes, language: .fr, into: &$0) }
        #expect(french == "<li><span class=\"stage stage-contemplation\">contemplation</span> du 2026-01-05 au 2026-02-07</li>"
                + "<li><span class=\"stage stage-relapse\">chute</span> du 2026-02-07 au 2026-03-01</li>"
                + "<li><span class=\"stage stage-maintenance\">maintien</span> du 2026-03-01, à ce jour</li>")
        #expect(Self.written { RecordRows.episodes(Array(episodes.suffix(1)), language: .en, into: &$0) }
                == "<li><span class=\"stage stage-maintenance\">\(HTMLText.escape(VocabularyLabel.label(WheelStage.maintenance, in: .en)))</span> from 2026-03-01, to date</li>")
        let odd = Self.written { RecordRows.episodes([Journey.StageEpisode(wheelStage: .action, from: Self.markup, to: Self.markup)], language: .fr, into: &$0) }
        #expect(!odd.contains("<script>") && odd.contains("du \(Self.escaped) au \(Self.escaped)"), "a day as recorded, escaped")
        #expect(Self.written { RecordRows.episodes([], language: .fr, into: &$0) }.isEmpty)
    }
}
