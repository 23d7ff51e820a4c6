/// A SHA-256 digest: 32 bytes, held inline without allocation.
public struct Hash: Hashable, Sendable, Comparable, CustomStringConvertible {
    var storage: SIMD32<UInt8>

    /// 32 zero bytes: the `prev` of the first record.
    public static let zero = Hash(storage: SIMD32(repeating: 0))

    init(storage: SIMD32<UInt8>) { self.storage = storage }

    /// A digest from exactly 32 bytes.
    ///
    /// Contiguous bytes (an array, a store's `Data` column) are copied in one move: called
    /// from another module the function is not specialized, and a byte-by-byte loop there
    /// costs a generic dispatch a byte — verification reads about three hashes a record.
    public init?(bytes: some Collection<UInt8>) {
        guard bytes.count == 32 else { return nil }
        var storage = SIMD32<UInt8>(repeating: 0)
        let copied = bytes.withContiguousStorageIfAvailable { buffer in
            Swift.withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: UnsafeRawBufferPointer(buffer)) }
        }
        if copied == nil {
            for (position, byte) in bytes.enumerated() { storage[position] = byte }
        }
        self.storage = storage
    }

    /// A digest from 64 lowercase hex digits; nil for anything else.
    public init?(hex: String) {
        guard let bytes = Hex.decode(hex), bytes.count == 32 else { return nil }
        self.init(bytes: bytes)
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
