import Foundation
import ParcoursLog

/// What a new store is founded with, whatever the backend: its input checked (fields named),
/// the master key sealed under the master passphrase, the log key wrapped by it, the founding
/// admin's key sealed under hers, the facts kept beside the log, and `log.created` (seq 0).
public struct StoreFounding: Sendable {
    public let origin: String
    public let master: MasterKey
    /// The master key sealed under the master passphrase (canonical JSON bytes).
    public let sealedMaster: [UInt8]
    public let logPublicKey: PublicKey
    /// The log key's seed wrapped by the master key.
    public let wrappedLogKey: [UInt8]
    public let admin: UnlockedActor
    /// The admin's key sealed under her passphrase (canonical JSON).
    public let sealedAdmin: String
    /// The `store_info` rows: origin, log key, creation time, format, and the admin's name and the demo mark when given.
    public let info: [(name: String, value: String)]
    /// When the store was made (its admin key's `created_at`).
    public let createdAt: Timestamp

    public init(origin: String, adminID: String, adminName: String?, adminPassphrase: String, masterPassphrase: String, demo: Bool) throws {
        try Self.check(origin: origin, adminID: adminID, adminPassphrase: adminPassphrase, masterPassphrase: masterPassphrase)
        var masterBytes = Sodium.randomBytes(32)
        let sealedMaster = try PassphraseSeal.seal(masterBytes, passphrase: masterPassphrase)
        master = MasterKey(key: try DataKey(id: "master", bytes: &masterBytes, guarded: true))
        self.sealedMaster = CanonicalJSON.encode(sealedMaster.json)
        let logKey = SigningKey.generate()
        var logSeed = logKey.seed()
        wrappedLogKey = master.wrap(logSeed, purpose: MasterKey.logKeyPurpose)
        Sodium.zero(&logSeed)
        logPublicKey = logKey.publicKey
        admin = UnlockedActor(id: adminID, key: SigningKey.generate())
        sealedAdmin = try SealedKeys.seal(admin.key, passphrase: adminPassphrase)
        self.origin = origin
        createdAt = Timestamp.now()
        var info: [(name: String, value: String)] = [("origin", origin), ("logPublicKey", logKey.publicKey.base64),
                                                     ("createdAt", createdAt.description), ("format", "parcours-store/1")]
        // log.created's members are fixed by the format, so the founding admin's display name is kept beside the log.
        if let adminName { info.append(("adminName", adminName)) }
        if demo { info.append(("purpose", "demo")) }
        self.info = info
    }

    /// Refuses an origin, an admin id or passphrases a store cannot be founded with; nothing is made.
    public static func check(origin: String, adminID: String, adminPassphrase: String, masterPassphrase: String) throws {
        guard !origin.isEmpty, origin.utf8.count <= 128, !origin.contains(where: { $0.isWhitespace || $0 == "+" }),
              !origin.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw LogError.invalidInput(field: "origin", reason: "a name without spaces, control characters or '+', at most 128 bytes, e.g. spheres.example/parcours")
        }
        guard Identifiers.isActorID(adminID), adminID != Directory.logActor else {
            throw LogError.invalidInput(field: "admin", reason: "1 to 64 lowercase letters, digits, '.', '_' or '-' (not 'log')")
        }
        try Passphrase.checkNew(adminPassphrase, field: "passphrase")
        try Passphrase.checkNew(masterPassphrase, field: "masterPassphrase")
    }

    /// `log.created`, the store's first event (seq 0), signed by the founding admin.
    public var foundingDraft: EventDraft {
        EventDraft(type: Directory.logCreated, stream: Identifiers.directoryStream, data: [
            "origin": .string(origin), "logKey": .string(logPublicKey.base64),
            "admin": ["actor": .string(admin.id), "key": .string(admin.key.publicKey.base64)],
        ])
    }
}
