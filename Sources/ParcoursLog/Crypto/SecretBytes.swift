import CSodium
#if canImport(Glibc)
import Glibc
#endif

/// Key material, zeroed when freed.
///
/// Long-lived keys (signing keys, the master key) live in guarded memory
/// (libsodium's `sodium_malloc`: guard pages, locked out of swap). Short-lived
/// per-transaction keys (participants' data keys, unwrapped by the thousand in a
/// batch) use ordinary memory that is still zeroed when freed: guarded pages cost
/// two system calls each. Secrets never live in ordinary arrays longer than it
/// takes to copy them in; callers zero their own copies with `Sodium.zero`.
///
/// A guarded block, once zeroed, is kept for the next key of its size (`GuardedBlocks`):
/// a web session's signing key is unsealed for every request, and making and unmaking
/// guarded pages (mmap, mprotect, mlock, then munlock, munmap) cost more than the page's
/// other cryptography. The guard pages and the lock stay on a kept block.
public final class SecretBytes: @unchecked Sendable {
    private let pointer: UnsafeMutableRawPointer
    private let guarded: Bool
    /// The number of secret bytes.
    public let count: Int

    /// Takes a copy of `bytes` and zeroes the caller's array.
    public init(consuming bytes: inout [UInt8], guarded: Bool = true) {
        Sodium.ensureInitialized()
        count = bytes.count
        self.guarded = guarded
        guard let memory = guarded ? GuardedBlocks.take(max(count, 1)) : malloc(max(count, 1)) else { fatalError("allocation failed") }
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

    deinit {
        if guarded {
            GuardedBlocks.give(pointer, count: max(count, 1))
        } else {
            sodium_memzero(pointer, count)
            free(pointer)
        }
    }

    /// Reads the secret in place; do not let the pointer escape.
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: pointer, count: count))
    }

    /// A plain copy, for sealing; zero it with `Sodium.zero` once used.
    public func copyBytes() -> [UInt8] {
        withUnsafeBytes { Array($0) }
    }
}
