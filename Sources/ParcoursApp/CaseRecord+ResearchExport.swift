import Foundation
import ParcoursAccess
import ParcoursLog
import ParcoursProjections
import ParcoursFiles

extension CaseRecord {
    /// Writes a de-identified (or aggregate, anonymized) research export into the new
    /// directory `output`: participants.csv, episodes.csv, transitions.csv, dictionary.json,
    /// manifest.json, each private to its owner (0700, files 0600, never over anything).
    ///
    /// Only participants whose research consent is in force today, who did not refuse
    /// researchers. Record first, then publish: the files are written into a private
    /// directory beside `output`, the export is recorded in the access log with its
    /// manifest's SHA-256, and only then moved into place — `output` never exists without its
    /// record, and if anything fails the private directory is removed.
    ///
    /// - Throws: `AppError.invalidInput` naming the field (`project`, `k`, `maxSuppressed`,
    ///   `epsilon`, `output`) before anything is recorded; `ConsentAwareReader.Denied` once a
    ///   refusal is recorded (with the project).
    public func exportResearch(_ request: ResearchExportRequest, to output: String,
                               by identity: Identity) async throws -> (manifest: ResearchExportRequest.Manifest, manifestSHA256: String) {
        try request.validate()
        do { try PrivateFile.requireAbsent(output, field: "output", wanted: "a new directory") } catch LogError.invalidInput(_, let reason) {
            throw AppError.invalidInput(field: "output", reason: reason)
        }
        let session = try await session(identity, view: .researchExport)
        try await follower.reachHead()
        let decision = AccessPolicy.decide(AccessRequest(reader: session.reader, view: .researchExport, purpose: .research))
        guard decision.permitted else {
            try await session.record(.decided(decision, reader: session.reader, view: .researchExport, participant: nil, justification: nil) {
                $0.project = request.project
            })
            throw ConsentAwareReader.Denied(decision: decision, view: .researchExport)
        }
        // The private directory sits beside `output` (same file system, so the final rename is atomic);
        // its name carries nothing about the project or its participants.
        let target = URL(fileURLWithPath: output).standardizedFileURL
        let staging = target.deletingLastPathComponent().appendingPathComponent(".parcours-export-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        } catch {
            throw AppError.invalidInput(field: "output", reason: "cannot create a private directory beside \(output)")
        }
        defer { try? FileManager.default.removeItem(at: staging) }
        let directory = staging.appendingPathComponent("export")
        // Written in the projections' read snapshot, one journey at a time.
        let manifest: ResearchExportRequest.Manifest
        switch request.method {
        case .aggregate(let epsilon):
            let export = AggregateExport(project: request.project, epsilon: epsilon, today: Self.today())
            manifest = .aggregate(try await session.projections.withJourneys { try export.write(to: directory, journeys: $0) })
        case .deidentified(let k, let months, let maxSuppressed):
            var key = try await store.researchKey(project: request.project, master: master)
            defer { Sodium.zero(&key) }
            let export = ResearchExport(options: .init(project: request.project, k: k, months: months, maxSuppressedFraction: maxSuppressed),
                                        key: key, today: Self.today())
            manifest = .deidentified(try await session.projections.withJourneys { try export.write(to: directory, journeys: $0) })
        }
        let manifestHash = Sodium.sha256(Array(try Data(contentsOf: directory.appendingPathComponent("manifest.json")))).hex
        var record = AccessRecord.decided(decision, reader: session.reader, view: .researchExport, participant: nil, justification: nil,
                                          kind: .export)
        record.project = request.project
        record.manifestSHA256 = manifestHash
        switch manifest {
        case .aggregate: (record.aggregate, record.participants) = (true, .aggregate)
        case .deidentified(let written): (record.aggregate, record.participants) = (false, .count(written.exported))
        }
        try await session.record(record)
        do { try FileManager.default.moveItem(at: directory, to: target) } catch {
            throw AppError.invalidInput(field: "output",
                                        reason: "the export is recorded (manifest \(manifestHash)) but could not be moved to \(output); nothing was published")
        }
        return (manifest, manifestHash)
    }
}
