import Foundation
import ParcoursClinical
import ParcoursLog
import ParcoursStore

/// The case record of the program: the use cases every front calls — the command line, the
/// web server, the benchmark — and nothing below them.
///
/// Each use case takes the `Identity` of who asks, has the access policy decide before
/// anything is read or written, and leaves its record in the access log first (fail closed:
/// if the record cannot be written, nothing is answered).
public struct CaseRecord: Sendable {
    let store: Store
    let master: MasterKey
    /// Keeps the projections up with the log for this process's readers.
    let follower: ProjectionFollower

    public init(store: Store, master: MasterKey) {
        self.store = store
        self.master = master
        follower = ProjectionFollower(store: store, master: master)
    }

    /// Opens the store at `path` with its master passphrase. A backup file opens only read-only.
    public static func open(at path: String, masterPassphrase: String, readOnly: Bool = false) throws -> CaseRecord {
        let store = try Store.open(at: path, readOnly: readOnly)
        return CaseRecord(store: store, master: try store.unlockMaster(passphrase: masterPassphrase))
    }

    /// Today, `YYYY-MM-DD`, as the acts' days are written.
    public static func today() -> String { String(ClinicalDate.format(Date()).prefix(10)) }
}
