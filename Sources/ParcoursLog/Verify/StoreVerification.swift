/// What verifying a whole store established.
public struct StoreVerification: Sendable, Equatable {
    public var events: LogSummary
    public var access: LogSummary
    /// Signed checkpoints kept by the store, each checked against the records.
    public var checkpointsChecked: Int
    /// Participant streams not erased, each found with exactly one data key.
    public var dataKeysChecked: Int = 0
    /// Whether those keys were also unwrapped with the master key and found to open their stream
    /// (false when verifying without the master passphrase: only their presence was checked).
    public var dataKeysUnwrapped = false

    public init(events: LogSummary, access: LogSummary, checkpointsChecked: Int, dataKeysChecked: Int = 0, dataKeysUnwrapped: Bool = false) {
        (self.events, self.access, self.checkpointsChecked) = (events, access, checkpointsChecked)
        (self.dataKeysChecked, self.dataKeysUnwrapped) = (dataKeysChecked, dataKeysUnwrapped)
    }
}
