import CSodium
import Crypto
import Dispatch
import ParcoursLog
import Synchronization

/// The building blocks of an append and of a verification, timed on their own,
/// so the store's numbers can be read against what the CPU and the disk allow.
struct Primitives {
    var signPerSecond: Double = 0
    var verifyShortPerSecond: Double = 0  // one core, 64-byte message
    var verifyOneCorePerSecond: Double = 0  // one core, envelope-size message
    var verifyAllCoresPerSecond: Double = 0  // every core, envelope-size message
    var cores = 1
    var envelopeBytes = 0
    var lineBytes = 0
    /// Microseconds per event, one core, for each step of making a record.
    var makeSteps: [(String, Double)] = []
    /// Microseconds per event, one core, for each step of checking a record line.
    var parseSteps: [(String, Double)] = []
    /// Microseconds per hash, one core: SHA-256 by libsodium and by swift-crypto (BoringSSL),
    /// of a record line and of a tree node (65 bytes), each checked against the other.
    var hashSteps: [(String, Double)] = []
    /// Microseconds to put one data key in guarded memory and free it again (sodium_malloc + sodium_free);
    /// the store pays it once per participant stream per transaction when it unwraps the stream's key.
    var guardedKeyMicroseconds: Double = 0

    var makeMicroseconds: Double { makeSteps.map(\.1).reduce(0, +) }
}

enum PrimitiveBench {
    /// Runs `body` `repeats` times and returns the median of `iterations / seconds`.
    static func rate(repeats: Int, iterations: Int, _ body: () -> Void) -> Double {
        var rates: [Double] = []
        for _ in 0..<repeats {
            let watch = Stopwatch()
            body()
            rates.append(Double(iterations) / watch.elapsedSeconds)
        }
        return median(rates)
    }

    /// Median microseconds per item of `body` over `count` items, `repeats` times.
    static func microseconds(repeats: Int, count: Int, _ body: () -> Void) -> Double {
        1e6 / rate(repeats: repeats, iterations: count, body)
    }

    /// SHA-256 of `0x00 || line` (a leaf) and of 65 bytes (a node) by both implementations.
    static func hashSteps(lines: [[UInt8]], repeats: Int) -> [(String, Double)] {
        let nodes = lines.map { Array($0.prefix(65)) }
        func sodium(_ message: [UInt8]) -> [UInt8] {
            var state = crypto_hash_sha256_state()
            var digest = [UInt8](repeating: 0, count: 32)
            var tag: UInt8 = 0
            crypto_hash_sha256_init(&state)
            crypto_hash_sha256_update(&state, &tag, 1)
            crypto_hash_sha256_update(&state, message, UInt64(message.count))
            crypto_hash_sha256_final(&state, &digest)
            return digest
        }
        func boring(_ message: [UInt8]) -> [UInt8] {
            var hasher = SHA256()
            hasher.update(data: [0])
            hasher.update(data: message)
            return Array(hasher.finalize())
        }
        for message in lines.prefix(50) + nodes.prefix(50) {
            precondition(sodium(message) == boring(message), "libsodium and swift-crypto disagree on a SHA-256")
        }
        var sink = 0
        let count = lines.count
        let steps = [
            ("SHA-256 of a record line, libsodium", microseconds(repeats: repeats, count: count) { for line in lines { sink &+= Int(sodium(line)[0]) } }),
            ("SHA-256 of a record line, swift-crypto", microseconds(repeats: repeats, count: count) { for line in lines { sink &+= Int(boring(line)[0]) } }),
            ("SHA-256 of a tree node, libsodium", microseconds(repeats: repeats, count: count) { for node in nodes { sink &+= Int(sodium(node)[0]) } }),
            ("SHA-256 of a tree node, swift-crypto", microseconds(repeats: repeats, count: count) { for node in nodes { sink &+= Int(boring(node)[0]) } }),
            ("leaf hash as the log computes it (LogRecord.leafHash)",
             microseconds(repeats: repeats, count: count) { for line in lines { sink &+= Int(LogRecord.leafHash(line: line).bytes[0]) } }),
        ]
        if sink == -1 { print(sink) }
        return steps
    }

    static func run(origin: String, dataBytes: Int, repeats: Int, scale: Int) -> Primitives {
        var result = Primitives()
        result.cores = LogVerifier.defaultWorkers
        let signer = SigningKey.generate()
        let author = Author(actor: "admin", key: signer.publicKey)
        let dataKey = DataKey.generate(id: "dk-P-000000-1")
        var synthetic = SyntheticEvents(participants: 1000, dataBytes: dataBytes, seed: 7)
        let count = max(200, scale)
        let drafts = synthetic.drafts(count)
        let ids = (0..<count).map { _ in Identifiers.newEventID() }
        let recordedAt = Timestamp.now()

        // Making records: the CPU side of an append, step by step.
        var sealed: [SealedPayload] = []
        var envelopes: [Envelope] = []
        var envelopeBytes: [[UInt8]] = []
        var signatures: [[UInt8]] = []
        var lines: [[UInt8]] = []
        var sink = 0
        let validate = microseconds(repeats: repeats, count: count) {
            for draft in drafts { if (try? draft.validate()) != nil { sink &+= 1 } }
        }
        let seal = microseconds(repeats: repeats, count: count) {
            sealed = zip(drafts, ids).enumerated().map { index, pair in
                SealedPayload.seal(pair.0.data, with: dataKey, id: pair.1, log: origin, stream: pair.0.stream, version: UInt64(index))
            }
        }
        for index in 0..<count {
            envelopes.append(Envelope(log: origin, seq: UInt64(index + 1), id: ids[index], stream: drafts[index].stream,
                                      version: UInt64(index), type: drafts[index].type, recordedAt: recordedAt, author: author,
                                      prev: .zero, payload: .sealed(sealed[index])))
        }
        let encode = microseconds(repeats: repeats, count: count) {
            envelopeBytes = envelopes.map(\.canonicalBytes)
        }
        let sign = microseconds(repeats: repeats, count: count) {
            signatures = envelopeBytes.map { signer.sign($0) }
        }
        let records = zip(envelopes, signatures).map { LogRecord(envelope: $0, signature: $1) }
        let line = microseconds(repeats: repeats, count: count) {
            lines = records.map(\.line)
        }
        let leaf = microseconds(repeats: repeats, count: count) {
            for line in lines { sink &+= Int(LogRecord.leafHash(line: line).bytes[0]) }
        }
        result.hashSteps = hashSteps(lines: lines, repeats: repeats)
        result.makeSteps = [
            ("validate draft (JCS of data, checks)", validate),
            ("seal data (JCS + XChaCha20-Poly1305)", seal),
            ("JCS of the envelope", encode),
            ("Ed25519 sign", sign),
            ("record line (JCS of envelope again + base64)", line),
            ("leaf hash (SHA-256)", leaf),
        ]
        result.signPerSecond = 1e6 / sign
        result.envelopeBytes = envelopeBytes[0].count
        result.lineBytes = lines[0].count

        // Checking records: the CPU side of a verification, one core.
        let parseJSON = microseconds(repeats: repeats, count: count) {
            for line in lines { if (try? JSONParser.parse(line)) != nil { sink &+= 1 } }
        }
        let parseRecord = microseconds(repeats: repeats, count: count) {
            for line in lines { if (try? ParsedRecord(line: line, checkSignature: false)) != nil { sink &+= 1 } }
        }
        let parseAndVerify = microseconds(repeats: repeats, count: count) {
            for line in lines { if (try? ParsedRecord(line: line))?.signatureValid == true { sink &+= 1 } }
        }
        result.parseSteps = [
            ("(for comparison: a JSON tree of the line, JSONParser)", parseJSON),
            ("record read by the strict reader, leaf hash", parseRecord),
            ("+ Ed25519 verify", parseAndVerify - parseRecord),
        ]

        result.guardedKeyMicroseconds = microseconds(repeats: repeats, count: count) {
            for _ in 0..<count {
                var bytes = [UInt8](repeating: 7, count: DataKey.keyLength)
                if let key = try? DataKey(id: "dk-P-000000-1", bytes: &bytes) { sink &+= key.id.utf8.count }
            }
        }

        // Ed25519 alone: one core on a short and on an envelope-size message, then every core.
        let short = Array(envelopeBytes[0].prefix(64))
        let shortSignature = signer.sign(short)
        let key = signer.publicKey
        result.verifyShortPerSecond = rate(repeats: repeats, iterations: count) {
            for _ in 0..<count where key.isValidSignature(shortSignature, of: short) { sink &+= 1 }
        }
        result.verifyOneCorePerSecond = rate(repeats: repeats, iterations: count) {
            for index in 0..<count where key.isValidSignature(signatures[index], of: envelopeBytes[index]) { sink &+= 1 }
        }
        let cores = result.cores
        let valid = Atomic<Int>(0)
        let messages = envelopeBytes
        let allSignatures = signatures
        result.verifyAllCoresPerSecond = rate(repeats: repeats, iterations: count * cores) {
            DispatchQueue.concurrentPerform(iterations: cores) { _ in
                var good = 0
                for index in 0..<count where key.isValidSignature(allSignatures[index], of: messages[index]) { good += 1 }
                valid.add(good, ordering: .relaxed)
            }
        }
        precondition(valid.load(ordering: .relaxed) == count * cores * repeats, "a signature failed to verify")
        if sink == -1 { print(sink) }  // keeps the timed loops from being optimized away
        return result
    }
}
