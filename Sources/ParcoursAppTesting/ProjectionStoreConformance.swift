import ParcoursLog
import ParcoursLogTesting
import ParcoursProjections

/// The conformance suite every `ProjectionStore` backend must pass: what the protocol
/// promises the projector, the readers and the consent-aware writer, checked the same way
/// on SQLite and on PostgreSQL.
///
/// Each check is an async throwing function of a fresh store (`ConformanceProjections`); it
/// throws `ConformanceFailure` naming what did not hold. A backend's test target runs every
/// check of `checks` with a maker of fresh stores:
///
/// ```swift
/// @Test(arguments: ProjectionStoreConformance.checks)
/// func conforms(_ check: ProjectionStoreConformance.Check) async throws { try await check.run(with: { try await makeStore() }) }
/// ```
public enum ProjectionStoreConformance {
    /// Makes a fresh store for one check.
    public typealias Factory = @Sendable () async throws -> ConformanceProjections

    /// One named check of the contract.
    public struct Check: Sendable, CustomStringConvertible {
        /// A short stable name, e.g. `append-all-or-nothing`.
        public let name: String
        /// The part of the contract it proves, in one sentence.
        public let summary: String
        let body: @Sendable (ConformanceProjections) async throws -> Void

        init(_ name: String, _ summary: String, _ body: @escaping @Sendable (ConformanceProjections) async throws -> Void) {
            (self.name, self.summary, self.body) = (name, summary, body)
        }

        public var description: String { name }

        /// Runs the check on a fresh store from `factory`; any failure is a `ConformanceFailure` naming it.
        public func run(with factory: Factory) async throws {
            do { try await body(try await factory()) } catch { throw ConformanceFailure.of(name, error) }
        }
    }

    /// Every check, in the order they are best read.
    public static let checks: [Check] = [
        appendWithAccess, appendAllOrNothing, prepareUnderLock, readSnapshot, logReads, positionsWithOutput, tableWrites, longJourney,
        caseloadAndFigures, rebuildEqualsCatchUp, scratchTables,
    ]
}

/// Throws a `ConformanceFailure` saying `what` unless `condition` holds.
func check(_ condition: Bool, _ what: @autoclosure () -> String) throws {
    guard condition else { throw ConformanceFailure(check: "", what: what()) }
}

/// The error a body throws, or a `ConformanceFailure` when it throws none.
func thrownError(_ what: String, _ body: () async throws -> Void) async throws -> any Error {
    do { try await body() } catch { return error }
    throw ConformanceFailure(check: "", what: "\(what): accepted, where it should have been refused")
}

/// The refusal a conformance check's `prepare` throws on purpose.
struct PreparedRefusal: Error {}
