/// The set of event ids seen, 16 bytes an id, to refuse any id that repeats.
struct EventIDSet {
    private struct Key: Hashable {
        var high: UInt64
        var low: UInt64
    }

    private var keys = Set<Key>()

    /// Inserts a lowercase UUID; false if it was already there.
    mutating func insert(_ id: String) -> Bool {
        var high: UInt64 = 0
        var low: UInt64 = 0
        var count = 0
        for byte in id.utf8 where byte != UInt8(ascii: "-") {
            let nibble = UInt64(byte <= 0x39 ? byte - 0x30 : byte - 0x61 + 10)
            if count < 16 { high = high << 4 | nibble } else { low = low << 4 | nibble }
            count += 1
        }
        return keys.insert(Key(high: high, low: low)).inserted
    }
}
