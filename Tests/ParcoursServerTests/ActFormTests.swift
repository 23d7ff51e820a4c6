import Foundation
import HTTPTypes
import HummingbirdTesting
import ParcoursClinical
import ParcoursLog
import Testing
@testable import ParcoursServer

/// Recording every clinical act through its form, as the care team's clinician does in a browser.
@Suite("Recording every act through its form")
struct ActFormTests {
    /// A submission of one act type: the fields a clinician fills (over the form's hidden ones),
    /// some read from the form itself (an act of the record to choose).
    struct Sample: Sendable {
        let slug: String
        let fields: @Sendable (FormPage) -> [(String, String)]
    }

    static let today = String(ClinicalDate.format(Date()).prefix(10))

    /// One valid submission of each act type, in an order the record accepts them: the referral
    /// before its update, a clinician joining before leaving, the follow-up closed before reopened.
    static let samples: [Sample] = [
        Sample(slug: "evaluation") { _ in [("engagementStep", "reflection-and-dilemma"), ("wheelStage", "determination"), ("importance", "7"),
                                           ("confidence", "5"), ("personSaid", "Je veux essayer autrement")] },
        Sample(slug: "balance-decisionnelle") { _ in [("statusQuo.pros[0].item", "De l'argent vite"), ("statusQuo.pros[0].weight", "2"),
                                                      ("change.pros[0].item", "Retourner à l'école"), ("change.pros[0].weight", "3")] },
        Sample(slug: "observation-trauma") { _ in [("survivalStrategies", "flight"), ("survivalStrategies", "freeze"), ("triggers", "Bruits forts\nUn lieu précis"),
                                                   ("symptoms", "Sommeil difficile")] },
        Sample(slug: "plan-action") { _ in [("needs[0].need", "Un logement stable"), ("needs[0].priority", "1"),
                                            ("objectives[0].what", "Visiter deux logements"), ("objectives[0].measure", "Deux visites faites"),
                                            ("objectives[0].targetDate", "2027-01-15"), ("objectives[0].status", "active"),
                                            ("means", "Accompagnement aux visites"), ("reviewOn", "2027-01-31")] },
        Sample(slug: "plan-de-chute") { _ in [("riskSituations[0].situation", "Un ancien contact écrit"), ("riskSituations[0].signalKind", "situational"),
                                              ("riskSituations[0].signals", "Message la nuit"), ("riskSituations[0].copingStrategies", "Appeler l'intervenante"),
                                              ("peopleToCall[0].name", "Intervenante de garde"), ("peopleToCall[0].relationship", "intervenante")] },
        Sample(slug: "chute") { _ in [("kind", "momentary"), ("startedOn", today), ("factors[0].origin", "internal"),
                                      ("factors[0].category", "critical-event"), ("factors[0].description", "Une mauvaise nouvelle"),
                                      ("whatHelped", "Parler à une amie")] },
        Sample(slug: "securite") { _ in [("risks", "debts"), ("dangerLevel", "moderate"), ("peopleInvolved", "Une tante")] },
        Sample(slug: "orientation") { _ in [("to.kind", "medical-clinic"), ("to.name", "Clinique Exemple"), ("reason", "Un suivi de santé"),
                                            ("urgency", "soon")] },
        Sample(slug: "suite-orientation") { page in [("referral", page.firstOption(of: "referral") ?? ""), ("status", "accepted")] },
        Sample(slug: "consentement") { _ in [("scope.kind", "organization"), ("scope.value", "Organisme Partenaire"), ("categories", "referrals"),
                                             ("categories", "stages"), ("decidedBy", "participant")] },
        Sample(slug: "retrait-consentement") { _ in [("scope.kind", "organization"), ("scope.value", "Organisme Partenaire"),
                                                     ("categories", "stages"), ("decidedBy", "participant")] },
        Sample(slug: "refus-acces") { _ in [("scope.kind", "research"), ("decidedBy", "participant")] },
        Sample(slug: "divulgation-legale") { _ in [("legalBasis", "youth-protection-act-s39"), ("recipient", "DPJ de Montréal"), ("categories", "safety"),
                                                   ("disclosedAt", "2026-11-21T10:00"), ("participantTold", "true"), ("participantToldAt", "2026-11-21T15:30"),
                                                   ("justification", "Motif raisonnable de croire la sécurité compromise")] },
        Sample(slug: "obligations") { _ in [("obligationsExplained", "true"), ("rulesAgreed", "true")] },
        Sample(slug: "rencontre") { _ in [("kind", "individual-meeting"), ("minutes", "45"), ("processes", "evoking"), ("techniques", "open-questions")] },
        Sample(slug: "arrivee-equipe") { _ in [("clinician", WebFixture.stranger), ("reason", "Relève pendant un congé")] },
        Sample(slug: "depart-equipe") { _ in [("clinician", WebFixture.stranger), ("reason", "Fin de la relève")] },
        Sample(slug: "correction") { page in [("corrects", page.firstOption(of: "corrects") ?? ""), ("reason", "Une faute de frappe"),
                                              ("correctedMember", "notes"), ("correctedValue", "Note corrigée")] },
        Sample(slug: "annulation") { page in [("voids", page.firstOption(of: "voids") ?? ""), ("reason", "Consignée en double")] },
        Sample(slug: "fermeture") { _ in [("reason", "La personne souhaite faire une pause")] },
        Sample(slug: "reouverture") { _ in [("reason", "La personne revient vers le programme")] },
    ]

    @Test("each act type's form opens for the care team with a label for every field, and a valid submission is recorded once and shows on the journey")
    func everyActRecorded() async throws {
        #expect(Set(Self.samples.map(\.slug)) == Set(ActForm.all.filter { $0.type != .participantEnrolled }.map(\.slug)), "a sample for every act type")
        let fixture = try await WebFixture()
        let participant = fixture.participant
        try await fixture.test { client in
            let (jar, _) = try await fixture.signIn(client, WebFixture.admitting)
            for sample in Self.samples {
                let form = try #require(ActForm.named(sample.slug))
                let before = try fixture.store.size()
                let (page, recorded) = try await client.fill(form.path(for: participant), sample.fields, jar: jar)
                #expect(page.status == .ok, "\(sample.slug): the form opens")
                for field in form.fields {
                    let labelled = page.text.contains("for=\"\(ActFormPage.htmlID(field.name))\"") || page.text.contains("<legend>\(html(field.label.fr))")
                    if case .fixedInteger = field.kind { continue }
                    #expect(labelled, "\(sample.slug): \(field.name) has a label")
                }
                #expect(recorded.status == .ok, "\(sample.slug): recorded — \(FormPage(recorded).text.matches(of: #/field-error[^>]*>([^<]*)/#).map { String($0.output.1) })")
                #expect(recorded.text.contains(html(form.recorded.fr)), "\(sample.slug): the journey says it was recorded")
                #expect(recorded.text.contains("<strong>\(html(form.type.frenchLabel))</strong>"), "\(sample.slug): the journey's timeline shows it")
                #expect(try fixture.store.size() == before + 1, "\(sample.slug): one act written")
            }
            let list = try await client.get("/participants/\(participant)/actes", jar: jar)
            #expect(list.status == .ok && list.text.contains("/actes/fermeture") && !list.text.contains("/actes/reouverture"))
            // What is in force and what was decided, each in its section of the journey.
            let journey = try await client.get("/participants/\(participant)", jar: jar).text
            for (section, content) in [("Plan d&#39;action en vigueur", "Visiter deux logements"), ("Plan de chute en vigueur", "Un ancien contact écrit"),
                                       ("Consentements", "Organisme Partenaire"), ("Divulgations exigées par la loi", "DPJ de Montréal"),
                                       ("Rencontres et activités", "rencontre individuelle")] {
                #expect(journey.contains(section) && journey.contains(content), "\(section) shows \(content)")
            }
            // Every section of the journey in English too: each heading and table of the page in its words.
            var english = jar
            english.take(try await client.post("/langue", ["langue": "en", "retour": "/participants/\(participant)"], jar: jar))
            let page = try await client.get("/participants/\(participant)", jar: english)
            #expect(page.status == .ok)
            for heading in ["Action plan in force", "Fall plan in force", "Consents", "Disclosures required by law", "Meetings and activities",
                            "Safety", "Referrals", "Relapses", "Who opened this record"] {
                #expect(page.text.contains(">\(heading)</h"), "\(heading) in English")
            }
            #expect(!page.text.contains("Plan d&#39;action") && !page.text.contains("Rencontres et activités"), "no French heading left")
        }
    }

    @Test("the correction form lists the record's acts in the page's language, each after its day as that language writes it")
    func actsToCorrectInBothLanguages() async throws {
        let fixture = try await WebFixture()
        let path = try #require(ActForm.named("correction")).path(for: fixture.participant)
        try await fixture.test { client in
            var (jar, _) = try await fixture.signIn(client, WebFixture.admitting)
            let french = try await client.get(path, jar: jar)
            #expect(french.status == .ok && french.text.contains(" : admission — Admission, orientée par Organisme Exemple</option>"))
            jar.take(try await client.post("/langue", ["langue": "en", "retour": path], jar: jar))
            let english = try await client.get(path, jar: jar)
            #expect(english.status == .ok && english.text.contains(": admission — Admission, referred by Organisme Exemple</option>"))
            #expect(!english.text.contains(" : admission") && !english.text.contains("orientée par"), "no French spacing or words in English")
        }
    }

    @Test("an act sent twice with the same form is recorded once")
    func idempotent() async throws {
        let fixture = try await WebFixture()
        let path = "/participants/\(fixture.participant)/actes/rencontre"
        try await fixture.test { client in
            let (jar, _) = try await fixture.signIn(client, WebFixture.admitting)
            let page = FormPage(try await client.get(path, jar: jar))
            let fields = page.sent.filter { $0.0 != "kind" && $0.0 != "minutes" } + [("kind", "accompaniment"), ("minutes", "90")]
            let before = try fixture.store.size()
            #expect(try await client.post(path, pairs: fields, jar: jar).text.contains("Rencontre enregistrée"))
            let again = try await client.post(path, pairs: fields, jar: jar)
            #expect(again.status == .ok && again.text.contains("déjà enregistrée"))
            #expect(try fixture.store.size() == before + 1)
        }
    }
}
