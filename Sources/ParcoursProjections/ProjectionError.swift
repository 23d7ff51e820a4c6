/// What can go wrong reading a projection; the text never holds personal or clinical data.
public enum ProjectionError: Error, CustomStringConvertible, Equatable {
    /// A stored projection does not open or decode: rebuilding it from the log repairs it.
    case damaged(String)
    /// No participant with this id in the projections (never admitted, or erased).
    case unknownParticipant(String)
    /// A bad argument, naming the field and what is accepted.
    case invalidInput(field: String, reason: String)

    public var description: String {
        switch self {
        case .damaged(let reason): reason
        case .unknownParticipant(let participant): "participant: no journey for \(participant) (never admitted, or erased)"
        case .invalidInput(let field, let reason): "\(field): \(reason)"
        }
    }
}
