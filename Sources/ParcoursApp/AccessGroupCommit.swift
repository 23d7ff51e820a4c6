import Foundation
import ParcoursLog

/// Group commit for the access log: concurrent readers hand over their records and
/// wait; one of them (the leader) writes every pending record in one transaction — one
/// sync for all — then wakes the others. Each caller returns only once its own record
/// is durable, so no read is ever answered before its record is on disk. Both stores
/// write every access record through one (callers wait on `StorageThreads.wait`'s threads,
/// off those requests run on): on PostgreSQL, a batch is one body of the log's group
/// commit, its savepoint and head read once for all its records.
public final class AccessGroupCommit: @unchecked Sendable {
    /// Appends records in one transaction, durably, all or none: a backend's writer.
    public typealias Append = @Sendable ([(type: String, data: [String: JSONValue])]) throws -> [AppendResult]
    private let append: Append
    private let condition = NSCondition()
    private var pending: [Pending] = []
    private var writing = false

    private final class Pending {
        let records: [(type: String, data: [String: JSONValue])]
        var results: Result<[AppendResult], any Error>?
        init(_ records: [(type: String, data: [String: JSONValue])]) { self.records = records }
    }

    public init(append: @escaping Append) {
        self.append = append
    }

    /// Appends one record durably, together with whatever other callers are waiting.
    @discardableResult
    public func record(type: String, data: [String: JSONValue]) throws -> AppendResult {
        try record([(type, data)])[0]
    }

    /// Appends one caller's records durably, in order and next to each other, together with
    /// whatever other callers are waiting: all of them or none (a request that reads two views
    /// records both with one sync).
    @discardableResult
    public func record(_ records: [(type: String, data: [String: JSONValue])]) throws -> [AppendResult] {
        // Checked here, so one caller's bad record never fails the others' batch.
        for record in records where !LogWriter.isAccessType(record.type) {
            throw LogError.invalidInput(field: "type", reason: "access-log types start with access., e.g. access.read")
        }
        guard !records.isEmpty else { return [] }
        let mine = Pending(records)
        condition.lock()
        pending.append(mine)
        while mine.results == nil {
            if writing {
                condition.wait()
                continue
            }
            // Lead: take everything pending, write it outside the lock, hand out the results.
            writing = true
            let batch = pending
            pending.removeAll()
            condition.unlock()
            let outcome = Result { try append(batch.flatMap(\.records)) }
            condition.lock()
            switch outcome {
            case .success(let results):
                precondition(results.count == batch.reduce(0) { $0 + $1.records.count }, "one result for each record written")
                var rest = results[...]
                for waiter in batch {
                    waiter.results = .success(Array(rest.prefix(waiter.records.count)))
                    rest = rest.dropFirst(waiter.records.count)
                }
            case .failure(let error): for waiter in batch { waiter.results = .failure(error) }
            }
            writing = false
            condition.broadcast()
        }
        condition.unlock()
        return try mine.results!.get()
    }
}
