/// The rules on payloads and stream life that do not depend on who signed.
public enum StreamRules {
    /// The clear event that closes a participant's stream after crypto-shredding.
    public static let participantErased = "participant.erased"

    /// Participant streams are sealed except `participant.erased`; directory and access records are clear.
    public static func checkPayload(of envelope: Envelope) throws(LogFormatError) {
        if Identifiers.participant(ofStream: envelope.stream) != nil {
            let mustBeClear = envelope.type == participantErased
            guard envelope.payload.isSealed != mustBeClear else {
                throw LogFormatError(mustBeClear ? "participant.erased must be clear" : "participant streams must be sealed")
            }
        } else if envelope.type == participantErased {
            throw LogFormatError("participant.erased outside a participant stream")
        } else if envelope.stream == Identifiers.directoryStream || envelope.stream == Identifiers.accessStream {
            guard !envelope.payload.isSealed else { throw LogFormatError("\(envelope.stream) records must be clear") }
        }
    }

    /// Whether an event closes its stream: nothing may follow it.
    public static func closesStream(_ envelope: Envelope) -> Bool { envelope.type == participantErased }
}
