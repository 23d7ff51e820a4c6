/// What can go wrong reading a projection; the text never holds personal or clinical data.
public enum ProjectionError: Error, CustomStringConvertible, Equatable {
    /// A stored projection does not open or decode: rebuilding it from the log repairs it.
    case damaged(String)
    /// No participant with this id was ever admitted.
    case unknownParticipant(String)
    /// The participant's record was erased (crypto-shredded): when (`YYYY-MM-DD`) and for
    /// which reason category — the clear `participant.erased` says no more.
    case erased(String, on: String, reason: String)
    /// A bad argument, naming the field and what is accepted.
    case invalidInput(field: String, reason: String)

    public var description: String {
        switch self {
        case .damaged(let reason): reason
        case .unknownParticipant(let participant): "participant : aucun dossier pour \(participant) — participant: no record for \(participant) (never admitted)"
        case .erased(let participant, let day, let reason):
            "participant : le dossier de \(participant) a été effacé le \(day) (motif : \(reason)) — participant: the record of \(participant) was erased on \(day) (reason: \(reason))"
        case .invalidInput(let field, let reason): "\(field): \(reason)"
        }
    }
}
