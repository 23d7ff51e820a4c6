/// `participant.enrolled` — admission to SPHÈRES. Participation is voluntary and
/// requires that the person recognizes the harms; age 12 to 24 at admission.
/// The identity is sealed in the participant's stream and never exported.
public struct ParticipantEnrolment: Codable, Sendable, Equatable {
    public struct Identity: Codable, Sendable, Equatable {
        public var name: String
        public var dateOfBirth: String
        public var contact: String?
    }

    public var identity: Identity
    /// Open list: woman, man, trans woman, trans man, non-binary, two-spirit, other (free text), …
    public var genderIdentity: String
    public var preferredLanguage: String
    public var referringOrganization: String
    public var voluntary: Bool
    public var recognizesHarms: Bool
    public var notes: String?

    /// Ages at admission the program serves.
    public static let ages = 12...24
}
