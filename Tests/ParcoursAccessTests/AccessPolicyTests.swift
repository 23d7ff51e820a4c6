import ParcoursAccess
import ParcoursClinical
import ParcoursLog
import Testing

/// One test per rule of the policy, permit and deny.
@Suite("The access policy")
struct AccessPolicyTests {
    static let clinician = Reader(id: "clin-0001", roles: ["clinician"], organization: "En Marge 12-17")
    static let otherClinician = Reader(id: "clin-0002", roles: ["clinician"], organization: "CODIM")
    static let partner = Reader(id: "part-0001", roles: ["partner"], organization: "Maison Exemple")
    static let coordinator = Reader(id: "coord-0001", roles: ["coordinator"], organization: "En Marge 12-17")
    static let otherCoordinator = Reader(id: "coord-0002", roles: ["coordinator"], organization: "CODIM")
    static let privacyOfficer = Reader(id: "rprp-0001", roles: ["privacy-officer"], organization: "CCSMTL")
    static let researcher = Reader(id: "rech-0001", roles: ["researcher"], organization: "Université Exemple")
    static let admin = Reader(id: "admin", roles: ["admin"], organization: nil)

    static let context = ParticipantContext(participant: "P-7Q4K2M", careTeam: ["clin-0001"], careTeamOrganizations: ["En Marge 12-17"],
                                            sharedWith: ["Maison Exemple": [.referrals, .plans]])

    static func journey(_ reader: Reader, _ context: ParticipantContext = context, breakGlass: String? = nil) -> AccessDecision {
        AccessPolicy.decide(AccessRequest(reader: reader, view: .journey, participant: context, breakGlass: breakGlass))
    }

    @Test("a clinician of the care team sees the whole journey, for care")
    func careTeam() {
        let decision = Self.journey(Self.clinician)
        #expect(decision.permitted && decision.categories == Set(InformationCategory.allCases) && decision.purpose == .care)
        #expect(!decision.brokeGlass)
    }

    @Test("another clinician sees nothing; breaking the glass with a written justification is permitted and marked")
    func breakGlass() {
        #expect(Self.journey(Self.otherClinician).denial == .notInCareTeam)
        #expect(Self.journey(Self.otherClinician, breakGlass: "urgent").denial == .justificationTooShort)
        let broken = Self.journey(Self.otherClinician, breakGlass: "Danger imminent signalé par la ligne d'urgence ce soir")
        #expect(broken.permitted && broken.brokeGlass && broken.purpose == .breakGlass)
        #expect(broken.categories == Set(InformationCategory.allCases))
    }

    @Test("a partner sees only the categories consented to her or his organization; none without consent")
    func partner() {
        let decision = Self.journey(Self.partner)
        #expect(decision.permitted && decision.categories == [.referrals, .plans])
        var withdrawn = Self.context
        withdrawn.sharedWith = [:]
        #expect(Self.journey(Self.partner, withdrawn).denial == .noConsent)
    }

    @Test("a partner cannot break the glass: with consent or without, a justification is refused for the glass and widens nothing")
    func partnerNoGlass() {
        var withdrawn = Self.context
        withdrawn.sharedWith = [:]
        for context in [Self.context, withdrawn] {
            let glass = Self.journey(Self.partner, context, breakGlass: "Danger imminent signalé par la ligne d'urgence ce soir")
            #expect(!glass.permitted && glass.denial == .roleNotPermitted && glass.purpose == .breakGlass && !glass.brokeGlass)
            #expect(glass.categories.isEmpty)
        }
        let timeline = AccessPolicy.decide(AccessRequest(reader: Self.partner, view: .timeline, participant: Self.context,
                                                         breakGlass: "Danger imminent signalé par la ligne d'urgence ce soir"))
        #expect(!timeline.permitted && timeline.purpose == .breakGlass)
        #expect(Self.journey(Self.partner).categories == [.referrals, .plans], "without the glass, the consented categories as before")
    }

    @Test("a refusal wins over the care team and the glass: only legal-obligation disclosures remain, recorded as such")
    func refusal() {
        var refused = Self.context
        refused.refusedClinicians = ["clin-0001"]
        let decision = Self.journey(Self.clinician, refused)
        #expect(decision.permitted && decision.categories == [.disclosures] && decision.purpose == .legalObligation)
        var organization = Self.context
        organization.refusedOrganizations = ["CODIM"]
        let glass = Self.journey(Self.otherClinician, organization, breakGlass: "Danger imminent signalé par la ligne d'urgence ce soir")
        #expect(glass.categories == [.disclosures] && !glass.brokeGlass)
    }

    @Test("a coordinator sees her or his organization's journeys without notes; others only by breaking the glass")
    func coordinator() {
        let own = Self.journey(Self.coordinator)
        #expect(own.permitted && own.categories == Set(InformationCategory.allCases).subtracting([.notes]) && own.purpose == .supervision)
        #expect(Self.journey(Self.otherCoordinator).denial == .notOwnOrganization)
        let glass = Self.journey(Self.coordinator, breakGlass: "Supervision clinique demandée après un incident grave")
        #expect(glass.categories.contains(.notes) && glass.brokeGlass)
        #expect(AccessPolicy.decide(AccessRequest(reader: Self.coordinator, view: .program, purpose: .supervision)).permitted)
        #expect(AccessPolicy.decide(AccessRequest(reader: Self.coordinator, view: .caseload, purpose: .supervision)).permitted)
        #expect(!AccessPolicy.decide(AccessRequest(reader: Self.clinician, view: .caseload, purpose: .supervision)).permitted)
    }

    @Test("the privacy officer reads the directory, metadata, the access log and the registers, never a journey")
    func privacyOfficer() {
        for view in [AccessView.directory, .metadata, .accessLog, .registers] {
            #expect(AccessPolicy.decide(AccessRequest(reader: Self.privacyOfficer, view: view, purpose: .audit)).permitted, "\(view)")
        }
        #expect(Self.journey(Self.privacyOfficer).denial == .roleNotPermitted)
        #expect(Self.journey(Self.privacyOfficer, breakGlass: "Vérification demandée par la Commission").denial == .roleNotPermitted)
        #expect(!AccessPolicy.decide(AccessRequest(reader: Self.clinician, view: .accessLog, purpose: .audit)).permitted)
        #expect(AccessPolicy.decide(AccessRequest(reader: Self.privacyOfficer, view: .participantReport, purpose: .participantRequest)).permitted)
        #expect(!AccessPolicy.decide(AccessRequest(reader: Self.clinician, view: .participantReport, purpose: .participantRequest)).permitted)
    }

    @Test("researchers and admins never read journeys")
    func researchersAndAdmins() {
        #expect(Self.journey(Self.researcher).denial == .roleNotPermitted)
        #expect(Self.journey(Self.admin).denial == .roleNotPermitted)
        #expect(!AccessPolicy.decide(AccessRequest(reader: Self.researcher, view: .program, purpose: .research)).permitted)
    }
}

@Suite("One vocabulary of roles")
struct RoleVocabularyTests {
    @Test("the domain names the role that may diagnose as the directory spells it")
    func designatedProfessional() {
        #expect(Role.designatedProfessional.rawValue == ClinicalRecorder.designatedProfessionalRole)
        #expect(Role.admin.rawValue == Directory.adminRole)
    }
}
