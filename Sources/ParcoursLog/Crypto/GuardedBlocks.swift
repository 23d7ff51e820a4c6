import CSodium
import Synchronization

/// Guarded memory (`sodium_malloc`) kept for reuse once zeroed, by size: what `SecretBytes`
/// takes its guarded keys from. A block given back is zeroed at once, then either kept — no
/// access allowed to it until it is taken again (`sodium_mprotect_noaccess`), so a pointer kept
/// past its key's life faults as on freed memory — or freed (`sodium_free`, which also checks
/// the block's canary) when `kept` blocks of its size already wait. A kept block keeps its guard
/// pages and its lock. Taking and giving back a kept block costs one `mprotect` each, where a new
/// block costs an `mmap`, four `mprotect` and an `mlock`, and freeing it as many again.
enum GuardedBlocks {
    /// How many zeroed blocks of one size wait for reuse: about as many as keys of that size are
    /// alive at once in a busy server (a signing key for each request being answered).
    static let kept = 16

    private struct Block: @unchecked Sendable {
        let pointer: UnsafeMutableRawPointer
    }

    private static let pool = Mutex<[Int: [Block]]>([:])

    /// A guarded block of `count` bytes, readable and writable (its content unspecified: zero, or a
    /// fresh allocation's).
    static func take(_ count: Int) -> UnsafeMutableRawPointer? {
        guard let block = pool.withLock({ $0[count]?.popLast() }) else { return sodium_malloc(count) }
        guard sodium_mprotect_readwrite(block.pointer) == 0 else { fatalError("a guarded block could not be opened") }
        return block.pointer
    }

    /// Zeroes a block of `count` bytes taken here, then keeps it (closed to any access) or frees it.
    static func give(_ pointer: UnsafeMutableRawPointer, count: Int) {
        sodium_memzero(pointer, count)
        let keep = pool.withLock { blocks -> Bool in
            guard blocks[count, default: []].count < kept else { return false }
            // Closed while the lock is held: no one can take it before.
            guard sodium_mprotect_noaccess(pointer) == 0 else { return false }
            blocks[count, default: []].append(Block(pointer: pointer))
            return true
        }
        if !keep { sodium_free(pointer) }
    }

    /// Whether every kept block is all zero (each opened to be read, then closed again).
    static func keptBlocksAreZero() -> Bool {
        pool.withLock { blocks in
            blocks.allSatisfy { count, list in
                list.allSatisfy { block in
                    guard sodium_mprotect_readonly(block.pointer) == 0 else { return false }
                    defer { _ = sodium_mprotect_noaccess(block.pointer) }
                    return UnsafeRawBufferPointer(start: block.pointer, count: count).allSatisfy { $0 == 0 }
                }
            }
        }
    }

    /// How many blocks of `count` bytes wait for reuse.
    static func keptCount(of count: Int) -> Int { pool.withLock { $0[count]?.count ?? 0 } }
}
