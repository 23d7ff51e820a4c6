import Foundation
import ParcoursClinical
import ParcoursLog

/// The case record of the program: the use cases every front calls — the command line, the
/// web server, the benchmark — and nothing below them.
///
/// Each use case takes the `Identity` of who asks, has the access policy decide before
/// anything is read or written, and leaves its record in the access log first (fail closed:
/// if the record cannot be written, nothing is answered). Storage is a `CaseStore` a
/// backend gives (`ParcoursSQLite` opens one).
public struct CaseRecord: Sendable {
    public let store: any CaseStore
    let master: MasterKey
    /// Keeps the projections up with the log for this process's readers.
    let follower: ProjectionFollower

    /// The case record kept in `store`, its master key unlocked.
    public init(store: any CaseStore, master: MasterKey) {
        self.store = store
        self.master = master
        follower = ProjectionFollower(store: store, master: master)
    }

    /// Opens the case record kept in `store` with its master passphrase.
    public static func open(_ store: any CaseStore, masterPassphrase: String) async throws -> CaseRecord {
        CaseRecord(store: store, master: try await store.unlockMaster(passphrase: masterPassphrase))
    }

    /// Today, `YYYY-MM-DD`, as the acts' days are written.
    public static func today() -> String { String(ClinicalDate.format(Date()).prefix(10)) }
}
