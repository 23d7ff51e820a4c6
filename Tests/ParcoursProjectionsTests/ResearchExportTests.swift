import Foundation
import ParcoursClinical
import ParcoursLog
import ParcoursProjections
import ParcoursSQLite
import Testing

@Suite("De-identified research exports")
struct ResearchExportTests {
    static let today = "2026-11-23"

    /// An admitted participant of `age` on 2026-01-05, with a research consent unless told otherwise.
    static func admit(_ fixture: ProjectionFixture, _ participant: String, age: Int, gender: String = "woman",
                      organization: String = "CODIM", research: Bool = true, note: String = "note fictive") throws {
        let enrolment: [String: JSONValue] = [
            "identity": ["name": .string("Personne Fictive \(participant)"), "dateOfBirth": .string("\(2025 - age)-06-01"),
                         "contact": .string("514-555-\(participant.suffix(4))")],
            "genderIdentity": .string(gender), "preferredLanguage": "fr", "referringOrganization": .string(organization),
            "voluntary": true, "recognizesHarms": true, "notes": .string(note),
        ]
        try fixture.record("participant.enrolled", participant, at: "2026-01-05T10:00:00.000Z", enrolment)
        try fixture.record("stage.assessed", participant, at: "2026-01-12T10:00:00.000Z",
                           ["engagementStep": "crisis", "wheelStage": "contemplation", "importance": 5, "confidence": 4, "personSaid": .string(note)])
        if research {
            try fixture.record("consent.given", participant, at: "2026-01-12T11:00:00.000Z", [
                "scope": ["kind": "research"], "categories": ["stages", "relapses"],
                "decidedBy": .string(age < 14 ? "parental-authority" : "participant"),
            ])
        }
    }

    static func export(_ fixture: ProjectionFixture, project: String, k: Int = 5) async throws -> (ResearchManifest, URL) {
        let journeys = try await fixture.journeys()
        let key = try fixture.store.researchKey(project: project, master: fixture.master)
        let directory = URL(fileURLWithPath: fixture.directory).appendingPathComponent("export-\(project)-\(UUID().uuidString)")
        let manifest = try ResearchExport(options: .init(project: project, k: k), key: key, today: today).write(journeys, to: directory)
        return (manifest, directory)
    }

    /// The rows of a CSV file, split on commas (the export quotes none of these fields).
    static func rows(_ directory: URL, _ name: String) throws -> [[String: String]] {
        let lines = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8).split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(lines[0], $0)) }
    }

    @Test("k is measured here, apart from the code that enforced it, and holds on the generated store")
    func kHolds() async throws {
        let fixture = try ProjectionFixture()
        try fixture.store.append(ProjectionFixture.generated(participants: 150, seed: 11), by: fixture.clinician, master: fixture.master)
        let (manifest, directory) = try await Self.export(fixture, project: "trajectoires")
        let rows = try Self.rows(directory, "participants.csv")
        #expect(rows.count == manifest.exported && manifest.exported > 0)
        var classes: [String: Int] = [:]
        for row in rows { classes[["ageBand", "genderGroup", "referringKind", "region"].map { row[$0]! }.joined(separator: "|"), default: 0] += 1 }
        #expect(classes.values.min()! >= 5)
        #expect(manifest.achieved.k == classes.values.min()!)
        #expect(manifest.eligible == manifest.exported + manifest.suppressed)
        #expect(manifest.statement == "de-identified")
        for (name, hash) in manifest.files {
            #expect(Sodium.sha256(Array(try Data(contentsOf: directory.appendingPathComponent(name)))).hex == hash, "\(name)")
        }
    }

    @Test("no name, contact, birth date, note, clinician or participant id, nor organization name appears in any file")
    func noIdentifier() async throws {
        let fixture = try ProjectionFixture()
        try fixture.store.append(ProjectionFixture.generated(participants: 120, seed: 12), by: fixture.clinician, master: fixture.master)
        let (_, directory) = try await Self.export(fixture, project: "trajectoires", k: 2)
        var exported = Data()
        for file in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
            exported.append(try Data(contentsOf: directory.appendingPathComponent(file)))
        }
        var secrets: Set<String> = ["clin-0001"]
        for journey in try await fixture.journeys() {
            secrets.insert(journey.participant)
            if let admission = journey.admission {
                secrets.formUnion([admission.name, admission.dateOfBirth, admission.referringOrganization] + [admission.contact].compactMap { $0 })
            }
            secrets.formUnion(journey.relapses.flatMap { $0.factors.map(\.description) + [$0.whatHelped].compactMap { $0 } })
            secrets.formUnion(journey.referrals.flatMap { [$0.reason, $0.to.name] })
            secrets.formUnion(journey.disclosures.flatMap { [$0.disclosure.justification, $0.disclosure.recipient] })
            secrets.formUnion(journey.timeline.map(\.id))
        }
        secrets = secrets.filter { $0.count >= 4 }
        #expect(secrets.count > 100)
        for secret in secrets { #expect(exported.range(of: Data(secret.utf8)) == nil, "\(secret) leaked") }
    }

    @Test("two projects' pseudonyms cannot be joined; one project's are stable")
    func unlinkable() async throws {
        let fixture = try ProjectionFixture()
        try fixture.store.append(ProjectionFixture.generated(participants: 120, seed: 13), by: fixture.clinician, master: fixture.master)
        let first = Set(try Self.rows(try await Self.export(fixture, project: "projet-a", k: 2).1, "participants.csv").map { $0["pseudonym"]! })
        let again = Set(try Self.rows(try await Self.export(fixture, project: "projet-a", k: 2).1, "participants.csv").map { $0["pseudonym"]! })
        let other = Set(try Self.rows(try await Self.export(fixture, project: "projet-b", k: 2).1, "participants.csv").map { $0["pseudonym"]! })
        #expect(!first.isEmpty && first == again)
        #expect(first.isDisjoint(with: other))
    }

    @Test("when every participant is unique on the quasi-identifiers, --k 5 generalizes and suppresses until it holds")
    func allUnique() async throws {
        let fixture = try ProjectionFixture()
        let genders = ["woman", "man", "trans woman", "non-binary"], organizations = ["CODIM", "CCSMTL", "SPVM — Les Survivantes", "École Exemple"]
        var number = 0
        for (index, age) in [13, 16, 19, 22].enumerated() {
            for gender in genders {
                number += 1
                try Self.admit(fixture, "P-U\(String(format: "%05d", number))", age: age, gender: gender, organization: organizations[index])
            }
        }
        let (manifest, directory) = try await Self.export(fixture, project: "unique")
        #expect(manifest.eligible == 16)
        #expect(manifest.exported + manifest.suppressed == 16)
        #expect(manifest.generalization.values.reduce(0, +) > 0, "something was generalized")
        let rows = try Self.rows(directory, "participants.csv")
        var classes: [String: Int] = [:]
        for row in rows { classes[["ageBand", "genderGroup", "referringKind", "region"].map { row[$0]! }.joined(separator: "|"), default: 0] += 1 }
        #expect(rows.isEmpty || classes.values.min()! >= 5)
    }

    @Test("a withdrawn research consent takes the participant out of the next export; under 14 needs parental authority")
    func withdrawal() async throws {
        let fixture = try ProjectionFixture()
        for number in 1...6 { try Self.admit(fixture, "P-W0000\(number)", age: 16) }
        let (before, first) = try await Self.export(fixture, project: "retrait")
        #expect(before.exported == 6)
        // The consent covers stages and relapses, not referrals: those cells stay empty.
        let row = try #require(try Self.rows(first, "participants.csv").first)
        #expect(row["relapsesMomentary"] == "0" && row["stageNow"] == "contemplation")
        #expect(row["referrals_housing_completed"] == "", "referrals are not covered by this consent")
        try fixture.record("consent.withdrawn", "P-W00001", at: "2026-02-01T10:00:00.000Z",
                           ["scope": ["kind": "research"], "categories": ["stages", "relapses"], "decidedBy": "participant"])
        let (after, second) = try await Self.export(fixture, project: "retrait")
        #expect(after.eligible == 5)
        let kept = Set(try Self.rows(second, "participants.csv").map { $0["pseudonym"]! })
        let removed = Set(try Self.rows(first, "participants.csv").map { $0["pseudonym"]! }).subtracting(kept)
        #expect(removed.count == 1)
        var journey = try await fixture.reader.journey(of: "P-W00002")
        #expect(ResearchExport.isEligible(journey, today: Self.today))
        journey.admission?.dateOfBirth = "2013-01-01"
        #expect(!ResearchExport.isEligible(journey, today: Self.today), "a person under 14 who consented alone is not exported")
    }
}
