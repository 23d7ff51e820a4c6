import Foundation
import Testing
@testable import ParcoursClinical

/// What every refusal must carry besides its English: a French reason, not empty, not
/// the English left as it was. The rules' tests route their refusals through here.
enum FrenchReasons {
    static func expectFrench(_ error: ClinicalError, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!error.frenchReason.trimmingCharacters(in: .whitespaces).isEmpty, "\(error)", sourceLocation: sourceLocation)
        if error.reason.contains(where: \.isLetter) {
            #expect(error.frenchReason != error.reason, "not translated: \(error)", sourceLocation: sourceLocation)
        }
    }

    /// Runs `body`; a refusal it throws is checked for its French, then thrown on.
    static func checked<T>(sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> T) rethrows -> T {
        do { return try body() } catch let error as ClinicalError {
            expectFrench(error, sourceLocation: sourceLocation)
            throw error
        }
    }
}
