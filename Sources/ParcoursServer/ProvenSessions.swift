import Foundation
import ParcoursApp
import ParcoursLog
import Synchronization

/// The sessions this server has seen proven, in its memory only: for each, the public key her
/// session's sealed seed gave when it was last unsealed, a digest of the record it was unsealed
/// from (its actor, sealed seed, nonce and time of opening), and a digest of the cookie's secret. A request whose cookie and record
/// match one reads without unsealing the seed again: a read signs nothing, so the signing key
/// stays sealed (and the request skips deriving it).
///
/// Nothing here signs or opens anything: public keys, and SHA-256 digests. Nothing here comes
/// from the store: a copy or a change of the database adds no entry, and a record changed or
/// put back otherwise (another actor, seed, nonce or time of opening) matches no entry, so its
/// seed is unsealed again. A write unseals the seed and checks its key against the one proven.
/// An entry lasts at most as long as its session may; a restarted server unseals each session
/// once again.
final class ProvenSessions: Sendable {
    /// More entries than this and all are dropped (each session is then unsealed once again):
    /// ten hours of sign-ins of a large site stay well under it.
    static let limit = 20_000

    struct Entry: Sendable {
        let publicKey: PublicKey
        let recordDigest: [UInt8]
        let secretDigest: [UInt8]
        /// When the session ends at the latest.
        let until: Date
    }

    private let entries = Mutex<[String: Entry]>([:])
    private let proofs = Atomic<Int>(0)

    /// The public key proven for this session record, when the cookie's secret is the one remembered
    /// and the session has not outlived its end.
    func publicKey(of record: WebSessionRecord, secret: [UInt8], now: Date) -> PublicKey? {
        guard let entry = entries.withLock({ $0[record.digest] }), entry.until > now, entry.recordDigest == Self.digest(of: record) else { return nil }
        // Digests compared, as the forms' tokens are: the time it takes says nothing of the secret.
        guard Self.digest(secret: secret) == entry.secretDigest else { return nil }
        proofs.add(1, ordering: .relaxed)
        return entry.publicKey
    }

    /// Remembers a session just proven by unsealing its key; entries past their end go.
    func remember(_ record: WebSessionRecord, publicKey: PublicKey, secret: [UInt8], until: Date, now: Date) {
        let entry = Entry(publicKey: publicKey, recordDigest: Self.digest(of: record), secretDigest: Self.digest(secret: secret), until: until)
        entries.withLock { entries in
            entries = entries.filter { $0.value.until > now }
            if entries.count >= Self.limit { entries.removeAll() }
            entries[record.digest] = entry
        }
    }

    /// Forgets a session (ended).
    func forget(_ digest: String) { _ = entries.withLock { $0.removeValue(forKey: digest) } }

    /// How many sessions are remembered (tests).
    var count: Int { entries.withLock { $0.count } }

    /// How many requests were proven by a remembered key, without unsealing (tests).
    var remembered: Int { proofs.load(ordering: .relaxed) }

    /// What a record's proof rests on: its actor, its sealed seed and nonce, when it was opened.
    private static func digest(of record: WebSessionRecord) -> [UInt8] {
        var message = Array("parcours/web-session/record/\(record.actor)/\(record.createdAt.timeIntervalSince1970)/".utf8)
        message += record.nonce
        message += record.sealedSeed
        return Sodium.sha256(message).bytes
    }

    private static func digest(secret: [UInt8]) -> [UInt8] {
        var message = Array("parcours/web-session/secret/".utf8) + secret
        defer { Sodium.zero(&message) }
        return Sodium.sha256(message).bytes
    }
}
