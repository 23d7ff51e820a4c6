/// `entry.corrected` — a later act that corrects an earlier one of the same
/// participant (by id), with the reason and the corrected members
/// (`correction`, an object); the original stays in the log.
public struct EntryCorrection: Codable, Sendable, Equatable {
    public var corrects: String
    public var reason: String
}

/// `entry.voided` — an earlier act (by id) that should not count, with the reason;
/// it stays in the log, hidden but counted.
public struct EntryVoiding: Codable, Sendable, Equatable {
    public var voids: String
    public var reason: String
}
