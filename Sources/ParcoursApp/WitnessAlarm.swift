import ParcoursLog

/// A witness's refusal that may mean the log misbehaved — a fork, a rewrite, a key not its
/// own — or that the witness itself was tampered with: kept beside the checkpoints and shown
/// to the privacy officer. It names a witness, a log and sizes, never anyone's data.
public struct WitnessAlarm: Sendable, Equatable {
    /// When the log heard the refusal.
    public var at: Timestamp
    /// The witness's key name.
    public var witness: String
    /// The log whose checkpoint was refused.
    public var log: LogKind
    /// The size of the checkpoint submitted.
    public var size: UInt64
    /// The HTTP status the witness answered (403, 404, 422), or 409 when it stated a size that
    /// contradicts what it cosigned before; 200 when its cosignature did not verify.
    public var status: Int
    /// What the witness said, or what the log concluded, in a line.
    public var reason: String

    public init(at: Timestamp, witness: String, log: LogKind, size: UInt64, status: Int, reason: String) {
        (self.at, self.witness, self.log, self.size, self.status, self.reason) = (at, witness, log, size, status, reason)
    }

    /// The alarm as JSON (the checkpoints API).
    public var json: JSONValue {
        ["at": .string(at.description), "witness": .string(witness), "log": .string(log.rawValue), "size": .int(Int64(size)),
         "status": .int(Int64(status)), "reason": .string(reason)]
    }
}
