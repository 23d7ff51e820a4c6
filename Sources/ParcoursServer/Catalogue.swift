/// Every text of the pages, in both languages, by page: a template says `{{t.page.key}}`.
///
/// Each page's texts live beside its template (`Catalogue.layout`, `Catalogue.signIn`…) and are
/// listed once in `pages`; they are put into the templates once per language (`words(in:language:)`).
enum Catalogue {
    static let pages: [String: [String: Wording]] = [
        "layout": layout, "signIn": signIn, "secondFactor": secondFactor, "sessions": sessions,
        "journey": journey, "forms": forms, "caseload": caseload, "record": record, "breakGlass": breakGlass, "problem": problem,
        // Each workspace's pages, one line each.
        "directory": directory,
        "program": program,
        "research": research,
        "privacy": privacy, "privacyForms": privacyForms,
        "typography": typography,
    ]

    /// The punctuation whose spacing differs between the languages: French puts a space before
    /// a colon or a semicolon, English none. Templates say `{{t.typography.colon}}` where a
    /// colon joins two parts; code says `Catalogue.colon(language)`.
    static let typography: [String: Wording] = [
        "colon": Wording(" : ", en: ": "),
        "semicolon": Wording(" ; ", en: "; "),
    ]

    /// A colon between two parts, spaced as `language` spaces it.
    static func colon(_ language: Language) -> String { typography["colon"]!(language) }

    /// A semicolon between two parts, spaced as `language` spaces it.
    static func semicolon(_ language: Language) -> String { typography["semicolon"]!(language) }

    /// The word `key` of a page's `words` in `language`, for markup written without a template
    /// (`JourneyPage`, `PageLayout`). A key the catalogue lacks stops a debug build (the tests);
    /// a release writes the key itself rather than failing the page.
    static func word(_ words: [String: Wording], _ key: String, _ language: Language) -> String {
        guard let wording = words[key] else {
            assertionFailure("no text \(key) in the catalogue")
            return key
        }
        return wording(language)
    }

    /// A word a template names that the catalogue lacks (a typo in `{{t.page.key}}`).
    struct MissingWord: Error, CustomStringConvertible {
        let name: String
        var description: String { "no text \(name) in the catalogue" }
    }

    /// `template` with each `{{t.page.key}}` replaced by that text in `language`, HTML-escaped.
    static func words(in template: String, language: Language) throws -> String {
        var worded = "", rest = template[...]
        while let open = rest.range(of: "{{t.") {
            worded += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else { throw MissingWord(name: String(rest[open.lowerBound...].prefix(40))) }
            let name = rest[open.upperBound..<close.lowerBound]
            let parts = name.split(separator: ".")
            guard parts.count == 2, let text = pages[String(parts[0])]?[String(parts[1])]?(language), !text.contains("{{") else {
                throw MissingWord(name: "t." + name)
            }
            worded += HTMLText.escape(text)
            rest = rest[close.upperBound...]
        }
        return worded + rest
    }

    static let layout: [String: Wording] = [
        "skip": Wording("Aller au contenu", en: "Skip to content"),
        "mainNavigation": Wording("Navigation principale", en: "Main navigation"),
        "caseload": Wording("Ma charge de cas", en: "My caseload"),
        "workspace-caseload": Wording("Ma charge de cas", en: "My caseload"),
        "workspace-program": Wording("Le programme", en: "The program"),
        "workspace-privacy": Wording("Protection des renseignements", en: "Privacy"),
        "workspace-research": Wording("Recherche", en: "Research"),
        "workspace-directory": Wording("Administration", en: "Administration"),
        "noWorkspace": Wording("Aucun espace de travail ne correspond à vos rôles. L'administration peut les revoir.",
                               en: "No workspace matches your roles. The administration can review them."),
        "signOut": Wording("Se déconnecter", en: "Sign out"),
        "language": Wording("Langue", en: "Language"),
        "sessions": Wording("Mes sessions", en: "My sessions"),
        "idleWarning": Wording("Sans activité, votre session prendra fin dans deux minutes et cette page sera effacée de l'écran.",
                               en: "Without activity, your session will end in two minutes and this page will be cleared from the screen."),
        "stay": Wording("Rester connectée ou connecté", en: "Stay signed in"),
    ]

    static let signIn: [String: Wording] = [
        "title": Wording("Connexion", en: "Sign in"),
        "failed": Wording("Identifiant, phrase de passe ou code incorrect. Vérifiez-les, puis réessayez.",
                          en: "Wrong id, passphrase or code. Check them, then try again."),
        "ended": Wording("Votre session a pris fin. Reconnectez-vous pour continuer.", en: "Your session has ended. Sign in again to continue."),
        "throttled": Wording("Trop d'essais de connexion pour cet identifiant ces dernières secondes. Attendez une minute, puis réessayez.",
                             en: "Too many sign-in attempts for this id in the last few seconds. Wait a minute, then try again."),
        "actor": Wording("Identifiant", en: "Id"),
        "passphrase": Wording("Phrase de passe", en: "Passphrase"),
        "code": Wording("Code à six chiffres de votre application d'authentification", en: "Six-digit code from your authenticator app"),
        "codeHint": Wording("À votre première connexion, laissez ce champ vide : vous configurerez ce code à l'étape suivante.",
                            en: "At your first sign-in, leave this empty: you will set up the code at the next step."),
        "submit": Wording("Se connecter", en: "Sign in"),
    ]

    static let secondFactor: [String: Wording] = [
        "title": Wording("Configurer le second facteur", en: "Set up the second factor"),
        "why": Wording("Votre phrase de passe ne suffit pas à ouvrir des dossiers aussi sensibles : à chaque connexion, un code à six chiffres, donné par une application sur votre téléphone, le confirme.",
                       en: "Your passphrase alone does not open records this sensitive: at each sign-in, a six-digit code from an app on your phone confirms it."),
        "stepApp": Wording("Ouvrez une application d'authentification (par exemple FreeOTP, Aegis ou Google Authenticator).",
                           en: "Open an authenticator app (for example FreeOTP, Aegis or Google Authenticator)."),
        "stepKey": Wording("Ajoutez un compte en saisissant cette clé :", en: "Add an account by typing this key:"),
        "keyLabel": Wording("Clé à saisir dans l'application", en: "Key to type into the app"),
        "orLink": Wording("Sur le téléphone même :", en: "On the phone itself:"),
        "link": Wording("ouvrir dans l'application", en: "open in the app"),
        "stepCode": Wording("Inscrivez ci-dessous le code que l'application affiche.", en: "Type below the code the app shows."),
        "code": Wording("Code à six chiffres", en: "Six-digit code"),
        "failed": Wording("Ce code ne correspond pas. Vérifiez la clé saisie et l'heure du téléphone, puis inscrivez le code affiché.",
                          en: "This code does not match. Check the key you typed and the phone's time, then type the code shown."),
        "submit": Wording("Confirmer et continuer", en: "Confirm and continue"),
    ]

    static let sessions: [String: Wording] = [
        "title": Wording("Mes sessions", en: "My sessions"),
        "explain": Wording("Les navigateurs où vous êtes connectée ou connecté. Une session prend fin après 15 minutes sans activité, et au plus tard 10 heures après la connexion. Si vous ne reconnaissez pas une session, mettez-y fin et changez votre phrase de passe auprès de l'administration.",
                           en: "The browsers where you are signed in. A session ends after 15 minutes without activity, and at the latest 10 hours after sign-in. If you do not recognize a session, end it and have your passphrase changed by the administration."),
        "caption": Wording("Sessions ouvertes, la plus récemment utilisée d'abord", en: "Open sessions, most recently used first"),
        "device": Wording("Navigateur", en: "Browser"),
        "since": Wording("Ouverte le", en: "Opened"),
        "lastSeen": Wording("Dernière activité", en: "Last activity"),
        "action": Wording("Action", en: "Action"),
        "current": Wording("cette session", en: "this session"),
        "end": Wording("Mettre fin", en: "End"),
        "endCurrent": Wording("Mettre fin (vous déconnecte)", en: "End (signs you out)"),
        "ended": Wording("La session a pris fin.", en: "The session has ended."),
    ]
}
