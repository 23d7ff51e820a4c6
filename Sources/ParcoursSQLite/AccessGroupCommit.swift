import Foundation
import ParcoursLog

/// Group commit for the access log: concurrent readers hand over their records and
/// wait; one of them (the leader) writes every pending record in one transaction — one
/// sync for all — then wakes the others. Each caller returns only once its own record
/// is durable, so no read is ever answered before its record is on disk. `SQLiteCaseStore`
/// writes every access record through one (callers wait on the store's own threads).
public final class AccessGroupCommit: @unchecked Sendable {
    private let store: Store
    private let logKey: SigningKey
    private let condition = NSCondition()
    private var pending: [Pending] = []
    private var writing = false

    private final class Pending {
        let record: (type: String, data: [String: JSONValue])
        var result: Result<AppendResult, any Error>?
        init(_ record: (type: String, data: [String: JSONValue])) { self.record = record }
    }

    /// Unwraps the log key once, for every record this committer writes.
    public init(store: Store, master: MasterKey) throws {
        self.store = store
        logKey = try store.logSigningKey(master: master)
    }

    /// Appends one record durably, together with whatever other callers are waiting.
    @discardableResult
    public func record(type: String, data: [String: JSONValue]) throws -> AppendResult {
        // Checked here, so one caller's bad record never fails the others' batch.
        guard LogWriter.isAccessType(type) else {
            throw StoreError.invalidInput(field: "type", reason: "access-log types start with access., e.g. access.read")
        }
        let mine = Pending((type, data))
        condition.lock()
        pending.append(mine)
        while mine.result == nil {
            if writing {
                condition.wait()
                continue
            }
            // Lead: take everything pending, write it outside the lock, hand out the results.
            writing = true
            let batch = pending
            pending.removeAll()
            condition.unlock()
            let outcome = Result { try store.writer.appendAccess(batch.map(\.record), logKey: logKey, to: store.logStore(master: nil)) }
            condition.lock()
            switch outcome {
            case .success(let results): for (waiter, result) in zip(batch, results) { waiter.result = .success(result) }
            case .failure(let error): for waiter in batch { waiter.result = .failure(error) }
            }
            writing = false
            condition.broadcast()
        }
        condition.unlock()
        return try mine.result!.get()
    }
}
