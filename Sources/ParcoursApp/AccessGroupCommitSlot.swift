import Synchronization

/// A store's group commit for access records, made at the first record — making it unwraps
/// the log key with the master key the first caller brings — then kept for every record after.
public final class AccessGroupCommitSlot: Sendable {
    private let kept = Mutex<AccessGroupCommit?>(nil)

    public init() {}

    /// The kept group commit, or the one `make` makes, kept from then on (made under the lock:
    /// the log key is unwrapped once, even by two first callers at once).
    public func committer(_ make: () throws -> AccessGroupCommit) throws -> AccessGroupCommit {
        try kept.withLock { kept in
            if let kept { return kept }
            let made = try make()
            kept = made
            return made
        }
    }
}
