/// A clinician's caseload as the command line prints it and the JSON API answers it
/// (`Schemas/projections/caseload.schema.json`): whose, and the participants she or he follows.
public struct Caseload: Codable, Sendable, Equatable {
    public var clinician: String
    public var participants: [CaseloadEntry]

    public init(clinician: String, participants: [CaseloadEntry]) {
        (self.clinician, self.participants) = (clinician, participants)
    }
}
