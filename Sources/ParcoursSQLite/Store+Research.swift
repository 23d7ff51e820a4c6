import Foundation
import GRDB
import ParcoursLog

extension Store {
    static let researchSecretName = "research"
    static let researchSecretPurpose = "parcours/research-secret"

    /// The key that makes a research project's pseudonyms: HMAC-SHA-256 of the project's
    /// name under the store's research secret (random, made on first use, wrapped by the
    /// master key, never exported). The same participant gets the same pseudonym within a
    /// project, and pseudonyms of two projects cannot be linked without the secret.
    /// The caller zeroes the key after use.
    public func researchKey(project: String, master: MasterKey) throws -> [UInt8] {
        var secret = try pool.write { db -> [UInt8] in
            if let wrapped = try Data.fetchOne(db, sql: "SELECT sealed FROM sealed_secret WHERE name = ?", arguments: [Self.researchSecretName]) {
                return try master.unwrap(Array(wrapped), purpose: Self.researchSecretPurpose)
            }
            let fresh = Sodium.randomBytes(32)
            try db.execute(sql: "INSERT INTO sealed_secret (name, sealed) VALUES (?, ?)",
                           arguments: [Self.researchSecretName, Data(master.wrap(fresh, purpose: Self.researchSecretPurpose))])
            return fresh
        }
        defer { Sodium.zero(&secret) }
        return Sodium.hmacSHA256(key: secret, Array("parcours/research-project/\(project)".utf8))
    }
}
