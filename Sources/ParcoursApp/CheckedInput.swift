import ParcoursClinical
import ParcoursLog

// What enters from a front (a command's argument, a URL, a form) is checked here once, each
// refusal naming its field; the use cases then take it typed.

extension ParticipantID {
    /// Reads a participant id where it enters (a command's argument, a URL, a form), naming
    /// the field when it is not one.
    public init(checking text: String, field: String = "participant") throws(AppError) {
        guard let id = ParticipantID(text) else { throw .invalidInput(field: field, reason: "a participant id such as P-7Q4K2M") }
        self = id
    }
}

extension ActorID {
    /// Reads an actor id where it enters, naming `field` when it is not one.
    public init(checking text: String, field: String) throws(AppError) {
        guard let id = ActorID(text) else {
            throw .invalidInput(field: field, reason: "an actor id: 1 to 64 lowercase letters, digits, '.', '_' or '-'")
        }
        self = id
    }
}

extension Day {
    /// Reads a day where it enters, naming `field` when it is not one.
    public init(checking text: String, field: String) throws(AppError) {
        guard let day = Day(text) else { throw .invalidInput(field: field, reason: "a day as YYYY-MM-DD, such as 2026-11-23") }
        self = day
    }
}
