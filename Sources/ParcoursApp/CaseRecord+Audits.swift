import ParcoursAccess
import ParcoursClinical
import ParcoursLog
import ParcoursProjections

/// The privacy officer's audits: each is itself a read of the access log (or of the
/// registers), decided and recorded there before anything is read, so it appears in what
/// it lists.
extension CaseRecord {
    /// The access log as the privacy officer audits it — who read which record, which view
    /// and categories, why, with what outcome — the records `filter` keeps, in log order.
    ///
    /// - Throws: `AppError.invalidInput` naming `filter.participant`, `from` or `to` before
    ///   anything is recorded; `ConsentAwareReader.Denied` once a refusal is recorded.
    public func accessLog(_ filter: AccessAudit.Filter = .init(), by identity: Identity) async throws -> [RecordedAccess] {
        try Self.checkDays(from: filter.from, to: filter.to)
        let session = try await session(identity, view: .accessLog, participant: filter.participant)
        try await session.authorize(.accessLog, purpose: .audit) { $0.participant = filter.participant }
        return try await auditedAccesses().filter(filter.matches)
    }

    /// What in the access log deserves a review: break-glass uses, reads outside the care team
    /// or after a consent was withdrawn, more than `threshold` participants read by one actor
    /// within `windowMinutes`, exports…
    public func accessAnomalies(threshold: Int = 20, windowMinutes: Int = 10, by identity: Identity) async throws -> [AccessAudit.Anomaly] {
        guard threshold > 0 else { throw AppError.invalidInput(field: "threshold", reason: "a number of participants ≥ 1") }
        guard windowMinutes > 0 else { throw AppError.invalidInput(field: "window", reason: "a number of minutes ≥ 1") }
        let session = try await session(identity, view: .accessLog)
        try await session.authorize(.accessLog, purpose: .audit, noting: { $0.report = .anomalies })
        return AccessAudit.anomalies(try await auditedAccesses(), threshold: threshold, windowMinutes: windowMinutes)
    }

    /// The register of communications: referrals with what was shared, legal disclosures, and
    /// the exports the access log permitted, in date order.
    public func communications(by identity: Identity) async throws -> [Communication] {
        let session = try await session(identity, view: .registers)
        try await follower.reachHead()
        try await session.authorize(.registers, purpose: .audit, noting: { $0.report = .communications })
        var communications = try await session.projections.withJourneys { walk in
            var communications: [Communication] = []
            try walk { communications += $0.communications }
            return communications
        }
        for access in try await auditedAccesses() where access.record.kind == .export && access.record.outcome == .permitted {
            let record = access.record
            communications.append(Communication(kind: .export, id: "access-\(access.seq)", on: access.day,
                                                participant: record.participant?.rawValue,
                                                recipient: record.actor.rawValue, categories: [],
                                                purpose: record.project.map { "research export, project \($0)" }
                                                    ?? record.purpose?.rawValue ?? "export",
                                                justification: record.manifestSHA256.map { "manifest SHA-256 \($0)" }
                                                    ?? record.view?.rawValue, participantTold: nil,
                                                by: record.actor.rawValue,
                                                terms: .init(project: record.project, accessPurpose: record.purpose?.rawValue,
                                                             view: record.view?.rawValue, manifestSHA256: record.manifestSHA256)))
        }
        communications.sort { ($0.on, $0.id) < ($1.on, $1.id) }
        return communications
    }

    /// The access log from `from` to `to` (`YYYY-MM-DD`, UTC, both included; by default all of
    /// it) as a FHIR R4 Bundle of AuditEvents following IHE BALP, this very read included:
    /// only ids, roles, views, categories, purposes and outcomes, never free text.
    ///
    /// - Returns: the bundle, and how many AuditEvents it holds.
    public func fhirAuditBundle(from: Day? = nil, to: Day? = nil, by identity: Identity) async throws -> (bundle: JSONValue, auditEvents: Int) {
        if let from, let to, from > to {
            throw AppError.invalidInput(field: "from", reason: "a day on or before the period's last day (\(to))")
        }
        let session = try await session(identity, view: .accessLog)
        try await session.authorize(.accessLog, purpose: .audit, noting: { $0.report = .fhir })
        let records = try await auditedAccesses().filter(AccessAudit.Filter(from: from?.rawValue, to: to?.rawValue).matches)
        return (FHIRAuditBundle.bundle(records, generatedAt: .now()), records.count)
    }

    /// The whole access log, as audits read it (its records are clear: no key is needed).
    ///
    /// - Throws: `DamagedAccessRecord` for a record that does not fit its schema.
    func auditedAccesses() async throws -> [RecordedAccess] {
        try await store.accessRecords().map { entry throws(DamagedAccessRecord) in try RecordedAccess(entry) }
    }

    /// Refuses a day of a period (`from`, `to`) that is not a calendar day `YYYY-MM-DD`.
    static func checkDays(from: String?, to: String?) throws {
        for (field, day) in [("from", from), ("to", to)] {
            if let day { _ = try Day(checking: day, field: field) }
        }
    }
}
