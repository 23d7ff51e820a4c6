import Foundation
import HTTPTypes
import Hummingbird
import ParcoursAccess
import ParcoursApp
import ParcoursClinical
import ParcoursLog
import ParcoursProjections

/// An error of the JSON API as RFC 9457 problem details (`application/problem+json`): a type
/// URI of our own per kind, a title, the status, a detail in the language asked for (French
/// first), and — when one field is at fault — its name, as the pages show it beside the field.
/// Never a record's content, never the error's own text when it could name other things.
struct APIProblem: Error, Sendable {
    var status: HTTPResponse.Status
    var kind: String
    var detail: Wording
    var field: String?
    /// Why the policy refused a read (`AccessDecision.Denial`'s raw value), so a client says it in its own words.
    var denial: AccessDecision.Denial?
    /// Seconds before asking again (`Retry-After`), for a 429.
    var retryAfter = 1

    static let unauthorized = APIProblem(status: .unauthorized, kind: "unauthorized",
                                         detail: Wording("Une session est nécessaire : POST /api/v1/sessions, puis Authorization: Bearer.",
                                                         en: "A session is needed: POST /api/v1/sessions, then Authorization: Bearer."))
    static let signInFailed = APIProblem(status: .unauthorized, kind: "sign-in-failed",
                                         detail: Wording("Identifiant, phrase de passe ou code incorrect.", en: "Wrong id, passphrase or code."))
    static let noSecondFactor = APIProblem(status: .forbidden, kind: "second-factor-not-set-up",
                                           detail: Wording("Configurez d'abord votre second facteur en vous connectant par les pages.",
                                                           en: "Set up your second factor first, by signing in through the pages."))
    static let tooMany = APIProblem(status: .tooManyRequests, kind: "rate-limited",
                                    detail: Wording("Trop de requêtes pour cette session ; réessayez dans une seconde.",
                                                    en: "Too many requests for this session; try again in a second."))
    static let notFound = APIProblem(status: .notFound, kind: "not-found", detail: Wording("Rien à cette adresse.", en: "Nothing at this address."))
    static let methodNotAllowed = APIProblem(status: .methodNotAllowed, kind: "method-not-allowed",
                                             detail: Wording("Cette adresse ne prend pas cette méthode ; voyez l'en-tête Allow.",
                                                             en: "This address does not take this method; see the Allow header."))

    /// Sign-in attempts for this id wait their turn after failures: ask again in `seconds`.
    static func signInThrottled(_ wait: Duration) -> APIProblem {
        var problem = APIProblem(status: .tooManyRequests, kind: "sign-in-throttled",
                                 detail: Wording("Trop d'essais pour cet identifiant ; réessayez après le délai indiqué par Retry-After.",
                                                 en: "Too many attempts for this id; try again after the delay Retry-After gives."))
        problem.retryAfter = max(1, Int(wait.components.seconds) + (wait.components.attoseconds > 0 ? 1 : 0))
        return problem
    }

    static func invalid(_ field: String, _ reason: String, fr: String? = nil) -> APIProblem {
        APIProblem(status: .badRequest, kind: "invalid-input", detail: Wording(fr ?? reason, en: reason), field: field)
    }

    /// The problem an error of a use case is; anything unforeseen is a 503 that says nothing more.
    static func of(_ error: any Error) -> APIProblem {
        switch error {
        case let problem as APIProblem: return problem
        case let error as any HTTPResponseError where error.status == .contentTooLarge:
            return APIProblem(status: .contentTooLarge, kind: "too-large",
                              detail: Wording("Le corps de la requête dépasse la taille permise.", en: "The request's body is larger than allowed."),
                              field: "body")
        case let denied as ConsentAwareReader.Denied:
            let reason = denied.decision.denial
            return APIProblem(status: .forbidden, kind: "denied",
                              detail: Wording("Accès refusé : \(reason.map { VocabularyLabel.label($0, in: .fr) } ?? "refusé par la politique d'accès"). Le refus est inscrit au journal des accès.",
                                              en: "Access refused: \(reason.map { VocabularyLabel.label($0, in: .en) } ?? "refused by the access policy"). The refusal is recorded in the access log."),
                              denial: reason)
        case ProjectionError.unknownParticipant:
            return APIProblem(status: .notFound, kind: "unknown-participant",
                              detail: Wording("Aucun dossier sous cet identifiant.", en: "No record under this id."), field: "participant")
        case ProjectionError.erased(_, let day, _):
            return APIProblem(status: .gone, kind: "erased", detail: Wording("Ce dossier a été effacé le \(day).", en: "This record was erased on \(day)."))
        case AppError.invalidInput(let field, let reason), LogError.invalidInput(let field, let reason):
            return invalid(field, reason)
        case let refused as ClinicalError:
            return invalid(refused.field, refused.reason, fr: refused.frenchReason)
        case LogError.inBatch(_, let inner):
            return of(inner)
        case LogError.outOfRange(let field, let reason):
            return invalid(field, reason)
        case LogError.notPermitted:
            return APIProblem(status: .forbidden, kind: "denied", detail: Wording("Accès refusé par la politique d'accès.", en: "Refused by the access policy."))
        case LogError.unknownActor:
            return APIProblem(status: .notFound, kind: "unknown-actor", detail: Wording("Aucune personne sous cet identifiant.", en: "No one under this id."),
                              field: "actor")
        case let error as LogError where error.contradictsTheRecord:
            return APIProblem(status: .conflict, kind: "conflict",
                              detail: Wording("Refusé : cela contredirait ce qui est déjà inscrit (une personne révoquée, le dernier administrateur, un rôle qu'on se donnerait soi-même, un identifiant déjà pris…). Rien n'a été écrit.",
                                              en: "Refused: it would contradict what is already recorded (a revoked person, the last administrator, a role one would give oneself, an id already taken…). Nothing was written."))
        case LogError.payloadTooLarge:
            return APIProblem(status: .contentTooLarge, kind: "too-large",
                              detail: Wording("Le corps de la requête dépasse la taille permise.", en: "The request's body is larger than allowed."), field: "body")
        case AppError.identityNotProven:
            return unauthorized
        case let refused as ActRefused:
            return APIProblem(status: .unprocessableContent, kind: "act-refused", detail: Wording(refused.frenchReason, en: refused.reason),
                              field: refused.field)
        default:
            WebFailure.logUnavailable(error)
            return APIProblem(status: .serviceUnavailable, kind: "unavailable",
                              detail: Wording("Le service ne peut pas répondre maintenant ; rien n'a été écrit.",
                                              en: "The service cannot answer now; nothing was written."))
        }
    }

    /// The answer, in `language`.
    func response(in language: Language) -> Response {
        var body: JSONValue = ["type": .string("https://parcours.example/problems/\(kind)"), "title": .string(status.reasonPhrase),
                               "status": .int(Int64(status.code)), "detail": .string(detail(language))]
        if case .object(var members) = body {
            if let field { members["field"] = .string(field) }
            if let denial { members["denial"] = .string(denial.rawValue) }
            body = .object(members)
        }
        var headers: HTTPFields = [.contentType: "application/problem+json", .contentLanguage: language.rawValue]
        if status == .unauthorized { headers[.wwwAuthenticate] = "Bearer" }
        if status == .tooManyRequests { headers[.retryAfter] = String(retryAfter) }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: CanonicalJSON.string(body))))
    }
}
