/// A text in each language the application speaks, written together so neither is forgotten.
struct Wording: Sendable, ExpressibleByStringLiteral {
    let fr: String
    let en: String

    init(_ fr: String, en: String) { (self.fr, self.en) = (fr, en) }

    /// A text that reads the same in both languages (a code, a name).
    init(stringLiteral both: String) { (fr, en) = (both, both) }

    func callAsFunction(_ language: Language) -> String { language == .fr ? fr : en }
}
