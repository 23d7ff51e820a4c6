import Foundation
import GRDB
import ParcoursApp
import ParcoursLog

extension Store {
    /// The key that makes a research project's pseudonyms: HMAC-SHA-256 of the project's
    /// name under the store's research secret (random, made on first use, wrapped by the
    /// master key, never exported). The same participant gets the same pseudonym within a
    /// project, and pseudonyms of two projects cannot be linked without the secret.
    /// The caller zeroes the key after use.
    public func researchKey(project: String, master: MasterKey) throws -> [UInt8] {
        var secret = try pool.write { db -> [UInt8] in
            if let wrapped = try Data.fetchOne(db, sql: "SELECT sealed FROM sealed_secret WHERE name = ?", arguments: [SealedKeys.researchSecretName]) {
                return try SealedKeys.openResearchSecret(Array(wrapped), master: master)
            }
            let (fresh, wrapped) = SealedKeys.newResearchSecret(master: master)
            try db.execute(sql: "INSERT INTO sealed_secret (name, sealed) VALUES (?, ?)", arguments: [SealedKeys.researchSecretName, Data(wrapped)])
            return fresh
        }
        return SealedKeys.researchKey(secret: &secret, project: project)
    }
}
