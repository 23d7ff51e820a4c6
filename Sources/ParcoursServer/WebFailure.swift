import HTTPTypes
import Hummingbird
import Logging
import ParcoursAccess
import ParcoursApp
import ParcoursProjections

/// What the web application refuses on its own, before any use case.
enum WebFailure: Error {
    /// A POST that did not come from the server's own pages (another site, or no valid token).
    case crossSite
    /// No such page.
    case notFound
}

extension WebFailure {
    /// The server's log: one line for each answer that could not be put in words, saying what
    /// kind of failure it was (`OperatorSummary`) and nothing of the request.
    static let logger = Logger(label: "parcours.web")

    /// Logs the kind of a failure answered by a 503, for whoever runs the server.
    static func logUnavailable(_ error: any Error) {
        logger.error("answered 503 service unavailable: \(OperatorSummary.of(error))")
    }

    /// Every error a route meets, as the answer a person sees: the status and words in one
    /// place. Nothing of the error's own text is shown (it may name things the reader may not
    /// see); what cannot be put in words is a 503, and nothing was shown (fail closed).
    static func response(for error: any Error, session: WebSession?, language: Language? = nil) -> Response {
        let language = language ?? session?.language ?? .fr, words = Catalogue.problem
        func say(_ status: HTTPResponse.Status, _ heading: String, _ message: String) -> Response {
            WebPages.problem(status, heading: words[heading]!(language), message: message, session: session, language: language)
        }
        switch error {
        case WebFailure.crossSite:
            return say(.forbidden, "crossSiteHeading", words["crossSite"]!(language))
        case WebFailure.notFound:
            return say(.notFound, "notFoundHeading", words["notFound"]!(language))
        case let denied as ConsentAwareReader.Denied:
            let reason = denied.decision.denial.map { VocabularyLabel.label($0, in: language) } ?? words["deniedDefault"]!(language)
            return say(.forbidden, "deniedHeading", "\(words["denied"]!(language)) \(reason). \(words["deniedRecorded"]!(language))")
        case ProjectionError.unknownParticipant:
            return say(.notFound, "unknownHeading", words["unknown"]!(language))
        case ProjectionError.erased(_, let day, let reason):
            return say(.gone, "erasedHeading", "\(words["erased"]!(language)) \(day) (\(words["erasedReason"]!(language)) \(reason)).")
        case AppError.invalidInput(let field, let reason):
            return say(.badRequest, "invalidHeading", field + Catalogue.colon(language) + reason)
        case let error as any HTTPResponseError where error.status == .contentTooLarge:
            // Hummingbird's body limit: what was sent is larger than any form of Parcours, nothing was read.
            return say(.contentTooLarge, "tooLargeHeading", words["tooLarge"]!(language))
        default:
            logUnavailable(error)
            return say(.serviceUnavailable, "unavailableHeading", words["unavailable"]!(language))
        }
    }
}
