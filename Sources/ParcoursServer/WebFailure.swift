import HTTPTypes
import Hummingbird
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
    /// Every error a route meets, as the answer a person sees: the status and words in one
    /// place. Nothing of the error's own text is shown (it may name things the reader may not
    /// see); what cannot be put in words is a 503, and nothing was shown (fail closed).
    static func response(for error: any Error, session: WebSession?, language: Language? = nil) -> Response {
        switch error {
        case WebFailure.crossSite:
            return WebPages.problem(.forbidden, heading: "Requête refusée",
                                   message: "Cette demande ne vient pas d'une page de Parcours ouverte dans votre session. Rien n'a été modifié.",
                                   session: session, language: language)
        case WebFailure.notFound:
            return WebPages.problem(.notFound, heading: "Page introuvable", message: "Cette adresse ne mène à aucune page de Parcours.", session: session, language: language)
        case let denied as ConsentAwareReader.Denied:
            let reason = denied.decision.denial?.frenchLabel ?? "accès non permis"
            return WebPages.problem(.forbidden, heading: "Accès refusé",
                                   message: "Accès refusé — \(reason). Ce refus est inscrit au journal des accès.", session: session, language: language)
        case ProjectionError.unknownParticipant:
            return WebPages.problem(.notFound, heading: "Dossier introuvable", message: "Aucun dossier ne porte cet identifiant.", session: session, language: language)
        case ProjectionError.erased(_, let day, let reason):
            return WebPages.problem(.gone, heading: "Dossier effacé",
                                   message: "Ce dossier a été effacé le \(day) (motif : \(reason)).", session: session, language: language)
        case AppError.invalidInput(let field, let reason):
            return WebPages.problem(.badRequest, heading: "Demande invalide", message: "\(field) : \(reason)", session: session, language: language)
        default:
            return WebPages.problem(.serviceUnavailable, heading: "Service momentanément indisponible",
                                   message: "La demande n'a pas pu être traitée ni inscrite au journal des accès ; rien n'a été affiché. Réessayez dans un instant.",
                                   session: session, language: language)
        }
    }
}
