import Foundation
import ParcoursApp
import ParcoursLog

/// The verifications the privacy officers started from the web — of the store's logs, or of an
/// export uploaded —, kept in the server's memory: one of the store runs at a time (asking
/// again while one runs joins it), each upload is its own, each under a
/// random id, seen by those who asked for it. The access policy decided and recorded each
/// request before it was started (`CaseRecord.logVerification`); a verdict holds no personal
/// data — sizes, roots, a seq and the reason it fails.
actor VerificationJobs {
    /// The finished jobs kept, newest last, so their pages still answer for a while.
    static let kept = 20
    /// The exports received, unpacked or verified at once, each held in memory whole.
    static let exportsAtOnce = 2
    private var jobs: [String: VerificationJob] = [:]
    private var order: [String] = []
    private var exportPlaces = 0

    /// Takes one of the `exportsAtOnce` places before an export is received; false when all are taken.
    func takeExportPlace() -> Bool {
        guard exportPlaces < Self.exportsAtOnce else { return false }
        exportPlaces += 1
        return true
    }

    /// Gives a place back: the export was refused before it became a job, or its job has its verdict.
    func leaveExportPlace() {
        assert(exportPlaces > 0, "a place given back twice")
        exportPlaces = max(0, exportPlaces - 1)
    }

    /// Starts `verification` of the store in the background for `actor`, or joins the one running.
    func start(_ verification: LogVerification, for actor: String) -> VerificationJob {
        if let running = order.compactMap({ jobs[$0] }).first(where: { $0.verdict == nil && $0.subject == .store }) {
            running.add(viewer: actor)
            return running
        }
        return run(.store, for: actor) { job in .intact(try await verification.run(progress: { job.advance($0, of: $1) })) }
    }

    /// Starts `verification` of an uploaded export in the background for `actor` alone: each
    /// upload is its own, kept in memory until its verdict, holding the place its upload took.
    func start(_ verification: ExportVerification, for actor: String) -> VerificationJob {
        run(.export, for: actor) { job in
            let verified = try await verification.run(progress: { job.advance($0, of: $1) })
            return .exportIntact(events: verified.events, access: verified.access)
        }
    }

    private func run(_ subject: VerificationJob.Subject, for actor: String,
                     _ verify: @escaping @Sendable (VerificationJob) async throws -> VerificationJob.Verdict) -> VerificationJob {
        let job = VerificationJob(id: WebSessions.base64URL(Sodium.randomBytes(16)), subject: subject, viewer: actor)
        jobs[job.id] = job
        order.append(job.id)
        while order.count > Self.kept, let oldest = order.first, jobs[oldest]?.verdict != nil {
            jobs[oldest] = nil
            order.removeFirst()
        }
        Task.detached {
            let verdict: VerificationJob.Verdict
            do {
                verdict = try await verify(job)
            } catch VerificationError.integrity(let log, let failure) {
                verdict = .damaged(log: log, failure)
            } catch {
                verdict = .unreadable
            }
            if subject == .export { await self.leaveExportPlace() }  // before the verdict shows, so whoever reads it may send the next
            job.finish(verdict)
        }
        return job
    }

    /// The job `id`, if `actor` asked for it.
    func job(_ id: String, for actor: String) -> VerificationJob? {
        guard let job = jobs[id], job.viewers.contains(actor) else { return nil }
        return job
    }
}

/// One verification running or done: how far it is, then its verdict. Written by the
/// verifying thread, read by the pages, under a lock.
final class VerificationJob: @unchecked Sendable {
    /// What is verified: the store's logs, or an export uploaded.
    enum Subject: Sendable, Equatable { case store, export }

    enum Verdict: Sendable {
        case intact(StoreVerification)
        /// An uploaded export found intact: each log's size and root, as its checkpoints sign them.
        case exportIntact(events: LogSummary, access: LogSummary)
        /// The first record that fails, in which log, and why.
        case damaged(log: String, IntegrityFailure)
        /// The store could not be read: no verdict on its integrity.
        case unreadable
    }

    let id: String
    let subject: Subject
    let started = Date()
    private let lock = NSLock()
    private var _viewers: Set<String>
    private var _checked: UInt64 = 0
    private var _total: UInt64 = 0
    private var _verdict: Verdict?
    private var _finished: Date?

    init(id: String, subject: Subject, viewer: String) { (self.id, self.subject, _viewers) = (id, subject, [viewer]) }

    var viewers: Set<String> { lock.withLock { _viewers } }
    var progress: (checked: UInt64, total: UInt64) { lock.withLock { (_checked, _total) } }
    var verdict: Verdict? { lock.withLock { _verdict } }
    var finished: Date? { lock.withLock { _finished } }

    func add(viewer: String) { lock.withLock { _ = _viewers.insert(viewer) } }
    func advance(_ checked: UInt64, of total: UInt64) { lock.withLock { (_checked, _total) = (checked, total) } }
    func finish(_ verdict: Verdict) {
        lock.withLock {
            _verdict = verdict
            _finished = Date()
        }
    }
}
