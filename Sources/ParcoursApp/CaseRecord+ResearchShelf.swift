import Foundation
import ParcoursAccess
import ParcoursFiles
import ParcoursLog
import ParcoursProjections
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The shelf of research exports a researcher asks for through the web: the server keeps each
/// one in a private directory of its own, `<shelf>/<id>/` (0700), where `id` is drawn at random:
///
///     <shelf>/<id>/owner.json   who asked and when (0600), written before the export
///     <shelf>/<id>/export/      the export itself, as `exportResearch` writes it for the command line
///
/// Which researcher made which export is kept in `owner.json`, beside the export, rather than read
/// back from the access log: the access log already records each export (project, manifest's SHA-256,
/// participants) as the command line's, but it does not name where the files went, and reading the
/// whole log to serve one file would cost more with every record. The owner file is only ever
/// trusted to refuse: an export without one, or whose owner is not the signed-in researcher, is
/// served to nobody. Only the files the manifest lists, and the manifest, are ever served.
///
/// Each read (the shelf, an export's manifest, a file) is decided by the access policy and recorded
/// in the access log as a read of `research-export` (the export itself is the one communication,
/// recorded once, when it is made); another's export is refused and recorded as such.
extension CaseRecord {
    /// The exports `identity` asked for on `shelf`, newest first; the read decided and recorded.
    public func researchShelf(in shelf: String, by identity: Identity) async throws -> [ShelvedResearchExport] {
        let session = try await session(identity, view: .researchExport)
        try await session.authorize(.researchExport, purpose: .research, kind: .read)
        let ids = (try? FileManager.default.contentsOfDirectory(atPath: shelf)) ?? []
        return ids.filter(ShelvedResearchExport.isID).compactMap { Self.shelved($0, in: shelf) }
            .filter { $0.owner == session.reader.id }
            .sorted { ($0.requestedAt, $0.id) > ($1.requestedAt, $1.id) }
    }

    /// Makes the export `request` asks for into a new private directory of `shelf` (created 0700
    /// if need be), owned by `identity`: recorded in the access log as `exportResearch` records it.
    /// A request the export cannot take is refused before anything is made; if the export fails
    /// or is refused, its directory is removed.
    public func shelveResearchExport(_ request: ResearchExportRequest, in shelf: String,
                                     by identity: Identity) async throws -> ShelvedResearchExport {
        try request.validate()
        // Someone the policy refuses is refused (and recorded, with the project) before anything is made.
        let session = try await session(identity, view: .researchExport)
        let decision = AccessPolicy.decide(AccessRequest(reader: session.reader, view: .researchExport, purpose: .research))
        guard decision.permitted else {
            try await session.record(.decided(decision, reader: session.reader, view: .researchExport, participant: nil, justification: nil) {
                $0.project = request.project
            })
            throw ConsentAwareReader.Denied(decision: decision, view: .researchExport)
        }
        var status = stat()
        if lstat(shelf, &status) != 0 {
            try PrivateFile.createDirectory(shelf, field: "shelf")
        } else if (status.st_mode & S_IFMT) != S_IFDIR {
            throw AppError.invalidInput(field: "shelf", reason: "the research exports' place is not a directory")
        }
        let id = Hex.encode(Sodium.randomBytes(16))
        let place = shelf + "/" + id
        try PrivateFile.createDirectory(place, field: "shelf")
        do {
            let owner = Owner(actor: session.reader.id, requestedAt: Date())
            try PrivateFile.write(try Owner.encoder.encode(owner), to: place + "/owner.json", field: "shelf")
            let (manifest, hash) = try await exportResearch(request, to: place + "/export", by: identity)
            return ShelvedResearchExport(id: id, owner: owner.actor, requestedAt: owner.requestedAt, manifest: manifest, manifestSHA256: hash)
        } catch {
            try? FileManager.default.removeItem(atPath: place)
            throw error
        }
    }

    /// One export of the shelf, if `identity` asked for it; the read decided and recorded with
    /// its project and manifest's hash.
    /// - Throws: `ShelvedResearchExport.NotFound` (recorded as a refusal) for anyone else.
    public func shelvedResearchExport(_ id: String, in shelf: String, by identity: Identity) async throws -> ShelvedResearchExport {
        try await openShelved(id, file: nil, in: shelf, by: identity).export
    }

    /// One file of an export of the shelf, if `identity` asked for it and its manifest lists the
    /// file (or it is manifest.json); the read decided and recorded with its project and manifest's hash.
    /// - Throws: `ShelvedResearchExport.NotFound` (recorded as a refusal) for anyone else or any other name.
    public func shelvedResearchFile(_ file: String, of id: String, in shelf: String,
                                    by identity: Identity) async throws -> (export: ShelvedResearchExport, bytes: Data) {
        let (export, bytes) = try await openShelved(id, file: file, in: shelf, by: identity)
        return (export, bytes ?? Data())
    }

    private func openShelved(_ id: String, file: String?, in shelf: String,
                             by identity: Identity) async throws -> (export: ShelvedResearchExport, bytes: Data?) {
        let session = try await session(identity, view: .researchExport)
        let decision = AccessPolicy.decide(AccessRequest(reader: session.reader, view: .researchExport, purpose: .research))
        guard decision.permitted else {
            try await session.record(.decided(decision, reader: session.reader, view: .researchExport, participant: nil, justification: nil, kind: .read))
            throw ConsentAwareReader.Denied(decision: decision, view: .researchExport)
        }
        // The file's name is one the manifest lists, never the one typed into a path.
        let found = ShelvedResearchExport.isID(id) ? Self.shelved(id, in: shelf).flatMap { export -> (ShelvedResearchExport, Data?)? in
            guard export.owner == session.reader.id else { return nil }
            guard let file else { return (export, nil) }
            guard let listed = export.files.first(where: { $0 == file }),
                  let bytes = try? Data(contentsOf: URL(fileURLWithPath: shelf).appendingPathComponent(id).appendingPathComponent("export")
                                                        .appendingPathComponent(listed)) else { return nil }
            return (export, bytes)
        } : nil
        guard let found else {
            var refusal = AccessRecord(kind: .read, actor: ActorID(session.reader.id)!, outcome: .denied)
            refusal.reason = .refused
            refusal.view = .researchExport
            refusal.purpose = .research
            try await session.record(refusal)
            throw ShelvedResearchExport.NotFound()
        }
        let (export, bytes) = found
        try await session.record(.decided(decision, reader: session.reader, view: .researchExport, participant: nil, justification: nil, kind: .read) {
            $0.project = export.project
            $0.manifestSHA256 = export.manifestSHA256
        })
        return (export, bytes)
    }

    /// The export `id` of `shelf` as its files say it, or nil when anything is missing or unreadable.
    private static func shelved(_ id: String, in shelf: String) -> ShelvedResearchExport? {
        let place = URL(fileURLWithPath: shelf).appendingPathComponent(id)
        guard let ownerBytes = try? Data(contentsOf: place.appendingPathComponent("owner.json")),
              let owner = try? Owner.decoder.decode(Owner.self, from: ownerBytes),
              let manifestBytes = try? Data(contentsOf: place.appendingPathComponent("export/manifest.json")) else { return nil }
        let manifest: ResearchExportRequest.Manifest
        if let written = try? JSONDecoder().decode(ResearchManifest.self, from: manifestBytes) {
            manifest = .deidentified(written)
        } else if let written = try? JSONDecoder().decode(AggregateExport.Manifest.self, from: manifestBytes) {
            manifest = .aggregate(written)
        } else { return nil }
        return ShelvedResearchExport(id: id, owner: owner.actor, requestedAt: owner.requestedAt, manifest: manifest,
                                     manifestSHA256: Sodium.sha256(Array(manifestBytes)).hex)
    }

    /// Who asked for an export of the shelf, and when.
    private struct Owner: Codable {
        var actor: String
        var requestedAt: Date

        static var encoder: JSONEncoder {
            let encoder = JSONEncoder()
            encoder.dateEncodingStrategy = .secondsSince1970
            return encoder
        }
        static var decoder: JSONDecoder {
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .secondsSince1970
            return decoder
        }
    }
}
