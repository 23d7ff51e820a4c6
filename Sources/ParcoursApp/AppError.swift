import ParcoursAccess
import ParcoursClinical

/// What the use cases refuse on their own account; each front says it in its words (French
/// first) with its exit code or HTTP status. The text never holds personal or clinical data.
///
/// Refusals from below keep their own types (`ActRefused` for an act the rules refuse,
/// `ConsentAwareReader.Denied` for the policy, `ProjectionError`, `LogError`): the fronts
/// map those in the same place.
public enum AppError: Error, Equatable, CustomStringConvertible {
    /// Input the use case cannot take: the field, and what would be accepted. Nothing was written.
    case invalidInput(field: String, reason: String)
    /// The signer did not prove the claimed identity (recorded in the access log as a denial).
    case identityNotProven
    /// Synthetic journeys go only into a store created for demonstrations, never beside real records.
    case notADemonstrationStore

    /// A rule of the domain refused the input (an incident of the register, an update): its
    /// field and what would be accepted.
    public init(_ refusal: ClinicalError) {
        self = .invalidInput(field: refusal.field, reason: refusal.reason)
    }

    public var description: String {
        switch self {
        case .invalidInput(let field, let reason): "\(field): \(reason)"
        case .identityNotProven: "identité non prouvée — identity not proven"
        case .notADemonstrationStore:
            "ce dépôt contient de vrais dossiers : pas de parcours fictifs — synthetic journeys go only into a store created for demonstrations; this one holds real records"
        }
    }
}
