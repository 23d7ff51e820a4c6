import Foundation
@testable import ParcoursProjections
import Testing

@Suite("Aggregate research exports under differential privacy")
struct AggregateExportTests {
    static func export(_ fixture: ProjectionFixture, epsilon: Double) async throws -> (AggregateExport.Manifest, URL) {
        let directory = URL(fileURLWithPath: fixture.directory).appendingPathComponent("aggregate-\(UUID().uuidString)")
        let journeys = try await fixture.journeys()
        let manifest = try AggregateExport(project: "agregats", epsilon: epsilon, today: ResearchExportTests.today)
            .write(to: directory) { body in try journeys.forEach(body) }
        return (manifest, directory)
    }

    static func counts(_ directory: URL, _ name: String) throws -> [String: Int] {
        let lines = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8).split(separator: "\n").dropFirst()
        return Dictionary(uniqueKeysWithValues: lines.map { line in
            let fields = line.split(separator: ",").map(String.init)
            return (fields.dropLast().joined(separator: ","), Int(fields.last!)!)
        })
    }

    @Test("only noisy counts leave: every cell published, totals close to the truth at a large ε, no pseudonym")
    func counts() async throws {
        let fixture = try ProjectionFixture()
        for number in 1...30 { try ResearchExportTests.admit(fixture, "P-A\(String(format: "%05d", number))", age: 16 + number % 8) }
        let (manifest, directory) = try await Self.export(fixture, epsilon: 10)
        #expect(manifest.statement == "anonymized" && manifest.epsilon == 10)
        #expect(manifest.sensitivity["stages.csv"] == 1 && manifest.sensitivity["transitions.csv"] == 20)
        let stages = try Self.counts(directory, "stages.csv")
        #expect(stages.count == 9, "every stage is a cell, empty or not")
        #expect(abs(stages.values.reduce(0, +) - 30) <= 6)
        #expect(try Self.counts(directory, "transitions.csv").count == 56)
        let text = try FileManager.default.contentsOfDirectory(atPath: directory.path).map {
            try String(contentsOf: directory.appendingPathComponent($0), encoding: .utf8)
        }.joined()
        #expect(!text.contains("P-A") && !text.contains("Personne Fictive") && text.range(of: "R[0-9a-f]{20}", options: .regularExpression) == nil)
    }

    @Test("at a small ε the counts carry real noise: two exports differ")
    func noise() async throws {
        let fixture = try ProjectionFixture()
        for number in 1...10 { try ResearchExportTests.admit(fixture, "P-B\(String(format: "%05d", number))", age: 17) }
        let first = try Self.counts(try await Self.export(fixture, epsilon: 0.1).1, "transitions.csv")
        let second = try Self.counts(try await Self.export(fixture, epsilon: 0.1).1, "transitions.csv")
        #expect(first != second)
    }

    @Test("the noise is Laplace: centred, with mean absolute deviation equal to its scale")
    func laplace() {
        let draws = (0..<40_000).map { _ in LaplaceNoise.sample(scale: 2) }
        let mean = draws.reduce(0, +) / Double(draws.count)
        let deviation = draws.map(abs).reduce(0, +) / Double(draws.count)
        #expect(abs(mean) < 0.1)
        #expect(abs(deviation - 2) < 0.1)
    }
}
