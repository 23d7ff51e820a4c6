import Foundation
import ParcoursApp
import ParcoursLog
import ParcoursLogTesting

/// The conformance suite every `CaseStore` backend must pass, as `LogStoreConformance` is
/// for the log core: each check is what a user of the store would notice (a wrong passphrase
/// refused, a one-time link spent once, a session ended, a record about a participant found,
/// a tampered store failing verification), run on a fresh store of `ConformancePeople`.
///
/// A backend's test target runs every check of `checks` with a maker of fresh stores:
///
/// ```swift
/// @Test(arguments: CaseStoreConformance.checks)
/// func conforms(_ check: CaseStoreConformance.Check) async throws { try await check.run(with: { try await makeSubject() }) }
/// ```
public enum CaseStoreConformance {
    /// A fresh store, created with `ConformancePeople`'s origin, admin and passphrases (not a
    /// demo store), and, when the backend gives a raw way to its records, a way to damage one.
    public struct Subject: Sendable {
        public let store: any CaseStore
        /// Changes one byte of the event log's stored record `seq` behind the store's back
        /// (as an intruder with the database's file or role would); nil when the backend cannot.
        public let tamper: (@Sendable (_ seq: UInt64) async throws -> Void)?

        public init(store: any CaseStore, tamper: (@Sendable (_ seq: UInt64) async throws -> Void)?) {
            self.store = store
            self.tamper = tamper
        }
    }

    /// Makes a fresh subject for one check.
    public typealias Factory = @Sendable () async throws -> Subject

    /// One named check of the contract.
    public struct Check: Sendable, CustomStringConvertible {
        /// A short stable name, e.g. `enrolment-links`.
        public let name: String
        /// The part of the contract it proves, in one sentence.
        public let summary: String
        let body: @Sendable (Subject) async throws -> Void

        init(_ name: String, _ summary: String, _ body: @escaping @Sendable (Subject) async throws -> Void) {
            self.name = name
            self.summary = summary
            self.body = body
        }

        public var description: String { name }

        /// Runs the check on a fresh subject; any failure is a `ConformanceFailure` naming it.
        public func run(with factory: Factory) async throws {
            do { try await body(try await factory()) } catch { throw ConformanceFailure.of(name, error) }
        }
    }

    /// Every check, in the order they are best read.
    public static let checks: [Check] = [
        founding, directory, lastAdminRace, keyRotation, enrolmentLinks, secondFactor, webSessions, appends, accessLog, concurrentAccess, openings, erasure,
        researchKeys, checkpointsAndProofs, export, verification,
    ]

    // MARK: - What the checks share

    static let participant = "P-CONF01"
    static let stream = Identifiers.participantStreamPrefix + participant

    /// The master key and the founding admin, unlocked as a user would.
    static func unlock(_ store: any CaseStore) async throws -> (master: MasterKey, admin: UnlockedActor) {
        (try await store.unlockMaster(passphrase: ConformancePeople.masterPassphrase),
         try await store.unlockActor(ConformancePeople.admin, passphrase: ConformancePeople.passphrase))
    }

    /// A small note, sealed in a participant's stream.
    static func note(_ value: Int64, stream: String = stream) -> EventDraft {
        EventDraft(type: "note.added", stream: stream, data: ["n": .int(value)])
    }

    /// Enrols a clinician (a synthetic one) with the suite's passphrase.
    @discardableResult
    static func enrolClinician(_ id: String, in store: any CaseStore, by admin: UnlockedActor,
                               link: (digest: String, expiresAt: Date)? = nil, passphrase: String = ConformancePeople.passphrase) async throws -> AppendResult {
        try await store.enrol(actor: id, name: "Personne Exemple", organization: "Organisme Exemple", roles: ["clinician"],
                              passphrase: passphrase, link: link, by: admin)
    }
}

// MARK: - Expectations

/// Throws a `ConformanceFailure` saying `what` unless `condition` holds.
func expect(_ condition: Bool, _ what: @autoclosure () -> String) throws {
    guard condition else { throw ConformanceFailure(check: "", what: what()) }
}

/// Throws a `ConformanceFailure` unless `body` throws exactly `expected`.
func expect<E: Error & Equatable>(throws expected: E, _ what: String, _ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as E where error == expected {
        return
    } catch {
        throw ConformanceFailure(check: "", what: "\(what): threw \(error), not \(expected)")
    }
    throw ConformanceFailure(check: "", what: "\(what): accepted, where \(expected) was expected")
}

/// Throws a `ConformanceFailure` unless `body` throws an error of type `E`.
func expect<E: Error>(throwing type: E.Type, _ what: String, _ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch is E {
        return
    } catch {
        throw ConformanceFailure(check: "", what: "\(what): threw \(error), not a \(E.self)")
    }
    throw ConformanceFailure(check: "", what: "\(what): accepted, where a \(E.self) was expected")
}
