import Foundation
import Testing
@testable import ParcoursLog

/// A batch's records are signed on a second core while the writer prepares and inserts the
/// others (`ChainSigner`): the lines must be exactly the ones signing in order on one
/// thread gives, whoever signs, and an abandoned batch must leave no thread waiting.
@Suite("Signing a batch's chain on a second core")
struct ChainSignerTests {
    static let key = SigningKey.generate()

    static func envelopes(_ count: Int, from seq: UInt64) -> [Envelope] {
        (0..<count).map { offset in
            Envelope(log: "test.example/log", seq: seq + UInt64(offset), id: Identifiers.newEventID(), stream: "participant/P-TEST01",
                     version: UInt64(offset), type: "note.added", recordedAt: .now(), author: Author(actor: "clin-0001", key: key.publicKey),
                     prev: .zero, payload: .clear(["index": .int(Int64(offset)), "text": "note fictive"]))
        }
    }

    /// The chain signed in order on the calling thread, as the writer signed before.
    static func signedInOrder(_ envelopes: [Envelope], after first: Hash) -> [[UInt8]] {
        var previous = first
        return envelopes.map { envelope in
            var envelope = envelope
            envelope.prev = previous
            let line = LogRecord.signed(envelope, with: key).line
            previous = LogRecord.leafHash(line: line)
            return line
        }
    }

    @Test("on a second thread or by the writer, each record is signed after the one before, as in order on one thread",
          arguments: [false, true])
    func sameLines(concurrent: Bool) throws {
        for round in 0..<60 {
            let first = Sodium.sha256([UInt8(round)])
            let envelopes = Self.envelopes(1 + round % 7, from: UInt64(round))
            let chain = ChainSigner(key: Self.key, after: first, concurrent: concurrent)
            // Half the rounds hand every envelope in before asking, half ask for each one as soon as it is handed in.
            var lines: [[UInt8]] = []
            if round.isMultiple(of: 2) {
                for envelope in envelopes { chain.submit(envelope) }
                chain.close()
                for _ in envelopes { lines.append(chain.next().line) }
            } else {
                for envelope in envelopes { chain.submit(envelope) }
                chain.close()
                lines.append(chain.next().line)
                Thread.sleep(forTimeInterval: 0.001)
                for _ in envelopes.dropFirst() { lines.append(chain.next().line) }
            }
            chain.cancel()
            #expect(lines == Self.signedInOrder(envelopes, after: first), "round \(round)")
            for line in lines { #expect(try ParsedRecord(line: line).signatureValid) }
        }
    }

    @Test("each signed record comes with its leaf hash, and the next record's prev is that hash")
    func leafHashes() throws {
        let chain = ChainSigner(key: Self.key, after: .zero, concurrent: true)
        let envelopes = Self.envelopes(5, from: 1)
        for envelope in envelopes { chain.submit(envelope) }
        chain.close()
        var previous = Hash.zero
        for _ in envelopes {
            let signed = chain.next()
            #expect(signed.record.envelope.prev == previous)
            #expect(signed.leaf == LogRecord.leafHash(line: signed.line))
            previous = signed.leaf
        }
    }

    @Test("a batch abandoned before it is closed, or before its records are taken, leaves no thread waiting")
    func abandoned() async throws {
        weak var released: ChainSigner?
        do {
            let chain = ChainSigner(key: Self.key, after: .zero, concurrent: true)
            for envelope in Self.envelopes(3, from: 0) { chain.submit(envelope) }
            chain.cancel()
            released = chain
        }
        // The thread ends once it sees the cancellation, and lets go of the chain.
        for _ in 0..<500 where released != nil { try await Task.sleep(for: .milliseconds(2)) }
        #expect(released == nil, "the signing thread has ended")
    }
}
