import Crypto

/// A SHA-256 digest: 32 bytes, held inline without allocation.
///
/// Four words rather than a `SIMD32<UInt8>`: a value aligned on 32 bytes in an async
/// function's frame breaks Swift 6.3's task allocator ("freed pointer was not the last
/// allocation"), and digests travel through the async use cases (`AppendResult`, `LogSummary`).
public struct Hash: Hashable, Sendable, Comparable, CustomStringConvertible {
    typealias Words = (UInt64, UInt64, UInt64, UInt64)
    var storage: Words

    /// 32 zero bytes: the `prev` of the first record.
    public static let zero = Hash(storage: (0, 0, 0, 0))

    init(storage: Words) { self.storage = storage }

    /// A digest from exactly 32 bytes.
    ///
    /// Contiguous bytes (an array, a store's `Data` column) are copied in one move: called
    /// from another module the function is not specialized, and a byte-by-byte loop there
    /// costs a generic dispatch a byte — verification reads about three hashes a record.
    public init?(bytes: some Collection<UInt8>) {
        guard bytes.count == 32 else { return nil }
        if let copied = bytes.withContiguousStorageIfAvailable({ Hash(bytes: UnsafeRawBufferPointer($0)) }), let hash = copied {
            self = hash
            return
        }
        var storage: Words = (0, 0, 0, 0)
        Swift.withUnsafeMutableBytes(of: &storage) { words in
            for (position, byte) in bytes.enumerated() { words[position] = byte }
        }
        self.storage = storage
    }

    /// A digest from exactly 32 bytes in place (a store's column read without a copy).
    public init?(bytes: UnsafeRawBufferPointer) {
        guard bytes.count == 32 else { return nil }
        var storage: Words = (0, 0, 0, 0)
        Swift.withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: bytes) }
        self.storage = storage
    }

    /// A SHA-256 digest from swift-crypto, copied in one move.
    init(_ digest: SHA256Digest) {
        var storage: Words = (0, 0, 0, 0)
        Swift.withUnsafeMutableBytes(of: &storage) { words in digest.withUnsafeBytes { words.copyMemory(from: $0) } }
        self.storage = storage
    }

    /// A digest from 64 lowercase hex digits; nil for anything else.
    public init?(hex: String) {
        guard let bytes = Hex.decode(hex), bytes.count == 32 else { return nil }
        self.init(bytes: bytes)
    }

    /// A digest from the UTF-8 bytes of 64 lowercase hex digits (a record line read in place).
    /// Read straight into the digest (every record's `prev`): no array between.
    init?(hexBytes: UnsafeBufferPointer<UInt8>) {
        guard hexBytes.count == 64 else { return nil }
        var storage: Words = (0, 0, 0, 0)
        // A table and one test at the end (every record's `prev`): the digit-by-digit switch was a third of a per cent of verification.
        let valid = Hex.values.withUnsafeBufferPointer { table in
            Swift.withUnsafeMutableBytes(of: &storage) { words in
                let digits = hexBytes.baseAddress!, lookup = table.baseAddress!
                var seen: UInt8 = 0
                for position in 0..<32 {
                    let high = lookup[Int(digits[2 * position])], low = lookup[Int(digits[2 * position + 1])]
                    seen |= high | low
                    words[position] = high << 4 | low
                }
                return seen & 0xF0 == 0
            }
        }
        guard valid else { return nil }
        self.storage = storage
    }

    /// A digest from the standard base64 of 32 bytes; nil for anything else.
    public init?(base64: String) {
        guard let bytes = Base64.decode(base64), bytes.count == 32 else { return nil }
        self.init(bytes: bytes)
    }

    public var bytes: [UInt8] { withUnsafeBytes { Array($0) } }
    public var hex: String { Hex.encode(bytes) }
    public var base64: String { Base64.encode(bytes) }
    public var description: String { hex }

    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try Swift.withUnsafeBytes(of: storage, body)
    }

    mutating func withUnsafeMutableBytes<R>(_ body: (UnsafeMutableRawBufferPointer) throws -> R) rethrows -> R {
        try Swift.withUnsafeMutableBytes(of: &storage, body)
    }

    public static func == (left: Hash, right: Hash) -> Bool {
        left.storage.0 == right.storage.0 && left.storage.1 == right.storage.1 && left.storage.2 == right.storage.2
            && left.storage.3 == right.storage.3
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(storage.0)
        hasher.combine(storage.1)
        hasher.combine(storage.2)
        hasher.combine(storage.3)
    }

    public static func < (left: Hash, right: Hash) -> Bool {
        left.bytes.lexicographicallyPrecedes(right.bytes)
    }
}

extension Hash: ContiguousBytes {}

/// Something whose bytes can be read in place.
public protocol ContiguousBytes {
    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R
}

extension Array: ContiguousBytes where Element == UInt8 {}
extension ArraySlice: ContiguousBytes where Element == UInt8 {}
