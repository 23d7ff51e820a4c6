import Foundation
import HTTPTypes
import HummingbirdTesting
import ParcoursClinical
import ParcoursLog
import Testing
@testable import ParcoursServer

/// What the recording forms refuse, keep and say: the domain's refusals beside their fields,
/// a stranger and a forged form refused, the framework's cautions, the admission of a new person.
@Suite("Recording forms: refusals, guidance and admission")
struct RecordingGuardTests {
    @Test("a plan whose objective has no measure is refused by the domain beside that field, with a summary; everything typed stays; nothing is written")
    func domainRefusalBesideField() async throws {
        let fixture = try await WebFixture()
        let path = "/participants/\(fixture.participant)/actes/plan-action"
        let before = try fixture.store.size()
        try await fixture.test { client in
            let (jar, _) = try await fixture.signIn(client, WebFixture.admitting)
            let (_, refused) = try await client.fill(path, { _ in
                [("needs[0].need", "Dormir au chaud"), ("needs[0].priority", "1"), ("objectives[0].what", "Trouver une chambre"),
                 ("objectives[0].status", "active"), ("objectives[0].targetDate", "2027-02-01"), ("means", "Appeler deux refuges"), ("reviewOn", "2027-02-15")]
            }, jar: jar)
            let page = FormPage(refused)
            #expect(refused.status == .badRequest && refused.text.contains("Rien n&#39;a été enregistré"))
            #expect(page.inError("objectives-0-measure"), "the refusal is beside the objective's measure")
            #expect(refused.text.contains("<a href=\"#objectives-0-measure\">") && refused.text.contains("un objectif SMART est mesurable"),
                    "the domain's reason, in the page's language")
            for typed in ["Dormir au chaud", "Trouver une chambre", "2027-02-01", ">Appeler deux refuges</textarea>", "2027-02-15"] {
                #expect(refused.text.contains(typed), "\(typed) is kept")
            }
        }
        #expect(try fixture.store.size() == before)
    }

    @Test("a day that is not one and a number out of range are refused by the form itself, beside their fields, before anything is asked")
    func formRefusal() async throws {
        let fixture = try await WebFixture()
        let before = try fixture.store.size()
        try await fixture.test { client in
            let (jar, _) = try await fixture.signIn(client, WebFixture.admitting)
            let (_, refused) = try await client.fill("/participants/\(fixture.participant)/actes/rencontre", { _ in
                [("day", "2026-02-30"), ("kind", "individual-meeting"), ("minutes", "2000"), ("notes", "Rencontre au parc")]
            }, jar: jar)
            let page = FormPage(refused)
            #expect(refused.status == .badRequest && page.inError("day") && page.inError("minutes"))
            #expect(refused.text.contains("un nombre entier de 1 à 1440") && refused.text.contains(">Rencontre au parc</textarea>"))
        }
        #expect(try fixture.store.size() == before)
    }

    @Test("a clinician of another organization is offered no form and refused the write (403), both in the access log; a forged token writes nothing")
    func strangerAndForgery() async throws {
        let fixture = try await WebFixture()
        let participant = fixture.participant
        let before = try fixture.store.size()
        try await fixture.test { client in
            let (stranger, _) = try await fixture.signIn(client, WebFixture.stranger)
            let list = try await client.get("/participants/\(participant)/actes", jar: stranger)
            #expect(list.status == .forbidden && !list.text.contains("Personne Fictive Web") && !list.text.contains("/actes/rencontre"))
            let form = try await client.get("/participants/\(participant)/actes/rencontre", jar: stranger)
            #expect(form.status == .forbidden && !form.text.contains("name=\"minutes\""))
            let token = try #require(form.csrfToken)
            let refused = try await client.post("/participants/\(participant)/actes/rencontre", pairs: [
                ("_csrf", token), ("id", Identifiers.newEventID()), ("openedAt", ClinicalDate.format(Date())),
                ("day", String(ClinicalDate.format(Date()).prefix(10))), ("kind", "individual-meeting"), ("minutes", "30"),
            ], jar: stranger)
            #expect(refused.status == .forbidden && !refused.text.contains("Personne Fictive Web"))
            let (member, _) = try await fixture.signIn(client, WebFixture.admitting)
            let (_, forged) = try await client.fill("/participants/\(participant)/actes/rencontre", { _ in
                [("_csrf", "faux"), ("kind", "individual-meeting"), ("minutes", "30")]
            }, jar: member)
            #expect(forged.status == .forbidden, "the forged token, sent first, is the one read")
        }
        #expect(try fixture.store.size() == before)
        let records = try fixture.accessRecords().filter { $0["actor"] == .string(WebFixture.stranger) }
        #expect(records.contains { $0["view"] == "journey" && $0["outcome"] == "denied" && $0["participant"] == .string(participant) })
        #expect(records.last?["act"] == "session.held" && records.last?["outcome"] == "denied")
    }

    @Test("the decisional balance's caution: before any stage, and at precontemplation where it needs a clinical justification; not once the person has decided")
    func balanceCaution() async throws {
        let fixture = try await WebFixture()
        let participant = fixture.participant
        let balance = "/participants/\(participant)/actes/balance-decisionnelle"
        try await fixture.test { client in
            let (jar, _) = try await fixture.signIn(client, WebFixture.admitting)
            #expect(try await client.get(balance, jar: jar).text.contains("Aucun stade n&#39;a encore été évalué"))
            _ = try await client.fill("/participants/\(participant)/evaluation", { _ in
                [("engagementStep", "anticipation-of-benefits"), ("wheelStage", "precontemplation"), ("importance", "2"), ("confidence", "3")]
            }, jar: jar)
            let (form, refused) = try await client.fill(balance, { _ in [("statusQuo.pros[0].item", "Des cadeaux"), ("statusQuo.pros[0].weight", "3")] }, jar: jar)
            #expect(form.text.contains("class=\"caution\"") && form.text.contains("précontemplation") && form.text.contains("contre-indiquée"))
            #expect(refused.status == .badRequest && FormPage(refused).inError("clinicalJustification") && refused.text.contains("value=\"Des cadeaux\""))
            _ = try await client.fill("/participants/\(participant)/evaluation", { _ in
                [("engagementStep", "reflection-and-dilemma"), ("wheelStage", "determination"), ("importance", "8"), ("confidence", "6")]
            }, jar: jar)
            #expect(!(try await client.get(balance, jar: jar).text.contains("class=\"caution\"")))
        }
    }

    @Test("a group gets a row more when asked, what was typed kept, nothing written; the fall plan names its four kinds of signals; a relapse is part of the path")
    func addRowAndGuidance() async throws {
        let fixture = try await WebFixture()
        let participant = fixture.participant
        let before = try fixture.store.size()
        try await fixture.test { client in
            let (jar, _) = try await fixture.signIn(client, WebFixture.admitting)
            let (form, more) = try await client.fill("/participants/\(participant)/actes/plan-de-chute", { _ in
                [("riskSituations[1].situation", "Une fête"), ("_ajouter", "riskSituations")]
            }, jar: jar)
            for kind in ["situationnels", "comportementaux", "affectifs", "cognitifs"] { #expect(form.text.contains(kind)) }
            #expect(more.status == .ok && !more.text.contains("Rien n&#39;a été enregistré"))
            #expect(more.text.contains("name=\"riskSituations[0].situation\" value=\"Une fête\""), "the row typed moves first")
            #expect(more.text.contains("name=\"riskSituations[2].situation\"") && !more.text.contains("name=\"riskSituations[3].situation\""))
            let relapse = try await client.get("/participants/\(participant)/actes/chute", jar: jar)
            #expect(relapse.text.contains("ni un échec") && !relapse.text.contains("class=\"error\""))
            let plan = try await client.get("/participants/\(participant)/actes/plan-action", jar: jar)
            #expect(plan.text.contains("SMART") && plan.text.contains("Mesurable") && plan.text.contains("Défini dans le temps"))
            let disclosure = try await client.get("/participants/\(participant)/actes/divulgation-legale", jar: jar)
            #expect(disclosure.text.contains("Fondement légal") && disclosure.text.contains("Destinataire") && disclosure.text.contains("en a été informée"))
        }
        #expect(try fixture.store.size() == before)
    }

    @Test("the journey links to the acts, listed by moment; in English, the forms speak English")
    func listAndLanguage() async throws {
        let fixture = try await WebFixture()
        let participant = fixture.participant
        try await fixture.test { client in
            var (jar, _) = try await fixture.signIn(client, WebFixture.admitting)
            let journey = try await client.get("/participants/\(participant)", jar: jar)
            #expect(journey.text.contains("href=\"/participants/\(participant)/actes\""))
            let list = try await client.get("/participants/\(participant)/actes", jar: jar)
            for moment in Moment.allCases {
                #expect(list.text.contains("id=\"moment-\(moment.rawValue)\""), "\(moment) is listed")
            }
            #expect(list.text.contains("/participants/\(participant)/evaluation") && list.text.contains("/actes/divulgation-legale"))
            #expect(!list.text.contains("/actes/suite-orientation") && !list.text.contains("/actes/reouverture"), "no referral to update, the follow-up is open")
            jar.cookies[Language.cookieName] = "en"
            let english = try await client.get("/participants/\(participant)/evaluation", jar: jar)
            #expect(english.text.contains("Stage of the wheel of change") && english.text.contains("<html lang=\"en\">"))
        }
    }

    @Test("admission from the caseload: a new participant, a pseudonymous id, her journey; under 12 refused beside the date of birth with the name kept and nothing written")
    func admission() async throws {
        let fixture = try await WebFixture()
        try await fixture.test { client in
            let (jar, _) = try await fixture.signIn(client, WebFixture.admitting)
            #expect(try await client.get("/", jar: jar).text.contains("href=\"/admission\""))
            let person: [(String, String)] = [("identity.name", "Personne Fictive Admise"), ("genderIdentity", "non-binary"),
                                              ("referringOrganization", "Organisme Exemple"), ("voluntary", "true"), ("recognizesHarms", "true")]
            let before = try fixture.store.size()
            let (form, young) = try await client.fill("/admission", { _ in person + [("identity.dateOfBirth", "2020-01-01")] }, jar: jar)
            #expect(form.status == .ok && form.text.contains("for=\"identity-name\"") && form.text.contains("volontaire"))
            #expect(young.status == .badRequest && FormPage(young).inError("identity-dateOfBirth") && young.text.contains("value=\"Personne Fictive Admise\""))
            #expect(try fixture.store.size() == before)
            let (_, admitted) = try await client.fill("/admission", { _ in person + [("identity.dateOfBirth", "2009-03-04")] }, jar: jar)
            #expect(admitted.status == .ok && admitted.text.contains("Admission enregistrée") && admitted.text.contains("Personne Fictive Admise"))
            let id = try #require(admitted.text.firstMatch(of: #/<span class="pseudonym">(P-[0-9A-Z]{6})</span>/#).map { String($0.output.1) })
            #expect(id != fixture.participant)
            #expect(try fixture.store.size() == before + 2, "the admission and the care team it creates")
            let caseload = try await client.get("/", jar: jar)
            #expect(caseload.text.contains("/participants/\(id)"))
        }
    }
}
