import ParcoursClinical

/// What the policy needs to know of one participant, as her or his record stands when
/// the request is decided: who follows her or him, what she or he consented to share
/// with whom, and whom she or he refused.
public struct ParticipantContext: Sendable, Equatable {
    public var participant: String
    /// Clinicians of the care team (actor ids).
    public var careTeam: Set<String>
    /// The organizations of the care team's clinicians.
    public var careTeamOrganizations: Set<String>
    /// Categories in force today, by organization the participant consented to share with.
    public var sharedWith: [String: Set<InformationCategory>]
    /// Clinicians (actor ids) the participant refused.
    public var refusedClinicians: Set<String>
    /// Organizations the participant refused.
    public var refusedOrganizations: Set<String>
    /// The organization of the clinician who admitted her or him: whose coordinator still
    /// answers for the follow-up when its care team is empty.
    public var admittingOrganization: String?

    public init(participant: String, careTeam: Set<String> = [], careTeamOrganizations: Set<String> = [],
                sharedWith: [String: Set<InformationCategory>] = [:], refusedClinicians: Set<String> = [],
                refusedOrganizations: Set<String> = [], admittingOrganization: String? = nil) {
        self.participant = participant
        self.careTeam = careTeam
        self.careTeamOrganizations = careTeamOrganizations
        self.sharedWith = sharedWith
        self.refusedClinicians = refusedClinicians
        self.refusedOrganizations = refusedOrganizations
        self.admittingOrganization = admittingOrganization
    }

    /// Whether the participant refused this reader, by name or by organization.
    public func refuses(_ reader: Reader) -> Bool {
        refusedClinicians.contains(reader.id) || reader.organization.map(refusedOrganizations.contains) == true
    }
}
