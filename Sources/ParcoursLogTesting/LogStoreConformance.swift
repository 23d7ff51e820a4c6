import ParcoursLog

/// The conformance suite every `LogStore` backend must pass, shipped as a library the
/// way Go's `sumdb/storage` ships `test.go` and pyeventsourcing reuses one persistence
/// suite for every backend.
///
/// Each check is a throwing function of a fresh log: it throws `ConformanceFailure`
/// naming what did not hold. A backend's test target runs every check of `checks`
/// with a factory of fresh logs, e.g. as a parameterized test:
///
/// ```swift
/// @Test(arguments: LogStoreConformance.checks)
/// func conforms(_ check: LogStoreConformance.Check) throws { try check.run(with: { try makeFreshLog() }) }
/// ```
public enum LogStoreConformance {
    /// Makes a fresh log (see `ConformanceLog`) for one check.
    public typealias Factory = () throws -> ConformanceLog

    /// One named check of the contract.
    public struct Check: Sendable, CustomStringConvertible {
        /// A short stable name, e.g. `concurrent-writers`.
        public let name: String
        /// The part of the contract it proves, in one sentence.
        public let summary: String
        let body: @Sendable (ConformanceLog) throws -> Void

        init(_ name: String, _ summary: String, _ body: @escaping @Sendable (ConformanceLog) throws -> Void) {
            self.name = name
            self.summary = summary
            self.body = body
        }

        public var description: String { name }

        /// Runs the check on a fresh log from `factory`; any failure is a `ConformanceFailure` naming it.
        public func run(with factory: Factory) throws {
            do { try body(try factory()) } catch { throw ConformanceFailure.of(name, error) }
        }
    }

    /// Every check, in the order they are best read.
    public static let checks: [Check] = [
        appendsVerify, inclusionProofs, atomicBatch, idempotency, authority, erasure, accessLog, insertAtHead, concurrentWriters,
        chunkedReads, treeHashRanges, treeHashRuns, proofsThroughStore, checkpointsKept, export, verification,
    ]
}

// MARK: - Expectations

/// Throws a `ConformanceFailure` saying `what` unless `condition` holds.
func expect(_ condition: Bool, _ what: @autoclosure () -> String) throws {
    guard condition else { throw ConformanceFailure(check: "", what: what()) }
}

/// Throws a `ConformanceFailure` unless `body` throws exactly `expected`.
func expect<E: Error & Equatable>(throws expected: E, _ what: String, _ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as E where error == expected {
        return
    } catch {
        throw ConformanceFailure(check: "", what: "\(what): threw \(error), not \(expected)")
    }
    throw ConformanceFailure(check: "", what: "\(what): accepted, where \(expected) was expected")
}

/// Throws a `ConformanceFailure` unless `body` throws an error of type `E`.
func expect<E: Error>(throwing type: E.Type, _ what: String, _ body: () throws -> Void) throws {
    do {
        try body()
    } catch is E {
        return
    } catch {
        throw ConformanceFailure(check: "", what: "\(what): threw \(error), not a \(E.self)")
    }
    throw ConformanceFailure(check: "", what: "\(what): accepted, where a \(E.self) was expected")
}
