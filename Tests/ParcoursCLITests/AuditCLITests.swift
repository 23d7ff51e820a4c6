import Foundation
import ParcoursLog
import Testing

/// The privacy officer's audits and the participant's report, each a read recorded first.
@Suite("Audits and the participant's report")
struct AuditCLITests {
    static let asEnrolled: [String: String?] = ["PARCOURS_PASSPHRASE": CLI.newPassphrase]
    static let officer = "rprp-exemple"

    static func setUp() throws -> (CLI, String) {
        let (cli, participant) = try ProjectionCLITests.followed()
        try cli.enrol(officer, name: "Responsable Exemple", roles: "privacy-officer")
        try AccessPolicyCLITests.enrol(cli, "clin-autre", roles: "clinician", organization: "Organisme Exemple")
        _ = try AccessPolicyCLITests.journey(cli, participant, as: "clin-autre")
        _ = try AccessPolicyCLITests.journey(cli, participant, as: "clin-autre", ["--break-glass", AccessPolicyCLITests.justification])
        return (cli, participant)
    }

    @Test("audit access lists who read whom, filtered by participant and actor; the audit itself is recorded first")
    func access() throws {
        let (cli, participant) = try Self.setUp()
        let listed = try cli.run(["audit", "access", "--as", Self.officer, "--participant", participant, "--actor", "clin-autre", "--json"],
                                 env: Self.asEnrolled)
        #expect(listed.status == 0, "\(listed)")
        let records = try listed.jsonLines().compactMap { $0["record"] }
        #expect(records.map { $0["outcome"] } == ["denied", "permitted"])
        #expect(records.last?["review"] == true)
        let text = try cli.run(["audit", "access", "--as", Self.officer], env: Self.asEnrolled)
        #expect(text.stdout.contains("À REVOIR (bris de glace)"))
        #expect(text.lines.last?.contains("access-log") == true, "the audit's own read is in what it lists")
        let refused = try cli.run(["audit", "access", "--as", RecordTests.clinician], env: Self.asEnrolled)
        #expect(refused.status == 2 && refused.stdout.isEmpty && refused.stderr.contains("role not permitted"))
        let bad = try cli.run(["audit", "access", "--as", Self.officer, "--from", "2026-02-30"], env: Self.asEnrolled)
        #expect(bad.status == 2 && bad.stderr.contains("--from"))
    }

    @Test("audit anomalies raises the break-glass read and the read outside the care team")
    func anomalies() throws {
        let (cli, participant) = try Self.setUp()
        let found = try cli.run(["audit", "anomalies", "--as", Self.officer, "--json"], env: Self.asEnrolled)
        #expect(found.status == 0, "\(found)")
        let kinds = try found.jsonLines().map { $0["kind"]?.stringValue }
        #expect(kinds.contains("outside-care-team") && kinds.contains("break-glass"))
        #expect(try found.jsonLines().allSatisfy { $0["participant"] == nil || $0["participant"] == .string(participant) })
    }

    @Test("the register of communications lists referrals and legal disclosures with their purpose")
    func communications() throws {
        let (cli, participant) = try Self.setUp()
        let disclosure = RecordTests.act("disclosure.legal", participant: participant, at: "2026-11-22T08:00:00.000Z", [
            "legalBasis": "youth-protection-act-s39", "recipient": "Direction de la protection de la jeunesse", "categories": ["identity", "safety"],
            "disclosedAt": "2026-11-22T08:00:00.000Z", "participantTold": true, "participantToldAt": "2026-11-22T09:00:00.000Z",
            "justification": "motifs raisonnables (données fictives)",
        ])
        try #require(try RecordTests.record(cli, disclosure).status == 0)
        let register = try cli.run(["audit", "communications", "--as", Self.officer, "--json"], env: Self.asEnrolled)
        #expect(register.status == 0, "\(register)")
        let entries = try register.jsonLines()
        #expect(entries.map { $0["kind"]?.stringValue } == ["referral", "legal-disclosure"])
        #expect(entries.last?["purpose"] == "legal obligation: youth-protection-act-s39")
    }

    @Test("the participant's report holds her record, the legal disclosures and every access, itself included")
    func participantReport() throws {
        let (cli, participant) = try Self.setUp()
        let out = cli.path("rapport.txt")
        let written = try cli.run(["participant-report", participant, "--as", Self.officer, "--out", out], env: Self.asEnrolled)
        #expect(written.status == 0, "\(written)")
        let report = try String(contentsOfFile: out, encoding: .utf8)
        #expect(report.contains("Votre dossier au programme SPHÈRES"))
        #expect(report.contains("Divulgations en vertu d'une obligation légale"))
        #expect(report.contains("Personne Fictive"))
        #expect(report.contains("accès d'urgence justifié") && report.contains(AccessPolicyCLITests.justification))
        #expect(report.contains("votre demande"), "the report's own access is listed")
        // Spoken to the person: views in words, never their codes.
        #expect(report.contains("rapport remis à la personne · votre demande") && !report.contains("participant-report"))
        let mode = try FileManager.default.attributesOfItem(atPath: out)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let again = try cli.run(["participant-report", participant, "--as", Self.officer, "--out", out], env: Self.asEnrolled)
        #expect(again.status == 2 && again.stderr.contains("--out"))
    }
}
