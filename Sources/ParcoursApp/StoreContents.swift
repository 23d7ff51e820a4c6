import ParcoursLog

/// What a store keeps beside its two logs that a copy into another backend moves byte for
/// byte (`parcours copy`): the facts about the store, its sealed secrets, the actors' sealed
/// keys and the participants' wrapped data keys. The logs themselves move through `LogStore`
/// (their lines as signed); web sessions, second factors and one-time links do not move
/// (sign in again on the new store), nor a key still waiting behind a link (a new link there).
public struct StoreContents: Sendable {
    /// An actor's key sealed under her passphrase.
    public struct ActorKey: Sendable {
        public var publicKey: String
        public var actor: String
        public var sealed: String
        public var createdAt: String

        public init(publicKey: String, actor: String, sealed: String, createdAt: String) {
            (self.publicKey, self.actor, self.sealed, self.createdAt) = (publicKey, actor, sealed, createdAt)
        }
    }

    /// A participant stream's data key wrapped by the master key.
    public struct DataKeyRow: Sendable {
        public var id: String
        public var stream: String
        public var wrapped: [UInt8]
        public var createdAt: String

        public init(id: String, stream: String, wrapped: [UInt8], createdAt: String) {
            (self.id, self.stream, self.wrapped, self.createdAt) = (id, stream, wrapped, createdAt)
        }
    }

    /// `store_info`: origin, log key, creation time, format, the admin's name, the demo mark.
    public var info: [String: String]
    /// `sealed_secret`: the master key sealed under its passphrase, the log key and research secret wrapped.
    public var secrets: [String: [UInt8]]
    public var actorKeys: [ActorKey]
    public var dataKeys: [DataKeyRow]

    public init(info: [String: String], secrets: [String: [UInt8]], actorKeys: [ActorKey], dataKeys: [DataKeyRow]) {
        (self.info, self.secrets, self.actorKeys, self.dataKeys) = (info, secrets, actorKeys, dataKeys)
    }
}
