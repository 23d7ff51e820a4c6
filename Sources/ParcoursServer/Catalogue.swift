/// Every text of the pages, in both languages, by page: a template says `{{t.page.key}}`.
///
/// Each page's texts live beside its template (`Catalogue.layout`, `Catalogue.signIn`…) and are
/// listed once in `pages`; the texts of one language are put together once, when first asked.
enum Catalogue {
    static let pages: [String: [String: Wording]] = [
        "layout": layout,
        "forms": forms,
    ]

    /// The texts of `language`, by page then key, as templates read them.
    static func texts(in language: Language) -> [String: [String: String]] {
        language == .fr ? french : english
    }

    private static let french = pages.mapValues { $0.mapValues(\.fr) }
    private static let english = pages.mapValues { $0.mapValues(\.en) }

    static let layout: [String: Wording] = [
        "skip": Wording("Aller au contenu", en: "Skip to content"),
        "mainNavigation": Wording("Navigation principale", en: "Main navigation"),
        "caseload": Wording("Ma charge de cas", en: "My caseload"),
        "signOut": Wording("Se déconnecter", en: "Sign out"),
        "language": Wording("Langue", en: "Language"),
    ]
}
