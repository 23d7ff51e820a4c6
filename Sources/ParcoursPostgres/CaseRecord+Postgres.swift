import Foundation
import ParcoursApp
import ParcoursLog

/// The case record kept in a PostgreSQL database: how a front opens and creates one.
extension CaseRecord {
    /// Opens the store in the database at `url` with its master passphrase; refused while a
    /// migration is pending (`parcours migrate`).
    public static func open(database url: PostgresDatabaseURL, masterPassphrase: String) async throws -> CaseRecord {
        try await open(PostgresCaseStore.open(url: url), masterPassphrase: masterPassphrase)
    }

    /// Creates a store in the database at `url` (every migration applied first): its master key
    /// (sealed under `masterPassphrase`), its log key, and the founding administrator
    /// (`log.created` at seq 0). A `demo` store is the only kind that takes synthetic journeys.
    public static func create(database url: PostgresDatabaseURL, origin: String, admin: String, adminName: String?, adminPassphrase: String,
                              masterPassphrase: String, demo: Bool = false) async throws -> Created {
        let store = try await PostgresCaseStore.create(url: url, origin: origin, adminID: admin, adminName: adminName,
                                                       adminPassphrase: adminPassphrase, masterPassphrase: masterPassphrase, demo: demo)
        return Created(origin: store.origin, logKey: store.noteVerifier(.events).text)
    }
}

extension VerifiableLog {
    /// Opens the store in the database at `url` for proofs, checkpoints and verification (the
    /// same store keeps a checkpoint: a database has no read-only copy to fork).
    public static func open(database url: PostgresDatabaseURL) async throws -> VerifiableLog {
        let store = try await PostgresCaseStore.open(url: url)
        return VerifiableLog(store: store) { store }
    }
}
