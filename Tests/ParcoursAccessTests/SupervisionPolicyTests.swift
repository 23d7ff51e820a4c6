import ParcoursAccess
import ParcoursClinical
import Testing

/// A coordinator supervises the caseloads of her or his own organization's clinicians only.
@Suite("The policy on supervised caseloads")
struct SupervisionPolicyTests {
    static func caseload(_ reader: Reader, of clinician: Reader?) -> AccessDecision {
        AccessPolicy.decide(AccessRequest(reader: reader, view: .caseload, purpose: .supervision, clinician: clinician))
    }

    @Test("a coordinator reads the caseload of a clinician of her organization, for supervision; another organization's is refused")
    func ownOrganizationOnly() {
        let own = Self.caseload(AccessPolicyTests.coordinator, of: AccessPolicyTests.clinician)
        #expect(own.permitted && own.purpose == .supervision && own.categories.isEmpty)
        let other = Self.caseload(AccessPolicyTests.coordinator, of: AccessPolicyTests.otherClinician)
        #expect(!other.permitted && other.denial == .notOwnOrganization)
        let unknown = Self.caseload(AccessPolicyTests.coordinator, of: Reader(id: "clin-inconnue", roles: [], organization: nil))
        #expect(!unknown.permitted && unknown.denial == .notOwnOrganization, "a clinician the directory does not place is no one's to supervise")
        #expect(Self.caseload(AccessPolicyTests.coordinator, of: nil).permitted, "the caseloads of her own organization, as a whole")
    }

    @Test("a clinician or a researcher supervises no caseload, whoever's")
    func othersRefused() {
        for reader in [AccessPolicyTests.clinician, AccessPolicyTests.researcher] {
            let decision = Self.caseload(reader, of: AccessPolicyTests.clinician)
            #expect(!decision.permitted && decision.denial == .roleNotPermitted)
        }
    }
}
