import Foundation
import GRDB
import ParcoursApp
import ParcoursLog

extension Store {
    /// What the store keeps beside its logs, read in one snapshot, for a copy into another
    /// backend; a backup's mark is left out (the copy is a store in service), and so are the keys
    /// of the actors whose key waits behind a one-time link: the link does not move, and without
    /// it the key would open with its secret as a passphrase. Such a person gets a new key
    /// through a new link on the new store.
    public func contents() throws -> StoreContents {
        try pool.read { db in
            var info = try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT name, value FROM store_info").map {
                (($0["name"] as String), ($0["value"] as String))
            })
            info[Self.backupMarker] = nil
            let secrets = try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT name, sealed FROM sealed_secret").map {
                (($0["name"] as String), [UInt8]($0["sealed"] as Data))
            })
            let actorKeys = try Row.fetchAll(db, sql: """
                SELECT public_key, actor, sealed, created_at FROM actor_key WHERE actor NOT IN (SELECT actor FROM enrolment_link)
                ORDER BY created_at, public_key
                """).map {
                StoreContents.ActorKey(publicKey: $0["public_key"], actor: $0["actor"], sealed: $0["sealed"], createdAt: $0["created_at"])
            }
            let dataKeys = try Row.fetchAll(db, sql: "SELECT id, stream, wrapped, created_at FROM data_key ORDER BY id").map {
                StoreContents.DataKeyRow(id: $0["id"], stream: $0["stream"], wrapped: [UInt8]($0["wrapped"] as Data), createdAt: $0["created_at"])
            }
            return StoreContents(info: info, secrets: secrets, actorKeys: actorKeys, dataKeys: dataKeys)
        }
    }
}
