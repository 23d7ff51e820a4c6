import Foundation
import ParcoursLog
import PostgresNIO

/// Appends to one log that arrive while another is being written share its transaction
/// and its commit: one durable commit (one WAL flush) for all of them.
///
/// Bodies run one at a time on the group's connection, each inside a savepoint, so a body
/// that throws undoes its own inserts only and its caller gets its error at once. The last
/// body of a group commits it — when no other append waits to join, or the group is full —
/// and every caller of the group returns once that commit is durable, or throws its error:
/// nothing is acknowledged before it is on disk. The group's transaction holds the log's
/// head row from its first body to its commit, so across servers appends stay serialized,
/// gapless and in commit order; the next group, on another connection, waits for the row.
final class PostgresGroupCommit: @unchecked Sendable {
    /// One transaction shared by the bodies that joined it.
    private final class Group {
        let session: PostgresSession
        var outcome: Result<Void, any Error>?
        var bodies = 0
        init(session: PostgresSession) { self.session = session }
    }

    private let connections: PostgresConnections
    private let log: LogKind
    private let limit: Int
    // Guarded by `condition`: the group accepting bodies, whether a body runs now, and how many wait to run one.
    private let condition = NSCondition()
    private var open: Group?
    private var running = false
    private var waiting = 0

    init(connections: PostgresConnections, log: LogKind, limit: Int = 64) {
        self.connections = connections
        self.log = log
        self.limit = limit
    }

    /// Runs `body` in the open group's transaction (or a new one, its head row locked), and
    /// returns once its appends are committed.
    func run<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        condition.lock()
        waiting += 1
        while running { condition.wait() }
        running = true
        waiting -= 1
        let joined = open
        condition.unlock()

        let group: Group
        do {
            group = try joined ?? begin()
        } catch {
            finishTurn()
            throw error
        }
        let outcome: Result<T, any Error>
        do {
            outcome = try inSavepoint(group.session, body)
        } catch {
            // The connection or the transaction failed: nothing of the group can commit.
            abandon(group, error)
            throw error
        }

        condition.lock()
        running = false
        if case .success = outcome { group.bodies += 1 }
        let commits = waiting == 0 || group.bodies >= limit
        if commits { open = nil }
        condition.broadcast()
        if !commits {
            if case .success = outcome { while group.outcome == nil { condition.wait() } }
            condition.unlock()
            try group.outcome?.get()
            return try outcome.get()
        }
        condition.unlock()
        let committed = Result { try commit(group.session) }
        connections.giveBack(group.session)
        condition.lock()
        group.outcome = committed
        condition.broadcast()
        condition.unlock()
        try committed.get()
        return try outcome.get()
    }

    /// Commits the group, the event log's listeners notified as it does. A notification that
    /// fails leaves the transaction aborted: the connection is closed, which rolls it back.
    private func commit(_ session: PostgresSession) throws {
        if log == .events {
            do { try PostgresLogListener.notifyGrowth(in: session) } catch {
                session.markUnusable()
                throw error
            }
        }
        try session.rows("COMMIT")
    }

    private func begin() throws -> Group {
        let session = try connections.lend()
        do {
            try session.rows("BEGIN ISOLATION LEVEL READ COMMITTED")
            // The head first: whatever the body reads after sees every append committed before.
            _ = try PostgresLogTransaction(session: session, log: log, writing: true, master: nil).size()
        } catch {
            abandonSession(session)
            throw error
        }
        let group = Group(session: session)
        condition.lock()
        open = group
        condition.unlock()
        return group
    }

    /// The body's own outcome; throws only when the transaction itself can go no further.
    private func inSavepoint<T>(_ session: PostgresSession, _ body: (PostgresSession) throws -> T) throws -> Result<T, any Error> {
        try session.rows("SAVEPOINT append")
        let outcome = Result { try body(session) }
        guard session.isUsable else { throw PostgresStoreError.connection("lost during an append") }
        switch outcome {
        case .success: try session.rows("RELEASE SAVEPOINT append")
        case .failure: try session.rows("ROLLBACK TO SAVEPOINT append")
        }
        return outcome
    }

    private func abandon(_ group: Group, _ error: any Error) {
        condition.lock()
        if open === group { open = nil }
        running = false
        group.outcome = .failure(error)
        condition.broadcast()
        condition.unlock()
        abandonSession(group.session)
    }

    private func abandonSession(_ session: PostgresSession) {
        if (try? session.rows("ROLLBACK")) == nil { session.markUnusable() }
        connections.giveBack(session)
    }

    private func finishTurn() {
        condition.lock()
        running = false
        condition.broadcast()
        condition.unlock()
    }
}
