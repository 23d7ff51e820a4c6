import ParcoursAccess
import ParcoursLog
import ParcoursProjections

extension CaseRecord {
    /// One clinician of the reader's organization and the participants she or he follows.
    public struct SupervisedCaseload: Sendable, Equatable, Encodable {
        public var clinician: String
        /// As the directory names her or him (nil for an actor enrolled before names were kept).
        public var name: String?
        public var entries: [CaseloadEntry]

        /// As one clinician's caseload reads (`Schemas/projections/caseload.schema.json`), with her name.
        enum CodingKeys: String, CodingKey { case clinician, name, entries = "participants" }
    }

    /// The reader's organization and the caseloads of its active clinicians, by clinician id:
    /// what a coordinator supervises. Decided by the policy as a caseload read for supervision
    /// and recorded once, before the answer; a reader without an organization supervises no one.
    public func organizationCaseloads(by identity: Identity) async throws -> (organization: String?, caseloads: [SupervisedCaseload]) {
        let session = try await session(identity, view: .caseload)
        try await follower.reachHead()
        try await session.authorize(.caseload, purpose: .supervision)
        guard let organization = session.reader.organization else { return (nil, []) }
        var caseloads: [SupervisedCaseload] = []
        for clinician in session.organizationClinicians {
            caseloads.append(SupervisedCaseload(clinician: clinician.id, name: clinician.name, entries: try await session.caseload(of: clinician.id)))
        }
        return (organization, caseloads)
    }
}

extension Session {
    /// A clinician's caseload as this reader may see it: without the participants who refuse
    /// the reader (by name or organization), whose stage, safety and contacts are theirs to
    /// withhold — as their journeys are, beyond the legal-obligation disclosures.
    func caseload(of clinician: String) async throws -> [CaseloadEntry] {
        let (reader, organizations, today) = (reader, organizations, CaseRecord.today())
        return try await projections.caseload(of: clinician) { !$0.context(organizations: organizations, today: today).refuses(reader) }
    }

    /// The active clinicians of the reader's organization, by id; none without an organization.
    var organizationClinicians: [DirectoryActor] {
        guard let organization = reader.organization else { return [] }
        return directory.actors.values.filter { $0.active && $0.organization == organization && Reader($0).holds(.clinician) }.sorted { $0.id < $1.id }
    }
}
