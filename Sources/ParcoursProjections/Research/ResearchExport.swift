import Foundation
import ParcoursClinical
import ParcoursLog
import ParcoursFiles

/// A de-identified research export: who is in it (research consent in force, no
/// refusal, the holder of parental authority for a person under 14), pseudonyms keyed per
/// project, quasi-identifiers generalized to k-anonymity, dates as time since admission,
/// and a manifest that measures what it achieved on the files it wrote.
public struct ResearchExport: Sendable {
    public struct Options: Sendable {
        public var project: String
        public var k: Int
        /// Months since admission instead of days.
        public var months: Bool
        /// At most this fraction of eligible participants is suppressed before generalizing further.
        public var maxSuppressedFraction: Double

        public init(project: String, k: Int = 5, months: Bool = false, maxSuppressedFraction: Double = 0.05) {
            (self.project, self.k, self.months, self.maxSuppressedFraction) = (project, k, months, maxSuppressedFraction)
        }
    }

    static let sensitiveAttribute = "stageNow"
    static let outcomes = ["pending", "accepted", "declined", "completed", "no-show"]

    let options: Options
    /// The project's pseudonym key (`Store.researchKey`).
    let key: [UInt8]
    let today: String

    public init(options: Options, key: [UInt8], today: String) {
        (self.options, self.key, self.today) = (options, key, today)
    }

    /// Whether a journey may go to research today.
    public static func isEligible(_ journey: Journey, today: String) -> Bool { !consentedCategories(journey, today: today).isEmpty }

    /// The categories a research consent in force today lets research see: none without
    /// one, after a refusal of researchers, or for a person under 14 who consented alone.
    static func consentedCategories(_ journey: Journey, today: String) -> Set<InformationCategory> {
        guard !journey.researchRefused, let admission = journey.admission else { return [] }
        guard let consent = journey.consents.last(where: { $0.scope.kind == .research && $0.isInForce(on: today) }) else { return [] }
        if let born = try? ClinicalDate.day(admission.dateOfBirth, field: ""), let given = try? ClinicalDate.day(consent.on, field: ""),
           ClinicalDate.age(born: born, at: ClinicalDate.date(given)) < ConsentDecision.ageOfConsent, consent.decidedBy == .participant {
            return []
        }
        return Set(consent.categories).subtracting(consent.withdrawnCategories)
    }

    /// The pseudonym of a participant in this project.
    func pseudonym(_ participant: String) -> String {
        "R" + Sodium.hmacSHA256(key: key, Array(participant.utf8)).prefix(10).map { String(format: "%02x", $0) }.joined()
    }

    /// Writes the export's files into `directory` (which must not exist) and returns its manifest.
    public func write(_ journeys: [Journey], to directory: URL) throws -> ResearchManifest {
        try write(to: directory) { body in try journeys.forEach(body) }
    }

    /// The same, reading journeys one at a time from `journeys` (so only what research
    /// keeps of each stays in memory).
    public func write(to directory: URL, journeys: ((Journey) throws -> Void) throws -> Void) throws -> ResearchManifest {
        var subjects: [ResearchSubject] = []
        try journeys { journey in
            let consented = Self.consentedCategories(journey, today: today)
            if !consented.isEmpty, let subject = ResearchSubject(journey, pseudonym: pseudonym(journey.participant), consented: consented) {
                subjects.append(subject)
            }
        }
        subjects.sort { $0.pseudonym < $1.pseudonym }
        do { return try write(subjects, to: directory) } catch {
            // Nothing half-written stays behind.
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
    }

    func write(_ subjects: [ResearchSubject], to directory: URL) throws -> ResearchManifest {
        let outcome = KAnonymizer.anonymize(subjects, k: options.k, maxSuppressed: Int(Double(subjects.count) * options.maxSuppressedFraction))
        try PrivateFile.createDirectory(directory.path)
        var files: [String: String] = [:]
        func write(_ name: String, _ rows: [[String]]) throws {
            let text = rows.map { $0.map(Self.csvField).joined(separator: ",") }.joined(separator: "\n") + "\n"
            let bytes = Data(text.utf8)
            try PrivateFile.write(bytes, to: directory.appendingPathComponent(name).path)
            files[name] = Sodium.sha256(Array(bytes)).hex
        }
        let identifiers = QuasiIdentifier.allCases
        let referralColumns = Referral.ResourceKind.allKinds.flatMap { kind in Self.outcomes.map { "\(kind)/\($0)" } }
        var header: [String] = ["pseudonym"] + identifiers.map(\.rawValue)
        header += ["stageAtAdmission", Self.sensitiveAttribute, "stepNow", "relapsesMomentary", "relapsesProlonged"]
        header += referralColumns.map(Self.referralColumn)
        header += [options.months ? "monthsFollowed" : "daysFollowed", "followUpOpen"]
        let rows: [[String]] = outcome.kept.map { subject in
            let stages = subject.consented.contains(.stages), relapses = subject.consented.contains(.relapses)
            let referrals = subject.consented.contains(.referrals)
            var row: [String] = [subject.pseudonym] + identifiers.map { $0.value(subject, level: outcome.levels[$0] ?? 0) }
            row += stages ? [subject.stageAtAdmission?.rawValue ?? "", subject.stageNow?.rawValue ?? "not-assessed", subject.stepNow?.rawValue ?? ""]
                          : ["", "not-consented", ""]
            row += relapses ? [String(subject.relapsesMomentary), String(subject.relapsesProlonged)] : ["", ""]
            row += referralColumns.map { referrals ? String(subject.referrals[$0] ?? 0) : "" }
            row += [String(time(subject.daysFollowed)), subject.followUpOpen ? "true" : "false"]
            return row
        }
        try write("participants.csv", [header] + rows)
        try write("episodes.csv", [["pseudonym", "stage", options.months ? "startMonth" : "startDay", options.months ? "lengthMonths" : "lengthDays"]]
                  + outcome.kept.filter { $0.consented.contains(.stages) }.flatMap { subject in
                      subject.episodes.map { [subject.pseudonym, $0.stage.rawValue, String(time($0.startDay)), $0.lengthDays.map { String(time($0)) } ?? ""] }
                  })
        var transitions: [String: Int] = [:]
        for subject in outcome.kept where subject.consented.contains(.stages) { for step in subject.transitions { transitions["\(step.from.rawValue),\(step.to.rawValue)", default: 0] += 1 } }
        try write("transitions.csv", [["from", "to", "count"]] + transitions.sorted { $0.key < $1.key }.map { entry in
            entry.key.split(separator: ",").map(String.init) + [String(entry.value)]
        })
        try writeJSON(ResearchDictionary.make(months: options.months, referralColumns: referralColumns), "dictionary.json", in: directory, files: &files)
        let achieved = try Self.measure(directory.appendingPathComponent("participants.csv"))
        let manifest = ResearchManifest(
            parameters: .init(project: options.project, k: options.k, timeUnit: options.months ? "months since admission" : "days since admission",
                              maxSuppressedFraction: options.maxSuppressedFraction, exportedOn: today),
            quasiIdentifiers: identifiers.map(\.rawValue),
            generalization: Dictionary(uniqueKeysWithValues: outcome.levels.map { ($0.key.rawValue, $0.value) }),
            sensitiveAttributes: [Self.sensitiveAttribute], eligible: subjects.count, exported: outcome.kept.count, suppressed: outcome.suppressed,
            achieved: achieved, files: files,
            statement: "de-identified",
            reason: (outcome.kept.isEmpty
                ? "No participant could be exported with k = \(options.k): every one was suppressed. "
                : "No direct identifier leaves the store and the quasi-identifiers are \(achieved.k)-anonymous (measured on participants.csv), ")
                + "but each participant keeps one pseudonym across the three files and the episodes keep each path's shape: "
                + "with other information a person could still be re-identified, so this is de-identified information "
                + "(still personal information), not anonymized information. Cells a participant's research consent does not cover are empty.")
        var manifestFiles = files
        try writeJSON(manifest, "manifest.json", in: directory, files: &manifestFiles)
        return manifest
    }

    func time(_ days: Int) -> Int { options.months ? days / 30 : days }

    func writeJSON(_ value: some Encodable, _ name: String, in directory: URL, files: inout [String: String]) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let bytes = try encoder.encode(value) + Data("\n".utf8)
        try PrivateFile.write(bytes, to: directory.appendingPathComponent(name).path)
        files[name] = Sodium.sha256(Array(bytes)).hex
    }

    /// k and l measured on the written participants.csv, from its columns only.
    static func measure(_ file: URL) throws -> ResearchManifest.Achieved {
        let rows = try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        guard let header = rows.first else { return .init(k: 0, l: 0, equivalenceClasses: 0) }
        let columns = QuasiIdentifier.allCases.compactMap { header.firstIndex(of: $0.rawValue) }
        guard let sensitive = header.firstIndex(of: sensitiveAttribute) else { return .init(k: 0, l: 0, equivalenceClasses: 0) }
        var classes: [[String]: [String]] = [:]
        for row in rows.dropFirst() { classes[columns.map { row[$0] }, default: []].append(row[sensitive]) }
        return .init(k: classes.values.map(\.count).min() ?? 0, l: classes.values.map { Set($0).count }.min() ?? 0,
                     equivalenceClasses: classes.count)
    }

    /// A referral count's column: letters, digits and underscores only, for R, Stata and SAS.
    static func referralColumn(_ kindAndOutcome: String) -> String {
        "referrals_" + kindAndOutcome.replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "-", with: "_")
    }

    static func csvField(_ value: String) -> String {
        value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
    }
}

extension Referral.ResourceKind {
    static let allKinds = ["medical-clinic", "addiction-follow-up", "psychological-support", "housing", "legal-aid", "school", "employment", "partner", "other"]
}
