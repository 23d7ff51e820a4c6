import Foundation
import GRDB
import ParcoursLog
import ParcoursStore

extension Projector {
    /// Checks every projection against a fold of the log, in one snapshot, writing nothing:
    /// its position is within the log, and each of its tables holds exactly the rows a
    /// rebuild up to that position writes (folded into a scratch in-memory database, and
    /// compared by digest). Throws `ProjectionDiscrepancy` naming the first that differs.
    ///
    /// A projection may lag behind the log (readers follow it before reading); it must then
    /// agree with the log up to its position. Participants erased since that position are
    /// left out of the comparison: their keys are gone, and following removes their rows.
    ///
    /// - Returns: each projection's position.
    @discardableResult
    public func verify() throws -> [ProjectionName: UInt64] {
        try store.projectionRead(master: master) { source in
            let head = try source.head()
            let positions = try ProjectionTables.positions(source.db)
            for name in ProjectionName.allCases where positions[name]! > head {
                throw ProjectionDiscrepancy(projection: name, reason: "its position \(positions[name]!) is beyond the log's \(head) records")
            }
            for (position, names) in Dictionary(grouping: ProjectionName.allCases, by: { positions[$0]! }).sorted(by: { $0.key < $1.key }) {
                let scratch = try Store.scratchProjectionDatabase()
                try scratch.write { db in try project(Set(names), before: position, source, into: db) }
                let erasedSince = Set(try String.fetchAll(source.db, sql: "SELECT stream FROM event WHERE type = ? AND seq >= ?",
                                                          arguments: [StreamRules.participantErased, Int64(position)])
                    .compactMap(Identifiers.participant(ofStream:)))
                for name in names.sorted() {
                    for table in name.tables {
                        let expected = try scratch.read { try TableDigest(table, $0, leavingOut: []) }
                        let found = try TableDigest(table, source.db, leavingOut: erasedSince)
                        guard found == expected else {
                            throw ProjectionDiscrepancy(projection: name, reason: """
                                table \(table) differs from a fold of the log's first \(position) records \
                                (\(found.rows) rows, \(expected.rows) expected); rebuilding that projection repairs it
                                """)
                        }
                    }
                }
            }
            return positions
        }
    }
}

/// A digest of a projection table's rows in key order: equal tables, equal digests.
private struct TableDigest: Equatable {
    var rows = 0
    var hash = Hash.zero

    /// The primary key of each projection table: the order rows are hashed in.
    static let keys = [
        "journey": "participant", "caseload": "clinician, participant", "program_participant": "participant",
        "program_transition": "participant, event_id", "program_relapse": "participant, event_id",
        "program_referral": "participant, event_id",
    ]

    init(_ table: String, _ db: Database, leavingOut participants: Set<String>) throws {
        guard let key = Self.keys[table] else { throw ProjectionError.damaged("no key known for table \(table)") }
        let rows = try Row.fetchCursor(db, sql: "SELECT * FROM \(table) ORDER BY \(key)")
        while let row = try rows.next() {
            if !participants.isEmpty, participants.contains(row["participant"] as String) { continue }
            var bytes = Array(hash.bytes)
            for value in row.databaseValues {
                // Each value tagged with its type and length, so no two rows encode alike.
                let encoded: [UInt8]
                switch value.storage {
                case .null: encoded = [0]
                case .int64(let int): encoded = [1] + withUnsafeBytes(of: int.bigEndian, Array.init)
                case .double(let double): encoded = [2] + withUnsafeBytes(of: double.bitPattern.bigEndian, Array.init)
                case .string(let string): encoded = [3] + withUnsafeBytes(of: UInt64(string.utf8.count).bigEndian, Array.init) + Array(string.utf8)
                case .blob(let data): encoded = [4] + withUnsafeBytes(of: UInt64(data.count).bigEndian, Array.init) + Array(data)
                }
                bytes += encoded
            }
            hash = Sodium.sha256(bytes)
            self.rows += 1
        }
    }
}
