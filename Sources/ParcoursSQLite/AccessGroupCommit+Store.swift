import ParcoursApp
import ParcoursLog

extension AccessGroupCommit {
    /// A group commit writing into `store`'s access log; unwraps the log key once, for every record it writes.
    public convenience init(store: Store, master: MasterKey) throws {
        let logKey = try store.logSigningKey(master: master)
        self.init { records in try store.writer.appendAccess(records, logKey: logKey, to: store.logStore(master: nil)) }
    }
}
