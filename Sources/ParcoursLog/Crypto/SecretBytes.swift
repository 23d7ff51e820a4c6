import CSodium

/// Key material in guarded memory (libsodium's `sodium_malloc`), zeroed when freed.
///
/// Secrets never live in ordinary arrays longer than it takes to copy them in;
/// callers zero their own copies with `Sodium.zero`.
public final class SecretBytes: @unchecked Sendable {
    private let pointer: UnsafeMutableRawPointer
    /// The number of secret bytes.
    public let count: Int

    /// Takes a copy of `bytes` and zeroes the caller's array.
    public init(consuming bytes: inout [UInt8]) {
        Sodium.ensureInitialized()
        count = bytes.count
        guard let memory = sodium_malloc(max(count, 1)) else { fatalError("sodium_malloc failed") }
        pointer = memory
        bytes.withUnsafeBytes { source in
            if let base = source.baseAddress { pointer.copyMemory(from: base, byteCount: count) }
        }
        Sodium.zero(&bytes)
    }

    /// Fresh random secret bytes.
    public convenience init(random count: Int) {
        var bytes = Sodium.randomBytes(count)
        self.init(consuming: &bytes)
    }

    deinit { sodium_free(pointer) }

    /// Reads the secret in place; do not let the pointer escape.
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: pointer, count: count))
    }

    /// A plain copy, for sealing; zero it with `Sodium.zero` once used.
    public func copyBytes() -> [UInt8] {
        withUnsafeBytes { Array($0) }
    }
}
