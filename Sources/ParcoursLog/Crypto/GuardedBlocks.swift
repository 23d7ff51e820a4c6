import CSodium
import Synchronization

/// Guarded memory (`sodium_malloc`) kept for reuse once zeroed, by size: what `SecretBytes`
/// takes its guarded keys from. A block given back is zeroed at once, whatever happens next;
/// up to `kept` blocks of each size wait for the next key, the others are freed (`sodium_free`,
/// which also checks the block's canary). A kept block keeps its guard pages and its lock.
enum GuardedBlocks {
    /// How many zeroed blocks of one size wait for reuse: a request's key or two, for each of the
    /// requests a server answers at once.
    static let kept = 64

    private struct Block: @unchecked Sendable {
        let pointer: UnsafeMutableRawPointer
    }

    private static let free = Mutex<[Int: [Block]]>([:])

    /// A guarded block of `count` bytes (its content unspecified: zero, or a fresh allocation's).
    static func take(_ count: Int) -> UnsafeMutableRawPointer? {
        if let block = free.withLock({ $0[count]?.popLast() }) { return block.pointer }
        return sodium_malloc(count)
    }

    /// Zeroes a block of `count` bytes taken here, then keeps it or frees it.
    static func give(_ pointer: UnsafeMutableRawPointer, count: Int) {
        sodium_memzero(pointer, count)
        let keptIt = free.withLock { blocks -> Bool in
            guard blocks[count, default: []].count < kept else { return false }
            blocks[count, default: []].append(Block(pointer: pointer))
            return true
        }
        if !keptIt { sodium_free(pointer) }
    }

    /// Whether every kept block is all zero: what a test holds after keys are dropped.
    static func keptBlocksAreZero() -> Bool {
        free.withLock { blocks in
            blocks.allSatisfy { count, list in
                list.allSatisfy { block in UnsafeRawBufferPointer(start: block.pointer, count: count).allSatisfy { $0 == 0 } }
            }
        }
    }

    /// How many blocks of `count` bytes wait for reuse.
    static func keptCount(of count: Int) -> Int { free.withLock { $0[count]?.count ?? 0 } }
}
