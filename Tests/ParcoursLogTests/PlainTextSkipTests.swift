import Testing
@testable import ParcoursLog

/// The readers skip a string's plain bytes eight at a time: the skip must stop before every
/// byte that needs a look (`"`, `\`, a control character, a byte of a multi-byte scalar) and
/// pass only such runs.
@Suite("Plain text skipped in strings")
struct PlainTextSkipTests {
    static func needsLook(_ byte: UInt8) -> Bool { byte == 0x22 || byte == 0x5C || byte < 0x20 || byte >= 0x80 }

    @Test("it stops at the first byte that needs a look, or where fewer than eight bytes remain, and skips only plain bytes, over every byte value")
    func skipsExactlyPlainRuns() {
        var mutator = LineMutator(seed: 83)
        let edges: [UInt8] = [0x00, 0x01, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x41, 0x5B, 0x5C, 0x5D, 0x7E, 0x7F, 0x80, 0xC3, 0xFE, 0xFF]
        var cases = (0...255).map { special in [UInt8](repeating: 0x61, count: 11) + [UInt8(special)] + [UInt8](repeating: 0x62, count: 9) }
        for _ in 0..<20_000 {
            let length = mutator.below(40)
            cases.append((0..<length).map { _ in mutator.below(4) == 0 ? mutator.pick(edges) : UInt8(0x61 + mutator.below(26)) })
        }
        for bytes in cases {
            for start in 0...min(bytes.count, 9) {
                var index = start
                bytes.withUnsafeBufferPointer { JSONUnicodeEscape.skipPlainText(in: $0, at: &index) }
                #expect(index >= start && index <= bytes.count)
                #expect(!bytes[start..<index].contains(where: Self.needsLook), "\(bytes) from \(start): skipped a byte that needs a look")
                let atLook = index < bytes.count && Self.needsLook(bytes[index])
                #expect(atLook || ((index - start) % 8 == 0 && index + 8 > bytes.count), "\(bytes) from \(start): stopped at \(index), on a plain byte")
            }
        }
    }
}
