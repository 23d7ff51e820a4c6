import Testing
import ParcoursLog

/// Projections are sealed deterministically (equal content, equal bytes): stores written
/// before must keep opening and their digests keep comparing, so the bytes are pinned.
@Suite("Deterministic sealing")
struct DeterministicSealTests {
    @Test("a projection sealed under a fixed key gives the same nonce and ciphertext as it always has")
    func knownAnswer() throws {
        var secret = (0..<32).map { UInt8($0) }
        let key = try DataKey(id: "dk-P-TEST01-1", bytes: &secret)
        let plaintext = Array(#"{"participant":"P-TEST01","timeline":[]}"#.utf8) + [UInt8](repeating: 0x61, count: 300)
        let sealed = key.sealDeterministically(plaintext, associatedData: Array("parcours/projection/journey/P-TEST01".utf8))
        #expect(Hex.encode(sealed.nonce) == "a91b452ba0cb5bb46de6cbf2732f64d80b97380abc10cebc")
        #expect(Hex.encode(Sodium.sha256(sealed.ciphertext).bytes) == "c40f793084dff7e07c40356bfa916534da304552194278769fd2d4aa84650da2")
        #expect(try key.open(sealed.ciphertext, nonce: sealed.nonce, associatedData: Array("parcours/projection/journey/P-TEST01".utf8)) == plaintext)
        let again = key.sealDeterministically(plaintext, associatedData: Array("parcours/projection/journey/P-TEST01".utf8))
        #expect(again.nonce == sealed.nonce && again.ciphertext == sealed.ciphertext)
        let other = key.sealDeterministically(plaintext, associatedData: Array("parcours/projection/record/P-TEST01".utf8))
        #expect(other.nonce != sealed.nonce)
    }
}
