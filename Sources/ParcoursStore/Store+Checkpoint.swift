import Foundation
import GRDB
import ParcoursLog

/// An RFC 9162 inclusion proof, with what a verifier needs beside it.
public struct InclusionProof: Sendable, Equatable {
    public var seq: UInt64
    public var size: UInt64
    public var leafHash: Hash
    public var proof: [Hash]
    public var root: Hash

    public var json: JSONValue {
        ["seq": .int(Int64(seq)), "size": .int(Int64(size)), "leafHash": .string(leafHash.hex),
         "proof": .array(proof.map { .string($0.hex) }), "root": .string(root.hex)]
    }
}

/// An RFC 9162 consistency proof between two sizes of a log.
public struct ConsistencyProof: Sendable, Equatable {
    public var from: UInt64
    public var to: UInt64
    public var fromRoot: Hash
    public var toRoot: Hash
    public var proof: [Hash]

    public var json: JSONValue {
        ["from": .int(Int64(from)), "to": .int(Int64(to)), "fromRoot": .string(fromRoot.hex), "toRoot": .string(toRoot.hex),
         "proof": .array(proof.map { .string($0.hex) })]
    }
}

extension Store {
    /// The key name a log's checkpoints are signed under.
    public func noteName(_ table: LogTable) -> String { table == .events ? origin : origin + "/access" }

    /// The verifier of a log's checkpoints.
    public func noteVerifier(_ table: LogTable) -> NoteVerifier { NoteVerifier(name: noteName(table), key: logPublicKey) }

    /// The number of records in a log.
    public func size(_ table: LogTable = .events) throws -> UInt64 {
        try pool.read { db in try Self.size(db, table: table) }
    }

    static func size(_ db: Database, table: LogTable) throws -> UInt64 {
        try Int64.fetchOne(db, sql: "SELECT seq FROM \(table.recordsTable) ORDER BY seq DESC LIMIT 1").map { UInt64($0) + 1 } ?? 0
    }

    /// The Merkle root of a log at `size` (its current size when nil).
    public func root(size: UInt64? = nil, table: LogTable = .events) throws -> (size: UInt64, root: Hash) {
        try pool.read { db in
            let current = try Self.size(db, table: table)
            let size = size ?? current
            guard size <= current else { throw StoreError.outOfRange(field: "size", reason: "the log has \(current) records") }
            return (size, try MerkleTree.root(size: size, reader: hashReader(db, table: table)))
        }
    }

    /// The proof that record `seq` is in the tree of `size` records (the current size when nil).
    public func inclusionProof(seq: UInt64, size: UInt64? = nil, table: LogTable = .events) throws -> InclusionProof {
        try pool.read { db in
            let current = try Self.size(db, table: table)
            let size = size ?? current
            guard size <= current else { throw StoreError.outOfRange(field: "size", reason: "the log has \(current) records") }
            guard seq < size else { throw StoreError.outOfRange(field: "seq", reason: "must be below the tree size \(size)") }
            let reader = hashReader(db, table: table)
            return InclusionProof(seq: seq, size: size, leafHash: try reader(0, seq),
                                  proof: try MerkleTree.inclusionProof(leaf: seq, size: size, reader: reader),
                                  root: try MerkleTree.root(size: size, reader: reader))
        }
    }

    /// The proof that the log at `from` records is a prefix of the log at `to` (the current size when nil).
    public func consistencyProof(from: UInt64, to: UInt64? = nil, table: LogTable = .events) throws -> ConsistencyProof {
        try pool.read { db in
            let current = try Self.size(db, table: table)
            let to = to ?? current
            guard to <= current else { throw StoreError.outOfRange(field: "to", reason: "the log has \(current) records") }
            guard from <= to else { throw StoreError.outOfRange(field: "from", reason: "must not exceed \(to)") }
            let reader = hashReader(db, table: table)
            return ConsistencyProof(from: from, to: to, fromRoot: try MerkleTree.root(size: from, reader: reader),
                                    toRoot: try MerkleTree.root(size: to, reader: reader),
                                    proof: try MerkleTree.consistencyProof(from: from, to: to, reader: reader))
        }
    }

    /// The signed checkpoint of a log at its current size, signing and keeping a new one when needed.
    ///
    /// Before signing, the new tree is checked to extend the latest signed one, so
    /// the log never signs two checkpoints that are not consistent.
    /// A backup only gives the checkpoint it already keeps at its size: signing there would fork the log.
    public func checkpoint(_ table: LogTable = .events, master: MasterKey) throws -> String {
        let logKey = try logSigningKey(master: master)
        if isBackup {
            return try pool.read { db in
                guard let note = try String.fetchOne(db, sql: "SELECT note FROM checkpoint WHERE log = ? AND size = ?",
                                                     arguments: [noteName(table), Int64(Self.size(db, table: table))])
                else { throw Self.backupOpensReadOnly(databasePath) }
                return note
            }
        }
        return try pool.writeWithoutTransaction { db in
            var note = ""
            try db.inTransaction(.immediate) {
                note = try checkpoint(table, logKey: logKey, db: db)
                return .commit
            }
            return note
        }
    }

    func checkpoint(_ table: LogTable, logKey: SigningKey, db: Database) throws -> String {
        let size = try Self.size(db, table: table)
        let name = noteName(table)
        if let stored = try String.fetchOne(db, sql: "SELECT note FROM checkpoint WHERE log = ? AND size = ?", arguments: [name, Int64(size)]) {
            return stored
        }
        let reader = hashReader(db, table: table)
        let root = try MerkleTree.root(size: size, reader: reader)
        if let latest = try String.fetchOne(db, sql: "SELECT note FROM checkpoint WHERE log = ? ORDER BY size DESC LIMIT 1", arguments: [name]) {
            let previous = try Checkpoint(body: noteVerifier(table).open(note: latest))
            guard previous.size <= size, try MerkleTree.root(size: previous.size, reader: reader) == previous.root else {
                throw StoreError.storeDamaged("the log no longer extends its checkpoint of size \(previous.size)")
            }
        }
        let note = NoteSigner(name: name, key: logKey).sign(body: Checkpoint(origin: name, size: size, root: root).body)
        try db.execute(sql: "INSERT INTO checkpoint (log, size, note) VALUES (?, ?, ?)", arguments: [name, Int64(size), note])
        return note
    }

    /// Signs (and keeps) a checkpoint of exactly what a verification established:
    /// `summary`'s size and root, after checking that the stored tree still gives that
    /// root at that size. Appends made since do not enter it: only verified records do.
    public func signVerifiedCheckpoint(of summary: LogSummary, table: LogTable = .events, master: MasterKey) throws -> String {
        let logKey = try logSigningKey(master: master)
        let name = noteName(table)
        return try pool.writeWithoutTransaction { db in
            var note = ""
            try db.inTransaction(.immediate) {
                let reader = hashReader(db, table: table)
                guard try MerkleTree.root(size: summary.size, reader: reader) == summary.root else {
                    throw StoreError.storeDamaged("the stored tree no longer gives the verified root")
                }
                if let stored = try String.fetchOne(db, sql: "SELECT note FROM checkpoint WHERE log = ? AND size = ?",
                                                    arguments: [name, Int64(summary.size)]) {
                    note = stored
                    return .commit
                }
                note = NoteSigner(name: name, key: logKey).sign(body: Checkpoint(origin: name, size: summary.size, root: summary.root).body)
                try db.execute(sql: "INSERT INTO checkpoint (log, size, note) VALUES (?, ?, ?)", arguments: [name, Int64(summary.size), note])
                return .commit
            }
            return note
        }
    }

    /// The latest checkpoint signed for a log, if any.
    public func latestCheckpoint(_ table: LogTable = .events) throws -> String? {
        try pool.read { db in
            try String.fetchOne(db, sql: "SELECT note FROM checkpoint WHERE log = ? ORDER BY size DESC LIMIT 1", arguments: [noteName(table)])
        }
    }
}
