/// The layout around every page: the document's head, the banner with the language switch and,
/// for a signed-in person, the navigation, the sign-out and the idle warning; the page's content
/// in `<main>`; the session's script. Written with a `MarkupWriter`, as two pieces of markup the
/// page's content goes between (`PageAssembly`), rather than rendered by Mustache: every page
/// has it, and its sections and lists looked up through casts of `Any` cost a journey page 3 %
/// of its time. Every word comes from `Catalogue.layout`, every value is escaped.
struct PageLayout {
    /// The markup before the page's content, and after it.
    let head: Markup
    let tail: Markup

    /// The layout of a page titled `title`, in `language`; `session` nil for a signed-out page,
    /// whose language switch comes back to `returnTo`.
    init(title: String, session: WebSession?, language: Language, returnTo: String?) {
        func word(_ key: String) -> String { Catalogue.word(Catalogue.layout, key, language) }
        var out = MarkupWriter(capacity: 2_048)
        out.append("<!doctype html>\n<html lang=\"")
        out.append(escaped: language.rawValue)
        out.append("\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
        out.append(escaped: title)
        out.append(" — Parcours</title>\n<link rel=\"stylesheet\" href=\"/style.css\">\n</head>\n<body>\n<a class=\"skip\" href=\"#contenu\">")
        out.append(escaped: word("skip"))
        out.append("</a>\n<header class=\"banner\">\n<p class=\"brand\"><a href=\"/\">Parcours</a> <span>SPHÈRES</span></p>\n")
        // A person still setting up her second factor sees neither the navigation nor the idle warning.
        let full = session.map { $0.enrolment == nil } ?? false
        if let session, full {
            out.append("\n<nav aria-label=\"")
            out.append(escaped: word("mainNavigation"))
            out.append("\">")
            for workspace in session.workspaces {
                out.append("<a href=\"")
                out.append(escaped: workspace.path)
                out.append("\">")
                out.append(escaped: workspace.label(in: language))
                out.append("</a> ")
            }
            out.append("<a href=\"/sessions\">")
            out.append(escaped: word("sessions"))
            out.append("</a></nav>\n")
        }
        let other = language.other
        out.append("\n<form method=\"post\" action=\"/langue\" class=\"language\">\n<input type=\"hidden\" name=\"langue\" value=\"")
        out.append(escaped: other.rawValue)
        out.append("\">\n<input type=\"hidden\" name=\"retour\" value=\"")
        out.append(escaped: session?.path ?? returnTo ?? "/connexion")
        out.append("\">\n<button type=\"submit\" lang=\"")
        out.append(escaped: other.rawValue)
        out.append("\" aria-label=\"")
        out.append(escaped: word("language") + Catalogue.colon(language) + other.ownName)
        out.append("\">")
        out.append(escaped: other.ownName)
        out.append("</button>\n</form>\n")
        if let session {
            out.append("<form method=\"post\" action=\"/deconnexion\" class=\"sign-out\">\n<input type=\"hidden\" name=\"_csrf\" value=\"")
            out.append(escaped: session.csrfToken)
            out.append("\">\n<span>")
            out.append(escaped: session.actor)
            out.append("</span> <button type=\"submit\">")
            out.append(escaped: word("signOut"))
            out.append("</button>\n</form>\n")
        }
        out.append("</header>\n")
        if let session, full {
            out.append("\n<div id=\"idle-warning\" class=\"idle-warning\" role=\"alert\" hidden data-idle-seconds=\"")
            out.append(integer: Int(WebSessions.idleLimit))
            out.append("\" data-warn-seconds=\"")
            out.append(integer: IdleWarning.warnBefore)
            out.append("\">\n<form method=\"post\" action=\"/session/prolonger\">\n<input type=\"hidden\" name=\"_csrf\" value=\"")
            out.append(escaped: session.csrfToken)
            out.append("\">\n<p>")
            out.append(escaped: word("idleWarning"))
            out.append("</p>\n<button type=\"submit\">")
            out.append(escaped: word("stay"))
            out.append("</button>\n</form>\n</div>\n")
        }
        out.append("\n<main id=\"contenu\">\n")
        head = out.markup()

        var end = MarkupWriter(capacity: 128)
        end.append("\n</main>\n")
        if session != nil { end.append("<script src=\"/session.js\" defer></script>") }
        end.append("\n</body>\n</html>")
        tail = end.markup()
    }
}
