/// Where a participant's stream starts and ends in the log: what checking its data key needs.
public struct ParticipantStreamSpan: Sendable, Equatable {
    /// The stream, `participant/P-…` (a pseudonymous id).
    public var stream: String
    /// The seq of its first record (version 0).
    public var firstSeq: UInt64
    /// The seq and type of its last record (`participant.erased` once erased).
    public var lastSeq: UInt64
    public var lastType: String

    public init(stream: String, firstSeq: UInt64, lastSeq: UInt64, lastType: String) {
        (self.stream, self.firstSeq, self.lastSeq, self.lastType) = (stream, firstSeq, lastSeq, lastType)
    }
}
