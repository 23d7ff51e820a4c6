@testable import ParcoursLog
import Testing

/// Guarded key memory kept for reuse (`GuardedBlocks`): a key dropped leaves its block zeroed,
/// a block given back is the next one taken, no more than `kept` wait, and a key made on a reused
/// block signs as one made on fresh memory. Sizes no other key has (97, 101 bytes) keep these
/// tests apart from the keys other tests make and drop at the same time.
@Suite("Guarded key memory", .serialized)
struct GuardedBlocksTests {
    @Test("a secret dropped leaves its block zeroed; the block is the next one of its size taken")
    func zeroedAndReused() throws {
        var bytes = [UInt8](repeating: 0xA5, count: 97)
        do {
            let secret = SecretBytes(consuming: &bytes)
            #expect(secret.withUnsafeBytes { $0.allSatisfy { $0 == 0xA5 } })
            #expect(bytes.allSatisfy { $0 == 0 }, "the caller's copy is zeroed")
        }
        #expect(GuardedBlocks.keptCount(of: 97) >= 1)
        #expect(GuardedBlocks.keptBlocksAreZero(), "no secret is left in a block waiting for reuse")
        let taken = try #require(GuardedBlocks.take(97))
        GuardedBlocks.give(taken, count: 97)
        let again = try #require(GuardedBlocks.take(97))
        #expect(again == taken, "a block given back is reused")
        GuardedBlocks.give(again, count: 97)
    }

    @Test("no more than the kept number of blocks of a size wait; the others are freed")
    func bounded() {
        do {
            let secrets = (0..<(GuardedBlocks.kept + 20)).map { _ in SecretBytes(random: 101) }
            #expect(secrets.count == GuardedBlocks.kept + 20)
        }
        #expect(GuardedBlocks.keptCount(of: 101) == GuardedBlocks.kept)
        #expect(GuardedBlocks.keptBlocksAreZero())
    }

    @Test("keys made on reused blocks sign and verify as keys made on fresh memory")
    func signing() throws {
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
        for (seed, (publicKey, signature)) in zip(seeds, first) {
            var copy = seed
            let again = try SigningKey(seed: &copy)
            #expect(again.publicKey == publicKey)
            #expect(again.sign(message) == signature, "Ed25519 is deterministic: the same key gives the same signature")
            #expect(publicKey.isValidSignature(signature, of: message))
        }
    }
}
