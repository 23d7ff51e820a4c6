@testable import ParcoursLog
import Testing

/// Guarded key memory kept for reuse (`GuardedBlocks`): a key dropped leaves its block zeroed,
/// and a key made on a reused block signs as one made on fresh memory. (Other tests make and drop
/// keys at the same time: only what holds whatever they do is asserted.)
@Suite("Guarded key memory")
struct GuardedBlocksTests {
    @Test("keys dropped leave only zeroed blocks; keys made again on them sign and verify as before")
    func reuse() throws {
        let seeds = (0..<12).map { index in (0..<32).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ index &+ 1) } }
        let message = Array("une ligne de journal fictive".utf8)
        var first: [(PublicKey, [UInt8])] = []
        do {
            let keys = try seeds.map { seed in
                var copy = seed
                return try SigningKey(seed: &copy)
            }
            first = keys.map { ($0.publicKey, $0.sign(message)) }
        }
        #expect(GuardedBlocks.keptBlocksAreZero(), "no secret is left in a block waiting for reuse")
        for (seed, (publicKey, signature)) in zip(seeds, first) {
            var copy = seed
            let again = try SigningKey(seed: &copy)
            #expect(again.publicKey == publicKey)
            #expect(again.sign(message) == signature, "Ed25519 is deterministic: the same key gives the same signature")
            #expect(publicKey.isValidSignature(signature, of: message))
        }
        #expect(GuardedBlocks.keptBlocksAreZero())
    }

    @Test("no more than the kept number of blocks wait; the others are freed")
    func bounded() throws {
        do {
            let keys = (0..<(GuardedBlocks.kept + 20)).map { _ in SigningKey.generate() }
            #expect(keys.count == GuardedBlocks.kept + 20)
        }
        #expect(GuardedBlocks.keptCount(of: 64) <= GuardedBlocks.kept)
        #expect(GuardedBlocks.keptBlocksAreZero())
    }
}
