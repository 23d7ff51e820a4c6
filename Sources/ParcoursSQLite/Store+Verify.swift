import ParcoursLog

extension Store {
    /// Verifies the store completely, in one read snapshot: every record of both
    /// logs against the format and authority rules, every column against its
    /// record, every stored tree hash against the records, every stored signed
    /// checkpoint, and with `since`, that the log extends that older checkpoint; and that
    /// the openings kept for the care team's panel are those the access log tells of (in a
    /// snapshot of its own, after). Every
    /// participant stream not erased must hold exactly one data key (with `master`, one
    /// that unwraps and opens the stream), and no erased stream may keep one.
    /// The log core's `StoreVerifier` does it, over `LogStore`; `progress` hears how far it is.
    public func verify(since: String? = nil, master: MasterKey? = nil,
                       progress: StoreVerifier.Progress? = nil) throws(VerificationError) -> StoreVerification {
        let verified = try StoreVerifier(origin: origin, logKey: logPublicKey).verify(logStore(master: master), since: since,
                                                                                    unwrapKeys: master != nil, progress: progress)
        try verifyOpenings()
        return verified
    }
}
