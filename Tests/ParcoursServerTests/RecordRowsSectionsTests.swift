@testable import ParcoursClinical
@testable import ParcoursProjections
@testable import ParcoursServer
import Testing

/// The journey page's shorter lists, written without Mustache (`RecordRows+Sections`): each
/// item says what its template said — every branch, in French and in English — and every text
/// from the record is escaped. Synthetic data only.
@Suite("The journey page's sections")
struct RecordRowsSectionsTests {
    static let markup = RecordRowsTests.markup
    static let escaped = RecordRowsTests.escaped
    static func label(_ term: some VocabularyTerm, _ language: Language = .fr) -> String { HTMLText.escape(VocabularyLabel.label(term, in: language)) }

    @Test("open warnings: the message in the page's language, the day it was raised")
    func warnings() {
        let warning = Journey.OpenWarning(code: .planReviewOverdue, message: "Le plan d'action n'a pas été révisé.", since: "2026-03-02", act: "evt-1")
        #expect(RecordRows.warnings([warning], language: .fr)
                == "<li>Le plan d&#39;action n&#39;a pas été révisé. <span class=\"since\">(depuis le 2026-03-02)</span></li>")
        #expect(RecordRows.warnings([warning], language: .en)
                == "<li>The action plan has not been reviewed since its review date. <span class=\"since\">(since 2026-03-02)</span></li>")
        #expect(RecordRows.warnings([], language: .fr).isEmpty)
    }

    @Test("relapses: part of the path, ended or not, with what helped when it was said; in English the kind comes before the noun")
    func relapses() {
        let ongoing = Journey.RelapseEntry(id: "evt-1", on: "2026-02-01", kind: .momentary, startedOn: "2026-01-30", endedOn: nil, factors: [], whatHelped: nil)
        let ended = Journey.RelapseEntry(id: "evt-2", on: "2026-04-01", kind: .prolonged, startedOn: "2026-03-01", endedOn: "2026-03-20",
                                         factors: [], whatHelped: Self.markup)
        let french = RecordRows.relapses([ongoing, ended], language: .fr)
        #expect(french == "<li>chute \(Self.label(RelapseRecord.Kind.momentary)), à partir du 2026-01-30</li>"
                + "<li>chute \(Self.label(RelapseRecord.Kind.prolonged)), à partir du 2026-03-01 jusqu&#39;au 2026-03-20 — ce qui a aidé : \(Self.escaped)</li>")
        var endedOnly = ended, helpedOnly = ongoing
        endedOnly.whatHelped = nil
        helpedOnly.whatHelped = "la marche"
        #expect(RecordRows.relapses([endedOnly, helpedOnly], language: .fr)
                == "<li>chute \(Self.label(RelapseRecord.Kind.prolonged)), à partir du 2026-03-01 jusqu&#39;au 2026-03-20</li>"
                + "<li>chute \(Self.label(RelapseRecord.Kind.momentary)), à partir du 2026-01-30 — ce qui a aidé : la marche</li>")
        #expect(RecordRows.relapses([ended], language: .en).hasPrefix("<li>prolonged relapse, starting on 2026-03-01 until 2026-03-20 — what helped: "))
    }

    @Test("the plan: needs by priority, objectives with their measure and target when given, the means")
    func plan() {
        let plan = PlanRevision(revision: 2, replaces: 1,
                                needs: [PlanRevision.Need(need: "Logement", priority: 2), PlanRevision.Need(need: Self.markup, priority: 1)],
                                objectives: [PlanRevision.Objective(what: "Retour en classe", measure: "présences", targetDate: "2026-09-01", why: nil, status: .active),
                                             PlanRevision.Objective(what: "Sommeil", measure: nil, targetDate: nil, why: nil, status: .reached),
                                             PlanRevision.Objective(what: "Lecture", measure: "pages", targetDate: nil, why: nil, status: .paused),
                                             PlanRevision.Objective(what: "Stage", measure: nil, targetDate: "2026-10-01", why: nil, status: .revised)],
                                means: ["Rencontres hebdomadaires", Self.markup], reviewOn: "2026-06-01")
        let rows = RecordRows.plan(plan, language: .fr)
        #expect(rows.needs == "<li>\(Self.escaped)</li><li>Logement</li>", "the first priority first")
        #expect(rows.objectives == "<li><strong>Retour en classe</strong> — \(Self.label(PlanRevision.ObjectiveStatus.active)) ; mesure : présences ; échéance : 2026-09-01</li>"
                + "<li><strong>Sommeil</strong> — \(Self.label(PlanRevision.ObjectiveStatus.reached))</li>"
                + "<li><strong>Lecture</strong> — \(Self.label(PlanRevision.ObjectiveStatus.paused)) ; mesure : pages</li>"
                + "<li><strong>Stage</strong> — \(Self.label(PlanRevision.ObjectiveStatus.revised)) ; échéance : 2026-10-01</li>")
        #expect(rows.means == "<li>Rencontres hebdomadaires</li><li>\(Self.escaped)</li>")
        #expect(RecordRows.plan(plan, language: .en).objectives.contains("; measure: présences; target date: 2026-09-01</li>"), "English puts no space before a semicolon")
    }

    @Test("the fall plan: each risk situation's signals and strategies, the people to call with what is known of them")
    func fallPlan() {
        let plan = FallPlanRevision(revision: 1, replaces: nil,
                                    riskSituations: [.init(situation: Self.markup, signalKind: .affective, signals: ["tristesse", "retrait"],
                                                           copingStrategies: ["appeler", "marcher"])],
                                    peopleToCall: [.init(name: "Personne Exemple", relationship: "tante", phone: "555-0100"),
                                                   .init(name: "Intervenante", relationship: nil, phone: nil),
                                                   .init(name: "Ligne d'écoute", relationship: nil, phone: "555-0199")])
        let rows = RecordRows.fallPlan(plan, language: .fr)
        #expect(rows.situations == "<tr><td>\(Self.escaped)</td><td>\(Self.label(FallPlanRevision.SignalKind.affective))</td><td>tristesse ; retrait</td><td>appeler ; marcher</td></tr>")
        #expect(rows.people == "<li>Personne Exemple (tante) — 555-0100</li><li>Intervenante</li><li>Ligne d&#39;écoute — 555-0199</li>")
    }

    @Test("consents: in force or not on the day, expiry and withdrawal when there are; refusals lifted or standing, without the person's words")
    func consentsAndRefusals() {
        let given = Journey.ConsentEntry(id: "evt-1", on: "2026-01-10", scope: .init(kind: .organization, value: Self.markup),
                                         categories: [.stages, .plans], purpose: nil, expiresOn: "2026-12-31", decidedBy: .participant)
        var withdrawn = Journey.ConsentEntry(id: "evt-2", on: "2026-01-11", scope: .init(kind: .research, value: nil), categories: [.stages],
                                             purpose: nil, expiresOn: nil, decidedBy: .tutor)
        withdrawn.withdrawnOn = "2026-02-01"
        let consents = RecordRows.consents([given, withdrawn], today: "2026-03-01", language: .fr)
        #expect(consents == "<li>2026-01-10 : \(Self.label(ConsentDecision.ScopeKind.organization)) (\(Self.escaped)) — "
                + "\(Self.label(InformationCategory.stages)), \(Self.label(InformationCategory.plans)) (décidé par \(Self.label(ConsentDecision.Decider.participant))) — "
                + "<strong>en vigueur</strong> ; échéance 2026-12-31</li>"
                + "<li>2026-01-11 : \(Self.label(ConsentDecision.ScopeKind.research)) — \(Self.label(InformationCategory.stages)) "
                + "(décidé par \(Self.label(ConsentDecision.Decider.tutor))) — <strong>plus en vigueur</strong> ; retiré le 2026-02-01</li>")
        #expect(RecordRows.consents([given], today: "2027-01-01", language: .fr).contains("<strong>plus en vigueur</strong>"), "expired on the day")
        var both = given
        both.withdrawnOn = "2026-06-30"
        #expect(RecordRows.consents([both], today: "2026-03-01", language: .fr).hasSuffix("<strong>plus en vigueur</strong> ; échéance 2026-12-31 ; retiré le 2026-06-30</li>"))

        let standing = Journey.RefusalEntry(id: "evt-3", on: "2026-01-12", scope: .init(kind: .program, value: nil), decidedBy: .participant,
                                            reason: "Les mots de la personne", liftedOn: nil)
        var lifted = standing
        lifted.liftedOn = "2026-02-15"
        let refusals = RecordRows.refusals([standing, lifted], language: .fr)
        let head = "<li>2026-01-12 : \(Self.label(ConsentDecision.ScopeKind.program)) (décidé par \(Self.label(ConsentDecision.Decider.participant)))"
        #expect(refusals == head + " — <strong>en vigueur</strong></li>" + head + " — levé le 2026-02-15</li>")
        #expect(!refusals.contains("Les mots"), "the person's own words are not on the page")
        #expect(RecordRows.refusals([standing], language: .en).hasSuffix(" — <strong>standing</strong></li>"))
    }

    @Test("legal disclosures: basis, recipient, categories, by whom, and whether the person was told and when")
    func disclosures() {
        let told = Journey.DisclosureEntry(id: "evt-1", on: "2026-02-02", by: "clin-exemple",
                                           disclosure: LegalDisclosure(legalBasis: .courtOrder, basisDetail: nil, recipient: Self.markup,
                                                                       categories: [.identity, .safety], disclosedAt: "2026-02-02T10:00:00Z",
                                                                       participantTold: true, participantToldAt: "2026-02-03T09:00:00Z", justification: "Ordonnance fictive"))
        var toldUndated = told
        toldUndated.disclosure.participantToldAt = nil
        #expect(RecordRows.disclosures([toldUndated], language: .fr).hasSuffix(" ; la personne en a été informée</li>"))
        var notTold = told
        notTold.disclosure.participantTold = false
        notTold.disclosure.participantToldAt = nil
        let head = "<li>2026-02-02 : \(Self.label(LegalDisclosure.LegalBasis.courtOrder)) — \(Self.escaped) "
            + "(\(Self.label(InformationCategory.identity)), \(Self.label(InformationCategory.safety))), clin-exemple ; "
        #expect(RecordRows.disclosures([told, notTold], language: .fr)
                == head + "la personne en a été informée 2026-02-03</li>" + head + "<strong>la personne n&#39;en a pas encore été informée</strong></li>")
        #expect(RecordRows.disclosures([notTold], language: .en).hasSuffix("<strong>the person has not been told yet</strong></li>"))
    }

    @Test("referrals and sessions: where to and where it stands; how many sessions of each kind, their minutes, the last one's day")
    func referralsAndSessions() {
        let referral = Journey.ReferralEntry(id: "evt-1", on: "2026-02-02", to: .init(kind: .housing, name: "Clinique Exemple"), reason: "suivi",
                                             urgency: .soon, consent: nil, status: .noShow)
        #expect(RecordRows.referrals([referral], language: .fr)
                == "<li>2026-02-02 : \(Self.label(Referral.ResourceKind.housing)) — \(Self.label(Journey.ReferralEntry.Status.noShow))</li>")
        let tally = Journey.SessionTally(kind: .accompaniment, count: 3, minutes: 150, lastOn: "2026-02-20")
        #expect(RecordRows.sessions([tally], language: .fr)
                == "<tr><td>\(Self.label(SessionRecord.Kind.accompaniment))</td><td>3</td><td>150</td><td>2026-02-20</td></tr>")
    }
}
