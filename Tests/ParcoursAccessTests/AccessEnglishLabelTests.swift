import Foundation
import ParcoursAccess
import Testing

/// What the participant's report and the pages say of accesses, in English beside French:
/// every purpose, denial and role, none forgotten.
@Suite("Access words in English")
struct AccessEnglishLabelTests {
    static func expectLabels<Value>(_ values: [Value], _ english: (Value) -> String, _ french: (Value) -> String,
                                    sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!values.isEmpty, sourceLocation: sourceLocation)
        for value in values {
            #expect(!english(value).trimmingCharacters(in: .whitespaces).isEmpty, "\(value)", sourceLocation: sourceLocation)
            #expect(!french(value).isEmpty, "\(value)", sourceLocation: sourceLocation)
        }
        #expect(Set(values.map(english)).count == Set(values.map(french)).count, sourceLocation: sourceLocation)
    }

    @Test("purposes of an access") func purposes() { Self.expectLabels(AccessPurpose.allCases, \.englishLabel, \.frenchLabel) }
    @Test("roles") func roles() { Self.expectLabels(Role.allCases, \.englishLabel, \.frenchLabel) }

    @Test("denials: what the reader is told, never the raw value the access log records")
    func denials() {
        Self.expectLabels(AccessDecision.Denial.allCases, \.englishLabel, \.frenchLabel)
        for denial in AccessDecision.Denial.allCases {
            #expect(denial.englishLabel != denial.rawValue, "\(denial)")
        }
        #expect(AccessDecision.Denial.justificationTooShort.englishLabel.contains("20"))
    }
}
