import Foundation
import GRDB
import ParcoursLog

extension Store {
    /// Appends a record to the access log, signed by the log key as actor `log`, durable on return.
    ///
    /// Its data is metadata only (who, role, participant, view, purpose, outcome);
    /// callers must never put clinical content in it.
    @discardableResult
    public func recordAccess(type: String, data: [String: JSONValue], master: MasterKey) throws -> AppendResult {
        guard Identifiers.isEventType(type), type.hasPrefix("access.") else {
            throw StoreError.invalidInput(field: "type", reason: "access-log types start with access., e.g. access.read")
        }
        let logKey = try logSigningKey(master: master)
        var result: AppendResult?
        var frontier: MerkleFrontier?
        try pool.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                var state = try loadWriteState(db, table: .access)
                let envelope = Envelope(log: noteName(.access), seq: state.size, id: Identifiers.newEventID(), stream: Identifiers.accessStream,
                                        version: state.size, type: type, recordedAt: .now(),
                                        author: Author(actor: Directory.logActor, key: logKey.publicKey), prev: state.previous,
                                        payload: .clear(data))
                result = try insert(LogRecord(signing: envelope, with: logKey), into: .access, state: &state, db: db)
                frontier = state.frontier
                return .commit
            }
        }
        cache.withLock { $0.frontiers[.access] = frontier }
        return result!
    }
}
