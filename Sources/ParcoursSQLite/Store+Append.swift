import Foundation
import GRDB
import ParcoursApp
import ParcoursLog

extension Store {
    /// Appends a batch atomically, signed by `author`: all events or none, durable on return.
    ///
    /// Participant streams are sealed under their data key (made on first use),
    /// which needs the master key. Directory events and `participant.erased` are
    /// refused here: they go through the directory operations and `erase`.
    public func append(_ drafts: [EventDraft], by author: UnlockedActor, master: MasterKey?) throws -> [AppendResult] {
        try StoreRules.checkWritable(drafts)
        return try write(drafts, by: author, master: master)
    }

    /// Appends drafts to the event log through the log core's writer.
    func write(_ drafts: [EventDraft], by author: UnlockedActor, master: MasterKey?,
               alsoInTransaction extra: ((Database) throws -> Void)? = nil) throws -> [AppendResult] {
        try writer.append(drafts, by: author.author, signingKey: author.key, to: logStore(master: master), alsoInTransaction: { transaction in
            // Only this store's own transactions reach here.
            try extra?((transaction as! SQLiteLogTransaction).db)
        })
    }

    /// The store as the log core sees it, with the keys the caller unlocked.
    public func logStore(master: MasterKey?) -> SQLiteLogStore { SQLiteLogStore(store: self, master: master) }

    /// The directory as it stands now.
    public func currentDirectory() throws -> Directory {
        try logStore(master: nil).withReadTransaction(on: .events) { try writer.directory($0).0 }
    }
}
