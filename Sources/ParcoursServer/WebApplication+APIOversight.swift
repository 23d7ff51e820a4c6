import Foundation
import HTTPTypes
import Hummingbird
import ParcoursAccess
import ParcoursApp
import ParcoursClinical
import ParcoursLog

/// The JSON API of oversight: the coordinator's program picture and caseloads, and the privacy
/// officer's checkpoints, verification, access-log search with proofs of inclusion, review queue,
/// registers and FHIR audit bundle — the use cases of `/programme` and `/confidentialite`, decided
/// by the same policy and recorded the same way.
extension WebApplication {
    func addOversightAPIRoutes(to router: Router<WebContext>) {
        router.get("/api/v1/program") { request, _ in
            await api(request) { session, _ in
                let query = try Self.query(request)
                return try Self.json(try await caseRecord.program(from: try Self.day("from", in: query), to: try Self.day("to", in: query),
                                                                  by: session.identity))
            }
        }
        router.get("/api/v1/program/caseloads") { request, _ in
            await api(request) { session, _ in
                let (organization, caseloads) = try await caseRecord.organizationCaseloads(by: session.identity)
                return try Self.json(["organization": AnyEncodable(organization), "caseloads": AnyEncodable(caseloads)])
            }
        }
        router.get("/api/v1/checkpoints") { request, _ in
            await api(request) { session, _ in
                let overview = try await caseRecord.logCheckpoints(by: session.identity)
                var body = Dictionary(uniqueKeysWithValues: LogKind.allCases.map { kind in
                    (kind.rawValue, (overview.checkpoints[kind] ?? nil).map(Self.checkpointJSON) ?? .null)
                })
                body["witnessAlarms"] = .array(overview.alarms.map(\.json))
                return Self.canonical(.object(body))
            }
        }
        router.post("/api/v1/verifications") { request, _ in
            await api(request) { session, _ in
                let job = await verificationJobs.start(try await caseRecord.logVerification(by: session.identity), for: session.actor)
                return Self.canonical(Self.jobJSON(job), status: .accepted, headers: [.location: "/api/v1/verifications/" + job.id])
            }
        }
        // As its page: the job was decided and recorded when asked for; only those who asked see it.
        router.get("/api/v1/verifications/:job") { request, context in
            await api(request) { session, _ in
                guard let job = await verificationJobs.job(context.parameters.get("job") ?? "", for: session.actor) else { throw APIProblem.notFound }
                return Self.canonical(Self.jobJSON(job))
            }
        }
        router.get("/api/v1/access-log") { request, _ in
            await api(request) { session, _ in
                let query = try Self.query(request)
                let search = try AccessSearch(query)
                var before = UInt64.max
                if let text = query["before"], !text.isEmpty {
                    guard let seq = UInt64(text) else { throw AppError.invalidInput(field: "before", reason: "a record's number (seq)") }
                    before = seq
                }
                let matched = try await caseRecord.accessLog(search.filter, by: session.identity).filter { search.matches($0) && $0.seq < before }
                let page = matched.reversed().prefix(AccessSearch.shown)
                var answer: [String: JSONValue] = ["matched": .int(Int64(matched.count)), "records": .array(page.map(\.json))]
                if matched.count > page.count, let last = page.last { answer["next"] = .string("before=\(last.seq)") }
                return Self.canonical(.object(answer))
            }
        }
        router.get("/api/v1/access-log/:seq/proof") { request, context in
            await api(request) { session, _ in
                guard let seq = UInt64(context.parameters.get("seq") ?? "") else { throw AppError.invalidInput(field: "seq", reason: "a record's number") }
                let (proof, checkpoint) = try await caseRecord.accessInclusionProof(seq: seq, by: session.identity)
                return Self.canonical(["proof": proof.json, "checkpoint": checkpoint.map(Self.checkpointJSON) ?? .null])
            }
        }
        router.get("/api/v1/access-reviews") { request, _ in
            await api(request) { session, _ in
                let anomalies = try await caseRecord.accessAnomalies(by: session.identity)
                let reviews = try await caseRecord.accessReviews(by: session.identity).map { review -> JSONValue in
                    ["access": .int(Int64(review.access)), "comment": .string(review.comment), "reviewer": .string(review.reviewer),
                     "at": .string(review.at.description), "id": .string(review.id)]
                }
                return try Self.json(["anomalies": AnyEncodable(anomalies), "reviews": AnyEncodable(JSONValue.array(reviews))])
            }
        }
        router.post("/api/v1/access-reviews") { request, _ in
            await api(request) { session, _ in
                let body = try await Self.apiObject(request, members: ["access", "comment"], shape: "{\"access\": seq, \"comment\"}")
                guard case .int(let seq)? = body["access"], seq >= 0 else { throw AppError.invalidInput(field: "access", reason: "a record's number (seq)") }
                guard case .string(let comment)? = body["comment"] else {
                    throw AppError.invalidInput(field: "comment", reason: "what the review found, \(AccessReview.minimumComment) to \(AccessReview.maximumComment) characters")
                }
                return Self.appended(try await caseRecord.reviewAccess(seq: UInt64(seq), comment: comment, by: session.identity))
            }
        }
        router.get("/api/v1/registers/communications") { request, _ in
            await api(request) { session, _ in
                try Self.json(["communications": try await caseRecord.communications(by: session.identity)])
            }
        }
        router.get("/api/v1/registers/incidents") { request, _ in
            await api(request) { session, _ in
                let (entries, problems) = try await caseRecord.incidentRegister(by: session.identity)
                return Self.canonical(IncidentRegister.json(entries, problems: problems))
            }
        }
        router.post("/api/v1/registers/incidents") { request, _ in
            await api(request) { session, _ in
                try await appendToRegister(request, schema: "Schemas/registers/incident.recorded.v1.schema.json") { body, id in
                    try await caseRecord.recordIncident(try ConfidentialityIncident(json: body), id: id, by: session.identity)
                }
            }
        }
        router.post("/api/v1/registers/incidents/updates") { request, _ in
            await api(request) { session, _ in
                try await appendToRegister(request, schema: "Schemas/registers/incident.updated.v1.schema.json") { body, id in
                    try await caseRecord.updateIncident(try IncidentUpdate(json: body), id: id, by: session.identity)
                }
            }
        }
        router.get("/api/v1/audit-events") { request, _ in
            await api(request) { session, _ in
                let query = try Self.query(request)
                let (bundle, _) = try await caseRecord.fhirAuditBundle(from: try Self.day("from", in: query), to: try Self.day("to", in: query),
                                                                       by: session.identity)
                return Response(status: .ok, headers: [.contentType: "application/fhir+json"],
                                body: .init(byteBuffer: ByteBuffer(bytes: CanonicalJSON.encode(bundle))))
            }
        }
    }

    /// A signed checkpoint as the API gives it: size, root, the note whole and its cosigners.
    static func checkpointJSON(_ checkpoint: SignedCheckpoint) -> JSONValue {
        ["size": .int(Int64(checkpoint.size)), "root": .string(checkpoint.root.hex), "note": .string(checkpoint.note),
         "cosigners": .array(checkpoint.cosigners.map(JSONValue.string))]
    }

    /// A verification as the API gives it: its progress, then its verdict.
    static func jobJSON(_ job: VerificationJob) -> JSONValue {
        let (checked, total) = job.progress
        var json: [String: JSONValue] = ["id": .string(job.id), "startedAt": .string(ClinicalDate.format(job.started)),
                                         "checked": .int(Int64(checked)), "total": .int(Int64(total))]
        if let finished = job.finished { json["finishedAt"] = .string(ClinicalDate.format(finished)) }
        switch job.verdict {
        case nil: json["state"] = "running"
        case .intact(let verified):
            json["state"] = "intact"
            json["events"] = verified.events.json
            json["access"] = verified.access.json
            json["checkpointsChecked"] = .int(Int64(verified.checkpointsChecked))
        case .exportIntact(let events, let access):
            json["state"] = "intact"
            (json["events"], json["access"]) = (events.json, access.json)
        case .damaged(let log, let failure):
            json["state"] = "damaged"
            (json["log"], json["seq"], json["reason"]) = (.string(log), .int(Int64(failure.seq)), .string(failure.reason))
        case .unreadable: json["state"] = "unreadable"
        }
        return .object(json)
    }

    /// A register's event from the body as `schema` says it, its optional event id taken out first
    /// (an idempotency key), then written by `append`.
    private func appendToRegister(_ request: Request, schema: String,
                                  _ append: ([String: JSONValue], String?) async throws -> AppendResult) async throws -> Response {
        var body = try await Self.apiObject(request, members: nil, shape: schema)
        let id = try Self.eventID(from: &body)
        return Self.appended(try await append(body, id))
    }

    /// An event written: 201, or 200 when it was already recorded under its id (nothing more written).
    static func appended(_ result: AppendResult) -> Response {
        canonical(result.json, status: result.existing ? .ok : .created)
    }

    /// The optional event `id` of a register's body, taken out of it: an idempotency key.
    static func eventID(from body: inout [String: JSONValue]) throws -> String? {
        switch body.removeValue(forKey: "id") {
        case nil: return nil
        case .string(let id)?: return id
        default: throw AppError.invalidInput(field: "id", reason: "an event id (a UUID)")
        }
    }
}
