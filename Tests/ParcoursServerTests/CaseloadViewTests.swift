import Foundation
import HTTPTypes
import HummingbirdTesting
import ParcoursClinical
import ParcoursProjections
import Testing
@testable import ParcoursServer

/// The caseload's filters and orders: who needs attention, what is due, in which order.
@Suite("The caseload's filters and order")
struct CaseloadViewTests {
    static func entry(_ id: String, stage: WheelStage?, contact: String?, review: String?, warnings: Int = 0, open: Bool = true) -> CaseloadEntry {
        CaseloadEntry(participant: id, wheelStage: stage, engagementStep: nil, assessedOn: nil, lastContactOn: contact, nextReviewOn: review,
                      openReferrals: 0, safetyLevel: nil, openWarnings: warnings, followUpOpen: open)
    }

    let today = "2026-12-01"
    let entries = [
        entry("P-SILENT", stage: .maintenance, contact: "2026-09-01", review: "2027-01-10"),
        entry("P-DUE", stage: .contemplation, contact: "2026-11-28", review: "2026-11-15"),
        entry("P-WARNED", stage: nil, contact: "2026-11-30", review: nil, warnings: 1),
        entry("P-CALM", stage: .action, contact: "2026-11-30", review: "2027-03-01"),
        entry("P-CLOSED", stage: .relapse, contact: "2026-01-01", review: "2026-02-01", open: false),
    ]

    @Test("'needing attention' keeps the silent, the overdue and the warned; 'open' leaves out closed follow-ups; codes only in the query")
    func filters() {
        #expect(CaseloadView(filter: .attention).apply(entries, today: today).map(\.participant) == ["P-SILENT", "P-DUE", "P-WARNED"])
        #expect(CaseloadView(filter: .open).apply(entries, today: today).count == 4)
        #expect(CaseloadView(filter: .all).apply(entries, today: today).count == 5)
        #expect(CaseloadView(query: "n'importe quoi", "<script>") == CaseloadView(), "what is not a code is the default view")
    }

    @Test("orders: next review first (none last), by id, by the wheel's turning (none last)")
    func orders() {
        #expect(CaseloadView(order: .review).apply(entries, today: today).map(\.participant)
                == ["P-CLOSED", "P-DUE", "P-SILENT", "P-CALM", "P-WARNED"])
        #expect(CaseloadView(order: .person).apply(entries, today: today).map(\.participant).first == "P-CALM")
        #expect(CaseloadView(order: .stage).apply(entries, today: today).map(\.participant)
                == ["P-DUE", "P-CALM", "P-SILENT", "P-CLOSED", "P-WARNED"])
    }

    @Test("the caseload page offers the filter and order as a form without script, and says how many it shows")
    func page() async throws {
        let fixture = try await WebFixture()
        try await fixture.test { client in
            let (jar, _) = try await fixture.signIn(client, WebFixture.admitting)
            let all = try await client.get("/", jar: jar)
            #expect(all.text.contains("<form method=\"get\" action=\"/\" class=\"caseload-view\">") && all.text.contains("Personnes affichées : 1 sur 1"))
            let attention = try await client.get("/?vue=attention&tri=revision", jar: jar)
            #expect(attention.text.contains("Personnes affichées : 0 sur 1") && attention.text.contains("Personne ne correspond à ce choix"))
            #expect(attention.text.contains("<option value=\"attention\" selected>"))
        }
    }
}
