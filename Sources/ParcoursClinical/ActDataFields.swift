/// An act's stored data read into values named by position — the root object at 0 — so that
/// an act can be read member by member, by hand, rather than through `Codable`.
///
/// The domain cannot see the log's JSON reader (it depends on Foundation only); a projection
/// hands its reader in through `ActDataDecoding.fields` and the domain reads the act from it
/// (`ActReading`), exactly as the act's synthesized `init(from:)` reads it — the same
/// values, the same refusals, held by differential tests. `Codable`'s own machinery (a boxed
/// container per object, a generic lookup per member) was most of the time of a rebuild's
/// decoding.
public protocol ActDataFields {
    /// What the value at `position` is.
    func kind(at position: Int) -> ActValueKind
    /// The position of the value of member `name` of the object at `object`, nil when absent.
    func member(_ name: StaticString, of object: Int) -> Int?
    /// The string at `position`, escapes decoded.
    func text(at position: Int) -> String
    /// The integer at `position`.
    func integer(at position: Int) -> Int64
    /// The boolean at `position`.
    func truth(at position: Int) -> Bool
    /// How many elements the array at `position` holds.
    func count(at position: Int) -> Int
    /// The position just past the value at `position` and all it holds (the next element).
    func after(_ position: Int) -> Int
}

/// What a value in an act's data is.
public enum ActValueKind: Sendable {
    case null, bool, integer, string, array, object
}
