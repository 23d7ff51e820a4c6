import Dispatch
import Synchronization

/// Signs a batch's envelopes in order on a second core while the writer's transaction
/// prepares the envelopes after them and inserts the ones signed before.
///
/// Signing is a chain: each envelope's `prev` is the leaf hash of the line before it,
/// signature included. So the chain itself cannot be split, but it need not wait for the
/// rest of an append (checking, sealing, inserting, the tree). The writer hands each
/// envelope in as soon as it is checked (`submit`, with any `prev`: the chain sets it),
/// says when there are no more (`close`), then takes the signed records back in the same
/// order (`next`). Every envelope is checked before its record is inserted, and nothing is
/// inserted out of order: only who computes the signature changes.
///
/// The writer never waits for a thread that has not started: if no thread of the global
/// queue has taken up the chain by the time the writer asks for its first record (every
/// thread busy), the writer signs the chain itself. A batch of one is signed by the writer.
final class ChainSigner: @unchecked Sendable {
    /// A record signed at its place in the chain, its line and its leaf hash.
    struct Signed {
        var record: LogRecord
        var line: [UInt8]
        var leaf: Hash
    }

    private struct State {
        var envelopes: [Envelope] = []
        var signed: [Signed] = []
        var closed = false
        var cancelled = false
    }

    private enum Signer: Int { case nobody, thread, writer }

    private let key: SigningKey
    /// The leaf hash before the first envelope.
    private let first: Hash
    private let state = Mutex(State())
    private let signer = Atomic<Int>(Signer.nobody.rawValue)
    /// One signal per envelope handed in, one more when closed or cancelled.
    private let envelopeReady = DispatchSemaphore(value: 0)
    /// One signal per record signed by the thread.
    private let signedReady = DispatchSemaphore(value: 0)
    /// The writer's place: how many records it has taken back, and the last one's leaf hash.
    private var taken = 0
    private var previous: Hash

    private let concurrent: Bool

    /// A chain starting after `previous`; on a second thread when `concurrent` (from the
    /// first envelope handed in: a batch refused before has held no thread).
    init(key: SigningKey, after previous: Hash, concurrent: Bool) {
        self.key = key
        first = previous
        self.previous = previous
        self.concurrent = concurrent
    }

    /// Hands in the next envelope of the chain.
    func submit(_ envelope: Envelope) {
        let isFirst = state.withLock { state in
            state.envelopes.append(envelope)
            return state.envelopes.count == 1
        }
        envelopeReady.signal()
        if isFirst, concurrent { DispatchQueue.global().async { [self] in work() } }
    }

    /// No more envelopes.
    func close() {
        state.withLock { $0.closed = true }
        envelopeReady.signal()
    }

    /// The batch is abandoned (an error): the thread stops at its next envelope.
    func cancel() {
        state.withLock { $0.cancelled = true }
        envelopeReady.signal()
    }

    /// The next signed record, in the order the envelopes were handed in. Only after `close`.
    func next() -> Signed {
        defer { taken += 1 }
        if taken == 0, claim(.writer) {
            // No thread took the chain: the writer signs it.
            return signNext()
        }
        if signer.load(ordering: .acquiring) == Signer.writer.rawValue { return signNext() }
        signedReady.wait()
        return state.withLock { $0.signed[taken] }
    }

    private func signNext() -> Signed {
        let envelope = state.withLock { $0.envelopes[taken] }
        let signed = Self.sign(envelope, after: previous, with: key)
        previous = signed.leaf
        return signed
    }

    private func claim(_ who: Signer) -> Bool {
        signer.compareExchange(expected: Signer.nobody.rawValue, desired: who.rawValue, ordering: .acquiringAndReleasing).exchanged
    }

    /// The thread's side: signs each envelope as it comes, until closed or cancelled.
    private func work() {
        guard claim(.thread) else { return }
        var previous = first
        var index = 0
        while true {
            envelopeReady.wait()
            let envelope: Envelope? = state.withLock { state in
                state.cancelled || index >= state.envelopes.count ? nil : state.envelopes[index]
            }
            guard let envelope else {
                if state.withLock({ $0.cancelled || $0.closed }) { return }
                continue
            }
            let signed = Self.sign(envelope, after: previous, with: key)
            previous = signed.leaf
            index += 1
            state.withLock { $0.signed.append(signed) }
            signedReady.signal()
        }
    }

    static func sign(_ envelope: Envelope, after previous: Hash, with key: SigningKey) -> Signed {
        var envelope = envelope
        envelope.prev = previous
        let (record, line) = LogRecord.signed(envelope, with: key)
        return Signed(record: record, line: line, leaf: LogRecord.leafHash(line: line))
    }
}
