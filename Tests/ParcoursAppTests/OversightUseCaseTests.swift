import Foundation
import ParcoursAccess
import ParcoursApp
import ParcoursClinical
import ParcoursLog
import ParcoursProjections
import ParcoursSQLite
import Testing

/// The privacy officer's audits and registers, the participant's report and the research
/// export, as every front meets them: through the application's use cases, in process.
@Suite("Oversight use cases under the one policy")
struct OversightUseCaseTests {
    /// A case record with a privacy officer and a researcher, a participant admitted, and a
    /// read refused then a read breaking the glass by a clinician outside the care team.
    static func watched() async throws -> (AppFixture, String) {
        let app = try await AppFixture()
        try app.enrolOversight()
        let participant = try await app.admitted()
        await #expect(throws: ConsentAwareReader.Denied.self) {
            try await app.caseRecord.journey(of: participant, by: app.identity(AppFixture.stranger))
        }
        _ = try await app.caseRecord.journey(of: participant, by: app.identity(AppFixture.stranger), breakGlass: AppFixture.justification)
        return (app, participant)
    }

    /// The last access record: `actor` refused `view`, for `purpose`, because of the role.
    static func expectRefusal(_ app: AppFixture, of actor: String, view: AccessView, purpose: AccessPurpose,
                              sourceLocation: SourceLocation = #_sourceLocation) throws {
        let refusal = try #require(try app.accessRecords().last, sourceLocation: sourceLocation)
        #expect(refusal["actor"] == .string(actor) && refusal["view"] == .string(view.rawValue), sourceLocation: sourceLocation)
        #expect(refusal["purpose"] == .string(purpose.rawValue) && refusal["outcome"] == "denied", sourceLocation: sourceLocation)
        #expect(refusal["reason"] == "role not permitted", sourceLocation: sourceLocation)
    }

    static let incident = ConfidentialityIncident(
        categories: [.identity, .referrals], circumstances: "Télécopie envoyée à un mauvais numéro d'un organisme partenaire",
        occurredFrom: "2025-10-01", learnedOn: "2025-10-05", personsConcerned: 2,
        riskAssessment: "Destinataire identifié et tenu au secret ; probabilité faible", seriousInjuryRisk: false,
        measures: "Document détruit par le destinataire, attestation reçue")

    @Test("the privacy officer reads the access log filtered by participant, her own read listed last; a clinician is refused, and that is recorded")
    func accessLog() async throws {
        let (app, participant) = try await Self.watched()
        let listed = try await app.caseRecord.accessLog(AccessAudit.Filter(participant: ParticipantID(participant)), by: app.identity(AppFixture.privacyOfficer))
        #expect(listed.allSatisfy { $0.record.participant?.rawValue == participant })
        #expect(listed.filter { $0.record.actor.rawValue == AppFixture.stranger }.map(\.record.outcome) == [.denied, .permitted])
        let own = try #require(listed.last?.record)
        #expect(own.actor.rawValue == AppFixture.privacyOfficer && own.view == .accessLog && own.purpose == .audit)
        let byActor = try await app.caseRecord.accessLog(AccessAudit.Filter(actor: ActorID(AppFixture.stranger)), by: app.identity(AppFixture.privacyOfficer))
        #expect(byActor.count == 2 && byActor.last?.record.review == true)

        await #expect(throws: ConsentAwareReader.Denied.self) {
            try await app.caseRecord.accessLog(by: app.identity(AppFixture.admitting))
        }
        try Self.expectRefusal(app, of: AppFixture.admitting, view: .accessLog, purpose: .audit)
    }

    @Test("a bad day, a reversed period, a threshold or window below 1: refused naming the field, nothing written")
    func badFiltersWriteNothing() async throws {
        let (app, _) = try await Self.watched()
        let officer = app.identity(AppFixture.privacyOfficer)
        let before = try app.sizes()
        await #expect(throws: AppError.invalidInput(field: "from", reason: "a day as YYYY-MM-DD, such as 2026-11-23")) {
            try await app.caseRecord.accessLog(AccessAudit.Filter(from: "2026-02-30"), by: officer)
        }
        await #expect(throws: AppError.invalidInput(field: "from", reason: "a day on or before the period's last day (2026-11-01)")) {
            try await app.caseRecord.fhirAuditBundle(from: Day("2026-12-01"), to: Day("2026-11-01"), by: officer)
        }
        await #expect(throws: AppError.invalidInput(field: "threshold", reason: "a number of participants ≥ 1")) {
            try await app.caseRecord.accessAnomalies(threshold: 0, by: officer)
        }
        await #expect(throws: AppError.invalidInput(field: "window", reason: "a number of minutes ≥ 1")) {
            try await app.caseRecord.accessAnomalies(windowMinutes: 0, by: officer)
        }
        #expect(try app.sizes() == before, "refused before anything is read or recorded")
    }

    @Test("the anomalies raise the read outside the care team and the broken glass; a researcher is refused, and that is recorded")
    func anomalies() async throws {
        let (app, participant) = try await Self.watched()
        let anomalies = try await app.caseRecord.accessAnomalies(by: app.identity(AppFixture.privacyOfficer))
        #expect(Set(anomalies.map(\.kind)).isSuperset(of: [.outsideCareTeam, .breakGlass]))
        #expect(anomalies.allSatisfy { $0.participant == nil || $0.participant == participant })
        let own = try #require(try app.accessRecords().last)
        #expect(own["report"] == "anomalies" && own["outcome"] == "permitted")
        await #expect(throws: ConsentAwareReader.Denied.self) {
            try await app.caseRecord.accessAnomalies(by: app.identity(AppFixture.researcher))
        }
        try Self.expectRefusal(app, of: AppFixture.researcher, view: .accessLog, purpose: .audit)
    }

    @Test("the register of communications lists a legal disclosure with its purpose; a coordinator is refused, and that is recorded")
    func communications() async throws {
        let (app, participant) = try await Self.watched()
        let disclosure: JSONValue = [
            "legalBasis": "youth-protection-act-s39", "recipient": "Direction de la protection de la jeunesse", "categories": ["identity", "safety"],
            "disclosedAt": "2026-11-20T10:00:00.000Z", "participantTold": false, "justification": "motifs raisonnables (données fictives)",
        ]
        _ = try await app.caseRecord.record([try AppFixture.act("disclosure.legal", participant: participant, disclosure)],
                                            by: app.identity(AppFixture.admitting))
        let register = try await app.caseRecord.communications(by: app.identity(AppFixture.privacyOfficer))
        let entry = try #require(register.first { $0.kind == .legalDisclosure })
        #expect(entry.participant == participant && entry.purpose == "legal obligation: youth-protection-act-s39")
        let own = try #require(try app.accessRecords().last)
        #expect(own["view"] == "registers" && own["report"] == "communications" && own["outcome"] == "permitted")
        await #expect(throws: ConsentAwareReader.Denied.self) {
            try await app.caseRecord.communications(by: app.identity(AppFixture.coordinator))
        }
        try Self.expectRefusal(app, of: AppFixture.coordinator, view: .registers, purpose: .audit)
    }

    @Test("the FHIR bundle holds one AuditEvent per access record, its own read included; a clinician is refused, and that is recorded")
    func fhirBundle() async throws {
        let (app, _) = try await Self.watched()
        let (bundle, auditEvents) = try await app.caseRecord.fhirAuditBundle(by: app.identity(AppFixture.privacyOfficer))
        #expect(UInt64(auditEvents) == (try app.sizes().access))
        #expect(bundle["entry"]?.arrayValue?.count == auditEvents && bundle["resourceType"] == "Bundle")
        #expect(!CanonicalJSON.string(bundle).contains(AppFixture.justification), "a justification is marked, never copied")
        let past = try await app.caseRecord.fhirAuditBundle(from: Day("2000-01-01"), to: Day("2000-12-31"), by: app.identity(AppFixture.privacyOfficer))
        #expect(past.auditEvents == 0)
        await #expect(throws: ConsentAwareReader.Denied.self) {
            try await app.caseRecord.fhirAuditBundle(by: app.identity(AppFixture.admitting))
        }
        try Self.expectRefusal(app, of: AppFixture.admitting, view: .accessLog, purpose: .audit)
    }

    @Test("sign-ins reach the FHIR bundle as DICOM's User Authentication, Login: proven 0, refused 4, nothing read, no purpose; FHIR R4 valid")
    func signInsInTheBundle() async throws {
        let app = try await AppFixture()
        try app.enrolOversight()
        try await app.caseRecord.recordSignIn(of: AppFixture.admitting)
        await #expect(throws: (any Error).self) {
            _ = try await app.caseRecord.signIn(app.identity(AppFixture.admitting, passphrase: "mauvaise-phrase-3"))
        }
        let (bundle, _) = try await app.caseRecord.fhirAuditBundle(by: app.identity(AppFixture.privacyOfficer))
        let events = (bundle["entry"]?.arrayValue ?? []).compactMap { $0["resource"] }.filter { $0["type"]?["code"] == "110114" }
        #expect(events.map { $0["outcome"] } == ["0", "4"], "the proven sign-in, then the refused one")
        for event in events {
            #expect(event["type"]?["display"] == "User Authentication" && event["subtype"]?.arrayValue?.first?["code"] == "110122")
            #expect(event["action"] == "E" && event["entity"] == nil && event["purposeOfEvent"] == nil && event["meta"]?["profile"] == nil)
            let who = event["agent"]?.arrayValue?.first { $0["requestor"] == true }?["who"]?["identifier"]?["value"]
            #expect(who == .string(AppFixture.admitting))
        }
        #expect(events.last?["outcomeDesc"] == "identity not proven")
        // Checked by an independent FHIR implementation, as the CLI's bundles are (Tools/test installs it).
        let file = app.newPath("signins.json")
        try Data(CanonicalJSON.string(bundle).utf8).write(to: URL(fileURLWithPath: file))
        let tool = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Tools/validate-fhir").path
        let validator = Process()
        validator.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        validator.arguments = ["python3", tool, file]
        let output = Pipe()
        (validator.standardOutput, validator.standardError) = (output, output)
        try validator.run()
        let said = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        validator.waitUntilExit()
        #expect(validator.terminationStatus == 0, "Tools/validate-fhir: \(said)")
    }

    @Test("the privacy officer records an incident, updates it, and reads the register with the update applied")
    func incidentRegister() async throws {
        let app = try await AppFixture()
        try app.enrolOversight()
        let officer = app.identity(AppFixture.privacyOfficer)
        let recorded = try await app.caseRecord.recordIncident(Self.incident, by: officer)
        #expect(!recorded.existing && recorded.stream == IncidentRegister.stream)
        let write = try #require(try app.accessRecords().last)
        #expect(write["view"] == "registers" && write["purpose"] == "audit" && write["outcome"] == "permitted")
        let update = IncidentUpdate(incident: recorded.id, changes: ["measures": "Attestation reçue ; rappel de la procédure à l'équipe"])
        _ = try await app.caseRecord.updateIncident(update, by: officer)
        let (entries, problems) = try await app.caseRecord.incidentRegister(by: officer)
        #expect(problems.isEmpty && entries.map(\.id) == [recorded.id])
        #expect(entries.first?.incident.measures == "Attestation reçue ; rappel de la procédure à l'équipe")
        #expect(entries.first?.updates.first?.members == ["measures"])
    }

    @Test("a clinician is refused the register, read or write: nothing reaches the event log, each refusal is recorded")
    func incidentRegisterRefused() async throws {
        let app = try await AppFixture()
        try app.enrolOversight()
        let before = try app.sizes()
        await #expect(throws: ConsentAwareReader.Denied.self) {
            try await app.caseRecord.recordIncident(Self.incident, by: app.identity(AppFixture.admitting))
        }
        try Self.expectRefusal(app, of: AppFixture.admitting, view: .registers, purpose: .audit)
        await #expect(throws: ConsentAwareReader.Denied.self) {
            try await app.caseRecord.incidentRegister(by: app.identity(AppFixture.admitting))
        }
        try Self.expectRefusal(app, of: AppFixture.admitting, view: .registers, purpose: .audit)
        #expect(try app.sizes() == (before.events, before.access + 2))
    }

    @Test("an incident that breaks a rule, a malformed id, an update of no incident: refused naming the field, nothing written to the log")
    func incidentBadInput() async throws {
        let app = try await AppFixture()
        try app.enrolOversight()
        let officer = app.identity(AppFixture.privacyOfficer)
        let recorded = try await app.caseRecord.recordIncident(Self.incident, by: officer)
        let before = try app.sizes()
        var early = Self.incident
        early.learnedOn = "2025-09-30"
        await #expect(throws: AppError.invalidInput(field: "learnedOn", reason: "a day not before occurredFrom: an incident is learned of once it began")) {
            try await app.caseRecord.recordIncident(early, by: officer)
        }
        await #expect(throws: AppError.invalidInput(field: "id", reason: "a lowercase UUID, or left out")) {
            try await app.caseRecord.recordIncident(Self.incident, id: "Personne Fictive", by: officer)
        }
        await #expect(throws: AppError.invalidInput(field: "incident", reason: "the id of the incident.recorded event, a lowercase UUID")) {
            try await app.caseRecord.updateIncident(IncidentUpdate(incident: "pas-un-id", changes: ["measures": "x"]), by: officer)
        }
        #expect(try app.sizes() == before, "refused before anything is recorded")
        await #expect(throws: AppError.invalidInput(field: "incident", reason: "no incident of the register has this id")) {
            try await app.caseRecord.updateIncident(IncidentUpdate(incident: "0b6c2f3e-6a52-4d1c-9d2a-5f3c1e2b7a90", changes: ["measures": "x"]),
                                                    by: officer)
        }
        await #expect(throws: AppError.invalidInput(field: "notices", reason:
            "required when seriousInjuryRisk is true: {ministerNotifiedOn?, commissionNotifiedOn?, personsNotifiedOn?, publicNotice, publicNoticeReason?} (a date left out is a notice not sent yet)")) {
            try await app.caseRecord.updateIncident(IncidentUpdate(incident: recorded.id, changes: ["seriousInjuryRisk": true]), by: officer)
        }
        #expect(try app.sizes().events == before.events, "nothing reaches the register")
    }

    @Test("the participant's report holds her journey and every access to it, this request included; a clinician of her care team is refused")
    func participantReport() async throws {
        let (app, participant) = try await Self.watched()
        let (journey, accesses) = try await app.caseRecord.participantReport(of: participant, by: app.identity(AppFixture.privacyOfficer))
        #expect(journey.participant == participant && journey.admission?.name == "Personne Fictive")
        #expect(accesses.allSatisfy { $0.record.participant?.rawValue == participant })
        let own = try #require(accesses.last?.record)
        #expect(own.actor.rawValue == AppFixture.privacyOfficer && own.view == .participantReport && own.purpose == .participantRequest)
        #expect(accesses.contains { $0.record.justification == AppFixture.justification })

        await #expect(throws: ConsentAwareReader.Denied.self) {
            try await app.caseRecord.participantReport(of: participant, by: app.identity(AppFixture.admitting))
        }
        try Self.expectRefusal(app, of: AppFixture.admitting, view: .participantReport, purpose: .participantRequest)
    }

    @Test("a report on no participant: the privacy officer learns there is none; a clinician is refused without learning it, both recorded")
    func participantReportUnknown() async throws {
        let app = try await AppFixture()
        try app.enrolOversight()
        let nobody = "P-7Q4K2M"
        await #expect(throws: ProjectionError.unknownParticipant(nobody)) {
            try await app.caseRecord.participantReport(of: nobody, by: app.identity(AppFixture.privacyOfficer))
        }
        #expect(try app.accessRecords().last?["participant"] == .string(nobody))
        await #expect(throws: ConsentAwareReader.Denied.self) {
            try await app.caseRecord.participantReport(of: nobody, by: app.identity(AppFixture.admitting))
        }
        try Self.expectRefusal(app, of: AppFixture.admitting, view: .participantReport, purpose: .participantRequest)
    }

    /// Three participants admitted alike, each with a research consent in force.
    static func consenting(_ app: AppFixture) async throws -> [String] {
        var participants: [String] = []
        for _ in 0..<3 {
            let participant = try await app.admitted()
            _ = try await app.caseRecord.record([try AppFixture.act("consent.given", participant: participant, [
                "scope": ["kind": "research"], "categories": ["stages", "relapses"], "decidedBy": "participant",
            ])], by: app.identity(AppFixture.admitting))
            participants.append(participant)
        }
        return participants
    }

    @Test("a researcher's export is de-identified: private files with no participant id, name or birth date, recorded with its manifest's hash")
    func researchExport() async throws {
        let app = try await AppFixture()
        try app.enrolOversight()
        let participants = try await Self.consenting(app)
        let out = app.newPath("recherche")
        let (manifest, hash) = try await app.caseRecord.exportResearch(ResearchExportRequest(project: "trajectoires", method: .deidentified(k: 2)),
                                                                      to: out, by: app.identity(AppFixture.researcher))
        guard case .deidentified(let written) = manifest else { Issue.record("not a de-identified manifest"); return }
        #expect(written.exported == 3 && manifest.statement == "de-identified")
        let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(files == ["dictionary.json", "episodes.csv", "manifest.json", "participants.csv", "transitions.csv"])
        #expect(try FileManager.default.attributesOfItem(atPath: out)[.posixPermissions] as? Int == 0o700)
        for file in files {
            #expect(try FileManager.default.attributesOfItem(atPath: out + "/" + file)[.posixPermissions] as? Int == 0o600, "\(file)")
            let text = try String(contentsOfFile: out + "/" + file, encoding: .utf8)
            for secret in participants + ["Personne Fictive", "2010-05-01", "En Marge 12-17"] {
                #expect(!text.contains(secret), "\(file) holds \(secret)")
            }
        }
        let manifestBytes = try Data(contentsOf: URL(fileURLWithPath: out + "/manifest.json"))
        #expect(hash == Sodium.sha256(Array(manifestBytes)).hex)
        let record = try #require(try app.store.accessRecords().last)
        #expect(record.type == "access.export" && record.payload["actor"] == .string(AppFixture.researcher))
        #expect(record.payload["project"] == "trajectoires" && record.payload["manifestSHA256"] == .string(hash))
        #expect(record.payload["participants"] == 3 && record.payload["participant"] == nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: app.directory).allSatisfy { !$0.hasPrefix(".parcours-export-") })
    }

    @Test("a privacy officer is refused a research export: no directory, the refusal recorded with the project")
    func researchExportRefused() async throws {
        let app = try await AppFixture()
        try app.enrolOversight()
        _ = try await Self.consenting(app)
        let out = app.newPath("refus")
        await #expect(throws: ConsentAwareReader.Denied.self) {
            try await app.caseRecord.exportResearch(ResearchExportRequest(project: "trajectoires"), to: out, by: app.identity(AppFixture.privacyOfficer))
        }
        #expect(!FileManager.default.fileExists(atPath: out))
        try Self.expectRefusal(app, of: AppFixture.privacyOfficer, view: .researchExport, purpose: .research)
        #expect(try app.accessRecords().last?["project"] == "trajectoires")
    }

    @Test("a research export's bad project, k, fraction or ε, or an output that exists: refused naming the field, nothing written")
    func researchExportBadInput() async throws {
        let app = try await AppFixture()
        try app.enrolOversight()
        let researcher = app.identity(AppFixture.researcher)
        let existing = app.newPath("existe")
        try FileManager.default.createDirectory(atPath: existing, withIntermediateDirectories: false)
        let before = try app.sizes()
        let refusals: [(ResearchExportRequest, String, String)] = [
            (ResearchExportRequest(project: "Bad Name"), app.newPath("a"), "project"),
            (ResearchExportRequest(project: "trajectoires", method: .deidentified(k: 1)), app.newPath("b"), "k"),
            (ResearchExportRequest(project: "trajectoires", method: .deidentified(maxSuppressed: 1.5)), app.newPath("c"), "maxSuppressed"),
            (ResearchExportRequest(project: "trajectoires", method: .aggregate(epsilon: 0)), app.newPath("d"), "epsilon"),
            (ResearchExportRequest(project: "trajectoires"), existing, "output"),
        ]
        for (request, out, field) in refusals {
            do {
                _ = try await app.caseRecord.exportResearch(request, to: out, by: researcher)
                Issue.record("\(field): taken")
            } catch let AppError.invalidInput(refused, _) {
                #expect(refused == field)
            }
            #expect(out == existing || !FileManager.default.fileExists(atPath: out), "\(field)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: existing).isEmpty)
        #expect(try app.sizes() == before)
    }
}
