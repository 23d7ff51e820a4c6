import ParcoursAccess
import ParcoursClinical
import Testing

/// One test per rule of the policy for writes into a participant's record.
@Suite("The access policy for writes")
struct WritePolicyRuleTests {
    typealias Readers = AccessPolicyTests
    static let justification = "Danger imminent signalé par la ligne d'urgence ce soir"

    static func write(_ writer: Reader, _ type: String, clinician: String? = nil, _ context: ParticipantContext? = AccessPolicyTests.context,
                      breakGlass: String? = nil) -> AccessDecision {
        AccessPolicy.decide(AccessRequest(reader: writer, view: .record, participant: context, breakGlass: breakGlass,
                                          act: WriteAct(type: type, clinician: clinician)))
    }

    @Test("a clinician admits; no one else does")
    func admission() {
        #expect(Self.write(Readers.otherClinician, "participant.enrolled", nil).permitted)
        for reader in [Readers.coordinator, Readers.partner, Readers.privacyOfficer, Readers.admin, Readers.researcher] {
            #expect(Self.write(reader, "participant.enrolled", nil).denial == .roleNotPermitted, "\(reader.id)")
        }
    }

    @Test("the care team's clinician writes; another clinician is refused unless she breaks the glass, marked")
    func careTeam() {
        #expect(Self.write(Readers.clinician, "stage.assessed").purpose == .care)
        #expect(Self.write(Readers.otherClinician, "stage.assessed").denial == .notInCareTeam)
        #expect(Self.write(Readers.otherClinician, "consent.given").denial == .notInCareTeam)
        #expect(Self.write(Readers.otherClinician, "careteam.assigned", clinician: "clin-0002").denial == .notInCareTeam)
        let broken = Self.write(Readers.otherClinician, "careteam.assigned", clinician: "clin-0002", breakGlass: Self.justification)
        #expect(broken.permitted && broken.brokeGlass && broken.purpose == .breakGlass)
        #expect(Self.write(Readers.otherClinician, "stage.assessed", nil).denial == .unknownParticipant)
    }

    @Test("a coordinator of the team's organization changes the team, never the clinical record; another organization's is refused")
    func coordinator() {
        #expect(Self.write(Readers.coordinator, "careteam.assigned", clinician: "clin-0002").purpose == .supervision)
        #expect(Self.write(Readers.coordinator, "stage.assessed").denial == .roleNotPermitted)
        #expect(Self.write(Readers.otherCoordinator, "careteam.released", clinician: "clin-0001").denial == .notOwnOrganization)
        // An empty team: the organization that admitted her answers for it.
        let empty = ParticipantContext(participant: "P-7Q4K2M", admittingOrganization: "En Marge 12-17")
        #expect(Self.write(Readers.coordinator, "careteam.assigned", clinician: "clin-0002", empty).permitted)
        #expect(!Self.write(Readers.otherCoordinator, "careteam.assigned", clinician: "clin-0002", empty).permitted)
    }

    @Test("the participant's refusal wins over membership and the glass, except for a legal-obligation disclosure by the care team")
    func refusal() {
        var refused = AccessPolicyTests.context
        refused.refusedClinicians = ["clin-0001", "clin-0002"]
        #expect(Self.write(Readers.clinician, "stage.assessed", refused).denial == .refusedByParticipant)
        #expect(Self.write(Readers.otherClinician, "stage.assessed", refused, breakGlass: Self.justification).denial == .refusedByParticipant)
        let disclosure = Self.write(Readers.clinician, "disclosure.legal", refused)
        #expect(disclosure.permitted && disclosure.purpose == .legalObligation && disclosure.categories == [.disclosures])
        #expect(Self.write(Readers.otherClinician, "disclosure.legal", refused).denial == .refusedByParticipant)
    }

    @Test("a refusal for the role names the role a writer needs")
    func rolesNamed() {
        #expect(AccessPolicy.roles(for: .record, purpose: .care) == [.clinician])
    }
}
