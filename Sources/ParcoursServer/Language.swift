import Hummingbird

/// The languages the application speaks: French first, English by a switch every page offers.
/// The choice is kept in a cookie of its own (a preference, nothing personal).
enum Language: String, CaseIterable, Sendable {
    case fr, en

    static let cookieName = "__Host-parcours-langue"

    /// The language a request asks for: its cookie's, French otherwise.
    init(_ request: Request) {
        self = request.cookies[Self.cookieName].flatMap { Language(rawValue: $0.value) } ?? .fr
    }

    /// The cookie that keeps the choice for a year.
    var cookie: Cookie {
        Cookie(name: Self.cookieName, value: rawValue, maxAge: 365 * 24 * 3600, path: "/", secure: true, httpOnly: true, sameSite: .strict)
    }

    /// The other language, as the switch offers it, named in itself.
    var other: Language { self == .fr ? .en : .fr }
    var ownName: String { self == .fr ? "Français" : "English" }
}
