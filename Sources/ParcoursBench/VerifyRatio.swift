import Dispatch
import Foundation
import ParcoursLog
import ParcoursSQLite
import Synchronization

/// `verify-ratio`: a store's verification against what two cores of Ed25519 alone do on
/// the same store's envelopes, measured back to back: Ed25519 alone just before and just
/// after each verification (A B A), so that a shared machine's drift falls on both sides
/// of each ratio, and a short slow or fast spell on the Ed25519 side does not decide it.
enum VerifyRatio {
    struct Round {
        var ed25519PerSecond: Double
        var ed25519CoresBusy: Double
        var verifyPerSecond: Double
        var verifyCoresBusy: Double
        var ratio: Double { verifyPerSecond / ed25519PerSecond }
    }

    static func run(_ options: Options) throws {
        let path = try options.string("store")
        let rounds = max(1, try options.int("rounds", default: 3))
        let sampleSize = max(100, try options.int("sample", default: 20_000))
        let store = try Store.open(at: path, readOnly: true)
        let sample = try envelopes(of: store, count: sampleSize)
        let cores = LogVerifier.defaultWorkers
        let averageBytes = sample.isEmpty ? 0 : sample.reduce(0) { $0 + $1.message.count } / sample.count
        log("verify-ratio: \(sample.count) envelopes sampled across the log (\(averageBytes) B on average), \(cores) cores, \(rounds) rounds")
        var results: [Round] = []
        for round in 0..<rounds {
            let before = twoCoreRate(sample, cores: cores)
            let watch = Stopwatch()
            let verification = try store.verify()
            let seconds = watch.elapsedSeconds
            let busy = watch.coresBusy
            let after = twoCoreRate(sample, cores: cores)
            let events = Int(verification.events.size + verification.access.size)
            let verify = Double(events) / seconds
            // Both Ed25519 spells as one: all their checks over all their time.
            let ed25519 = Double(before.checks + after.checks) / (before.seconds + after.seconds)
            let ed25519Busy = (before.coresBusy * before.seconds + after.coresBusy * after.seconds) / (before.seconds + after.seconds)
            let result = Round(ed25519PerSecond: ed25519, ed25519CoresBusy: ed25519Busy, verifyPerSecond: verify, verifyCoresBusy: busy)
            results.append(result)
            print("round \(round + 1): verify \(formatRate(result.verifyPerSecond)) events/s of \(events) (cores busy \(String(format: "%.2f", result.verifyCoresBusy))); "
                + "Ed25519 alone on \(cores) cores \(formatRate(result.ed25519PerSecond))/s (cores busy \(String(format: "%.2f", result.ed25519CoresBusy))); "
                + "ratio \(String(format: "%.3f", result.ratio))")
        }
        let ratios = results.map(\.ratio)
        print("median ratio \(String(format: "%.3f", median(ratios))) (min \(String(format: "%.3f", ratios.min()!)), "
            + "max \(String(format: "%.3f", ratios.max()!))); median verify \(formatRate(median(results.map(\.verifyPerSecond)))) events/s")
    }

    struct Signed: Sendable {
        var key: PublicKey
        var signature: [UInt8]
        var message: [UInt8]
    }

    /// `count` records' envelopes and signatures, spread evenly over the event log.
    static func envelopes(of store: Store, count: Int) throws -> [Signed] {
        try store.logStore(master: nil).withReadTransaction(on: .events) { transaction in
            let size = try transaction.size()
            let step = max(1, size / UInt64(count))
            var sample: [Signed] = []
            var seq: UInt64 = 0
            while seq < size, sample.count < count {
                if let line = try transaction.line(at: seq) {
                    let parsed = try ParsedRecord(line: line, checkSignature: false)
                    sample.append(Signed(key: parsed.record.envelope.author.key, signature: parsed.record.signature,
                                         message: Array(parsed.envelopeBytes)))
                }
                seq += step
            }
            return sample
        }
    }

    /// Signatures checked by Ed25519 alone, before and after each verification: a few seconds
    /// each, so that both threads are at work for the whole of it (3,000 each ended a third of a
    /// second in, one of them often late: the side was measured at 1.4 cores busy, and the ratio
    /// flattered), and long enough that a moment of the shared machine does not decide the side.
    static let ed25519Checks = 120_000

    /// Ed25519 alone on `cores` threads over `sample`, taken a few at a time from one counter
    /// so that the threads end together; also how many cores were busy.
    static func twoCoreRate(_ sample: [Signed], cores: Int) -> (checks: Int, seconds: Double, coresBusy: Double) {
        let total = max(ed25519Checks, sample.count)
        let next = Atomic<Int>(0)
        let valid = Atomic<Int>(0)
        let watch = Stopwatch()
        DispatchQueue.concurrentPerform(iterations: cores) { _ in
            var good = 0
            while true {
                let start = next.wrappingAdd(16, ordering: .relaxed).oldValue
                if start >= total { break }
                for index in start..<min(total, start + 16) {
                    let signed = sample[index % sample.count]
                    if signed.key.isValidSignature(signed.signature, of: signed.message) { good += 1 }
                }
            }
            valid.add(good, ordering: .relaxed)
        }
        let seconds = watch.elapsedSeconds, busy = watch.coresBusy
        precondition(valid.load(ordering: .relaxed) == total, "a sampled signature does not verify")
        return (total, seconds, busy)
    }
}
