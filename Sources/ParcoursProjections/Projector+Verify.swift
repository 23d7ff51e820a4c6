import Foundation
import ParcoursLog

extension Projector {
    /// Checks every projection against a fold of the log, in one snapshot, writing nothing:
    /// its position is within the log, and each of its tables holds exactly the rows a
    /// rebuild up to that position writes (folded into scratch tables, and compared by
    /// digest). Throws `ProjectionDiscrepancy` naming the first that differs.
    ///
    /// A projection may lag behind the log (readers follow it before reading); it must then
    /// agree with the log up to its position. Participants erased since that position are
    /// left out of the comparison: their keys are gone, and following removes their rows.
    ///
    /// - Returns: each projection's position.
    @discardableResult
    public func verify() async throws -> [ProjectionName: UInt64] {
        try await store.read { [self] source in
            let head = try source.head()
            let positions = try source.positions()
            for name in ProjectionName.allCases where positions[name]! > head {
                throw ProjectionDiscrepancy(projection: name, reason: "its position \(positions[name]!) is beyond the log's \(head) records")
            }
            for (position, names) in Dictionary(grouping: ProjectionName.allCases, by: { positions[$0]! }).sorted(by: { $0.key < $1.key }) {
                let expected = try source.withScratchTables { scratch in
                    try project(Set(names), before: position, source, into: scratch)
                    return try names.sorted().map { try scratch.digests(of: $0, leavingOut: []) }
                }
                let erasedSince = try source.participantsErased(since: position)
                for (name, expectedDigests) in zip(names.sorted(), expected) {
                    for (found, expected) in zip(try source.digests(of: name, leavingOut: erasedSince), expectedDigests) where found != expected {
                        throw ProjectionDiscrepancy(projection: name, reason: """
                            table \(found.table) differs from a fold of the log's first \(position) records \
                            (\(found.rows) rows, \(expected.rows) expected); rebuilding that projection repairs it
                            """)
                    }
                }
            }
            return positions
        }
    }
}
