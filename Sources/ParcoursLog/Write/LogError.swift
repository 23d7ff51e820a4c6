/// Why the log (or its store) refused a request. Names the field and what would be
/// accepted; never carries clinical content. Nothing is written when one is thrown.
public enum LogError: Error, Sendable, Equatable, CustomStringConvertible {
    case notAStore(path: String)
    /// A write to a backup: it opens read-only (written to, it would fork the log); restoring it puts it back in service.
    case backupOpensReadOnly(path: String)
    case alreadyExists(path: String)
    case invalidInput(field: String, reason: String)
    case unknownActor(String)
    case revokedActor(String)
    case notPermitted(actor: String, reason: String)
    case keyUnavailable(actor: String)
    case idConflict(id: String)
    case staleExpectedVersion(stream: String, expected: UInt64, actual: UInt64)
    case streamClosed(stream: String)
    case masterKeyRequired
    case payloadTooLarge(limit: Int)
    case outOfRange(field: String, reason: String)
    case ruleBroken(String)
    case storeDamaged(String)
    /// A passphrase that does not open the named key (an actor's, or the store's master key);
    /// `field` names the passphrase given (`passphrase`, `masterPassphrase`), each front in its words.
    case wrongPassphrase(of: String, field: String)
    /// A refusal of one event of a batch (events are counted from 1).
    indirect case inBatch(event: Int, LogError)

    /// A write refused because it contradicts what the log already holds — an act recorded
    /// meanwhile, an id taken with other content, a closed stream, a revoked writer, a rule of
    /// the directory — rather than because the request is malformed or the store failed: the
    /// fronts answer it as a conflict (409), the request itself kept.
    public var contradictsTheRecord: Bool {
        switch self {
        case .revokedActor, .ruleBroken, .idConflict, .staleExpectedVersion, .streamClosed: true
        case .inBatch(_, let error): error.contradictsTheRecord
        default: false
        }
    }

    public var description: String {
        switch self {
        case .notAStore(let path): "no Parcours store at \(path) (create one first)"
        case .alreadyExists(let path): "a store already exists at \(path)"
        case .backupOpensReadOnly(let path):
            "store: \(path) est une sauvegarde, ouverte en lecture seule — a backup opens read-only; restoring it puts it back in service"
        case .invalidInput(let field, let reason): "\(field): \(reason)"
        case .unknownActor(let id): "unknown actor \(id)"
        case .revokedActor(let id): "actor \(id) is revoked"
        case .notPermitted(let actor, let reason): "actor \(actor) may not \(reason)"
        case .keyUnavailable(let actor): "no sealed private key for the current key of \(actor) in this store"
        case .idConflict(let id): "id \(id) already names an event with other content"
        case .staleExpectedVersion(let stream, let expected, let actual):
            "expectedVersion: stream \(stream) is at version \(actual), not \(expected) (reload it and retry)"
        case .streamClosed(let stream): "stream \(stream) is closed: its participant was erased"
        case .masterKeyRequired: "masterPassphrase: the store's master passphrase is needed for this"
        case .payloadTooLarge(let limit): "data: payload larger than \(limit / 1024) KiB"
        case .outOfRange(let field, let reason): "\(field): \(reason)"
        case .ruleBroken(let reason): reason
        case .storeDamaged(let reason): "the store is damaged: \(reason) (verify it to learn where)"
        case .wrongPassphrase(let owner, let field): "\(field): the passphrase does not open \(owner)"
        case .inBatch(let event, let error): "event \(event) of the batch: \(error.description)"
        }
    }
}
