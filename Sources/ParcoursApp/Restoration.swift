/// What putting a backup back in service did.
public struct Restoration: Sendable {
    /// The sizes of the two logs now in service.
    public var events: UInt64
    public var access: UInt64
    /// Where the store that was in service is kept, if there was one.
    public var replacedKeptAt: String?

    public init(events: UInt64, access: UInt64, replacedKeptAt: String?) {
        (self.events, self.access, self.replacedKeptAt) = (events, access, replacedKeptAt)
    }
}

