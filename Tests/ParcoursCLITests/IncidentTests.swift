import Foundation
import ParcoursLog
import Testing

/// `parcours incident`: the register of confidentiality incidents, kept by the privacy officer.
@Suite("The register of confidentiality incidents (CLI)")
struct IncidentTests {
    static let officer = "rprp-exemple"
    static let clinician = "intervenante-exemple"
    static let asOfficer: [String: String?] = ["PARCOURS_PASSPHRASE": CLI.newPassphrase]

    static let incident = """
        {"categories": ["identity", "referrals"], "informationDetail": "fiche de référence",
         "circumstances": "Télécopie envoyée à un mauvais numéro d'un organisme partenaire",
         "occurredFrom": "2025-10-01", "occurredTo": "2025-10-02", "occurredApproximate": true,
         "learnedOn": "2025-10-05", "personsConcerned": 2, "personsApproximate": false,
         "riskAssessment": "Renseignements sensibles ; destinataire identifié et tenu au secret ; probabilité faible",
         "seriousInjuryRisk": true, "notices": {"commissionNotifiedOn": "2025-10-06", "publicNotice": false},
         "measures": "Document détruit par le destinataire, attestation reçue ; numéros vérifiés avant envoi"}
        """

    static func withOfficer() throws -> CLI {
        let cli = try CLI.initialized()
        try cli.enrol(officer, name: "Responsable Exemple", roles: "privacy-officer")
        try cli.enrol(clinician, name: "Intervenante Exemple", roles: "clinician")
        return cli
    }

    static func record(_ cli: CLI, _ input: String = incident, as actor: String = officer) throws -> CLIResult {
        try cli.run(["incident", "record", "--as", actor, "-"], input: input, env: asOfficer)
    }

    static func accessSize(_ cli: CLI) throws -> UInt64 {
        try #require(checkpointBody(try cli.checkpoint(access: true))).size
    }

    @Test("record, then list: the incident shows with its eight elements; the list is recorded in the access log first")
    func recordThenList() throws {
        let cli = try Self.withOfficer()
        let recorded = try Self.record(cli)
        try #require(recorded.status == 0, "\(recorded)")
        let result = try #require(try recorded.jsonLines().first)
        let id = try #require(result["id"]?.stringValue)
        #expect(result["seq"]?.intValue != nil)

        let before = try Self.accessSize(cli)
        let list = try cli.run(["incident", "list", "--as", Self.officer], env: Self.asOfficer)
        #expect(list.status == 0, "\(list)")
        #expect(try Self.accessSize(cli) == before + 1, "the read is recorded in the access log")
        let text = list.stdout
        for expected in [id, "1° Renseignements visés : identité, orientations — fiche de référence",
                         "2° Circonstances : Télécopie envoyée à un mauvais numéro",
                         "3° Date ou période de l'incident : du 2025-10-01 au 2025-10-02 (approximation)",
                         "4° Prise de connaissance : le 2025-10-05", "5° Personnes concernées : 2",
                         "6° Risque de préjudice sérieux : oui — Renseignements sensibles",
                         "7° Avis : au ministre pas encore transmis ; à la Commission d'accès à l'information transmis le 2025-10-06",
                         "8° Mesures prises : Document détruit"] {
            #expect(text.contains(expected), "missing «\(expected)» in:\n\(text)")
        }

        // The event is clear, in register/incidents, signed by the privacy officer.
        let events = try cli.events("register/incidents")
        #expect(events.count == 1)
        #expect(events.first?["type"] == "incident.recorded")
        #expect(events.first?["author"]?.stringValue == Self.officer)
        #expect(events.first?["data"]?["personsConcerned"] == 2)
        let records = try CLI.records(in: try cli.exportLog().appendingPathComponent("access.jsonl"))
        let read = try #require(records.compactMap { $0["envelope"]?["payload"]?["clear"] }.last { $0["view"] == "registers" })
        #expect(read["actor"]?.stringValue == Self.officer && read["purpose"] == "audit" && read["outcome"] == "permitted")
        #expect(try cli.verify().status == 0)
    }

    @Test("an update of the notices shows in the list, and in --json with the update folded")
    func updateNotices() throws {
        let cli = try Self.withOfficer()
        let recorded = try Self.record(cli)
        let id = try #require(try recorded.jsonLines().first?["id"]?.stringValue)
        let update = #"{"incident": "\#(id)", "notices": {"ministerNotifiedOn": "2025-10-06", "personsNotifiedOn": "2025-10-08"}, "#
            + #""measures": "Attestation de destruction reçue ; rappel de la procédure à l'équipe"}"#
        let updated = try cli.run(["incident", "update", "--as", Self.officer, "-"], input: update, env: Self.asOfficer)
        #expect(updated.status == 0, "\(updated)")
        #expect(try updated.jsonLines().first?["incident"]?.stringValue == id)

        let list = try cli.run(["incident", "list", "--as", Self.officer], env: Self.asOfficer)
        #expect(list.stdout.contains("au ministre transmis le 2025-10-06"), "\(list.stdout)")
        #expect(list.stdout.contains("aux personnes concernées transmis le 2025-10-08"), "\(list.stdout)")
        #expect(list.stdout.contains("8° Mesures prises : Attestation de destruction reçue"), "\(list.stdout)")
        #expect(list.stdout.contains("Mise à jour le"), "\(list.stdout)")

        let json = try cli.run(["incident", "list", "--as", Self.officer, "--json"], env: Self.asOfficer)
        let register = try #require(try json.jsonLines().first)
        let entry = try #require(register["incidents"]?.arrayValue?.first)
        #expect(entry["id"]?.stringValue == id)
        #expect(entry["incident"]?["notices"]?["personsNotifiedOn"] == "2025-10-08")
        #expect(entry["incident"]?["notices"]?["commissionNotifiedOn"] == "2025-10-06")
        #expect(entry["updates"]?.arrayValue?.first?["members"] == ["measures", "notices"])
        #expect(register["problems"] == [])
    }

    @Test("a clinician is refused: exit 2, nothing written to the log, the refusal recorded in the access log")
    func clinicianRefused() throws {
        let cli = try Self.withOfficer()
        try #require(try Self.record(cli).status == 0)
        let checkpoint = try cli.checkpoint()
        for arguments in [["incident", "list", "--as", Self.clinician], ["incident", "record", "--as", Self.clinician, "-"]] {
            let before = try Self.accessSize(cli)
            let refused = try cli.run(arguments, input: Self.incident, env: Self.asOfficer)
            #expect(refused.status == 2, "\(refused)")
            #expect(refused.stderr.contains("privacy-officer"), "\(refused.stderr)")
            #expect(!refused.stdout.contains("Télécopie"), "nothing is shown to a refused reader")
            #expect(try Self.accessSize(cli) == before + 1, "the refusal of \(arguments[1]) is recorded in the access log")
        }
        #expect(try cli.checkpoint() == checkpoint, "nothing was written to the event log")
        let records = try CLI.records(in: try cli.exportLog().appendingPathComponent("access.jsonl"))
        let denials = records.compactMap { $0["envelope"]?["payload"]?["clear"] }.filter { $0["outcome"] == "denied" }
        #expect(denials.count == 2)
        #expect(denials.allSatisfy { $0["actor"]?.stringValue == Self.clinician && $0["view"] == "registers" && $0["reason"] == "role not permitted" })
    }

    @Test("bad input names the field and writes nothing")
    func badInput() throws {
        let cli = try Self.withOfficer()
        let recorded = try Self.record(cli)
        let id = try #require(try recorded.jsonLines().first?["id"]?.stringValue)
        let checkpoint = try cli.checkpoint()
        let cases: [(String, String)] = [
            (Self.incident.replacingOccurrences(of: #""learnedOn": "2025-10-05""#, with: #""learnedOn": "2025-09-30""#), "learnedOn"),
            (Self.incident.replacingOccurrences(of: #""occurredFrom": "2025-10-01""#, with: #""occurredFrom": "2099-10-01""#), "occurredFrom"),
            (Self.incident.replacingOccurrences(of: #""occurredTo": "2025-10-02""#, with: #""occurredTo": "2/10/2026""#), "occurredTo"),
            (Self.incident.replacingOccurrences(of: #", "notices": {"commissionNotifiedOn": "2025-10-06", "publicNotice": false}"#, with: ""),
             "notices"),
            (Self.incident.replacingOccurrences(of: #""personsConcerned": 2"#, with: #""personsConcerned": -2"#), "personsConcerned"),
            (Self.incident.replacingOccurrences(of: #""categories": ["identity", "referrals"]"#, with: #""categories": ["adresse"]"#),
             "categories[0]"),
            ("[1, 2]", "input"),
        ]
        for (input, field) in cases {
            let refused = try Self.record(cli, input)
            #expect(refused.status == 2, "\(field): \(refused)")
            #expect(refused.stderr.contains("\(field):"), "expected the field \(field) in: \(refused.stderr)")
        }
        let updates: [(String, String)] = [
            (#"{"incident": "\#(id)", "notices": {"personsNotifiedOn": "2025-10-01"}}"#, "notices.personsNotifiedOn"),
            (#"{"incident": "\#(id)", "seriousInjuryRisk": false}"#, "notices"),
            (#"{"incident": "0b6c2f3e-6a52-4d1c-9d2a-5f3c1e2b7a90", "measures": "x"}"#, "incident"),
            (#"{"incident": "\#(id)"}"#, "incident"),
        ]
        for (input, field) in updates {
            let refused = try cli.run(["incident", "update", "--as", Self.officer, "-"], input: input, env: Self.asOfficer)
            #expect(refused.status == 2, "\(field): \(refused)")
            #expect(refused.stderr.contains("\(field):"), "expected the field \(field) in: \(refused.stderr)")
        }
        #expect(try cli.checkpoint() == checkpoint, "a refused input wrote nothing")
    }
}
