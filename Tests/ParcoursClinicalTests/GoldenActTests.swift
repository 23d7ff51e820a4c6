import Foundation
import Testing
import ParcoursClinical

/// One golden act per type (`Fixtures/golden/<type>.json`, in `parcours record`'s input
/// shape), also validated against `Schemas/` by `Tools/check-contract`.
@Suite("Golden acts")
struct GoldenActTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/golden")

    @Test("there is a golden act for every type, and each has the shape its type requires", arguments: ClinicalActType.allCases)
    func golden(type: ClinicalActType) throws {
        let file = Self.directory.appendingPathComponent("\(type.rawValue).json")
        let act = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        #expect(act["type"] as? String == type.rawValue)
        let data = try JSONSerialization.data(withJSONObject: try #require(act["data"]))
        try ClinicalRecorder.checkShape(type: type.rawValue, data: data)
    }

    @Test("a changed golden act is caught: an unknown member, a wrong vocabulary")
    func goldenGuards() throws {
        #expect(throws: ClinicalError.self) {
            try ClinicalRecorder.checkShape(type: "stage.assessed", data: Data(#"{"engagementStep":"crisis","wheelStage":"nowhere","importance":1,"confidence":1}"#.utf8))
        }
        #expect(throws: ClinicalError.self) {
            try ClinicalRecorder.checkShape(type: "session.held", data: Data(#"{"kind":"accompaniment","minutes":5,"processes":[],"techniques":[],"mood":"x"}"#.utf8))
        }
    }
}
