import Foundation
import ParcoursClinical
import ParcoursLog
import ParcoursFiles

/// An aggregate-only research export under ε-differential privacy: counts of current
/// stages, of stage transitions and of relapses among the participants a research export
/// may include, each with Laplace noise; no row per person, no pseudonym.
public struct AggregateExport: Sendable {
    /// The most transitions and relapses one participant adds to the counts (clipping
    /// bounds the sensitivity).
    public static let transitionsPerParticipant = 20
    public static let relapsesPerParticipant = 5

    /// The manifest of an aggregate export.
    public struct Manifest: Codable, Sendable, Equatable {
        public var format = "parcours-research-aggregate/1"
        public var project: String
        public var exportedOn: String
        public var epsilon: Double
        /// How ε is spent: one third on each table (sequential composition).
        public var epsilonPerTable: [String: Double]
        /// The L1 sensitivity of each table: what one participant can change.
        public var sensitivity: [String: Double]
        public var mechanism: String
        public var files: [String: String]
        public var statement: String
        public var reason: String
    }

    let project: String
    let epsilon: Double
    let today: String

    public init(project: String, epsilon: Double, today: String) {
        (self.project, self.epsilon, self.today) = (project, epsilon, today)
    }

    /// Writes stages.csv, transitions.csv, relapses.csv and manifest.json into `directory` (which must not exist).
    public func write(to directory: URL, journeys: ((Journey) throws -> Void) throws -> Void) throws -> Manifest {
        var stages: [String: Int] = Dictionary(uniqueKeysWithValues: (WheelStage.allCases.map(\.rawValue) + ["not-assessed"]).map { ($0, 0) })
        var transitions: [String: Int] = [:]
        for from in WheelStage.allCases { for to in WheelStage.allCases where from != to { transitions["\(from.rawValue),\(to.rawValue)"] = 0 } }
        var relapses = ["momentary": 0, "prolonged": 0]
        try journeys { journey in
            guard ResearchExport.isEligible(journey, today: today) else { return }
            stages[journey.stage?.wheelStage.rawValue ?? "not-assessed", default: 0] += 1
            for transition in journey.transitions.prefix(Self.transitionsPerParticipant) {
                transitions["\(transition.from.rawValue),\(transition.to.rawValue)", default: 0] += 1
            }
            for relapse in journey.relapses.prefix(Self.relapsesPerParticipant) { relapses[relapse.kind.rawValue, default: 0] += 1 }
        }
        let share = epsilon / 3
        let sensitivity = ["stages.csv": 1.0, "transitions.csv": Double(Self.transitionsPerParticipant),
                           "relapses.csv": Double(Self.relapsesPerParticipant)]
        try PrivateFile.createDirectory(directory.path)
        var files: [String: String] = [:]
        func table(_ name: String, _ header: [String], _ counts: [String: Int]) throws {
            let rows = counts.sorted { $0.key < $1.key }.map { key, count in
                key.split(separator: ",").map(String.init) + [String(LaplaceNoise.noisy(count, sensitivity: sensitivity[name]!, epsilon: share))]
            }
            let bytes = Data(([header] + rows).map { $0.joined(separator: ",") }.joined(separator: "\n").appending("\n").utf8)
            try PrivateFile.write(bytes, to: directory.appendingPathComponent(name).path)
            files[name] = Sodium.sha256(Array(bytes)).hex
        }
        try table("stages.csv", ["stageNow", "noisyCount"], stages)
        try table("transitions.csv", ["from", "to", "noisyCount"], transitions)
        try table("relapses.csv", ["kind", "noisyCount"], relapses)
        let manifest = Manifest(
            project: project, exportedOn: today, epsilon: epsilon, epsilonPerTable: Dictionary(uniqueKeysWithValues: sensitivity.keys.map { ($0, share) }),
            sensitivity: sensitivity, mechanism: "Laplace noise of scale sensitivity/ε per cell, drawn from libsodium's random bytes, "
                + "rounded and clamped at 0; each participant's transitions clipped to \(Self.transitionsPerParticipant) and relapses to \(Self.relapsesPerParticipant); "
                + "every cell is published, empty or not; textbook floating-point sampling (not the snapping mechanism)",
            files: files, statement: "anonymized",
            reason: "Only counts leave, every one with noise calibrated so that adding or removing any one participant changes the "
                + "probability of any output by at most a factor e^\(epsilon): no row, pseudonym or date refers to a person. "
                + "This holds for this export alone; repeated exports of the same people spend more privacy budget.")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        try PrivateFile.write(try encoder.encode(manifest) + Data("\n".utf8), to: directory.appendingPathComponent("manifest.json").path)
        return manifest
    }
}
