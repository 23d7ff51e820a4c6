import ParcoursClinical

/// One field of a recording form: what it asks, in both languages, and what it takes.
///
/// Its `name` is its name in the form and its place in the act's data (`to.kind` is the
/// member `kind` of the object `to`); in a group, the member of one row (`objectives[0].what`
/// in the form). A top-level field named `day` is the act's day, not a member of its data.
struct FormField: Sendable {
    let name: String
    let label: Wording
    let kind: Kind
    let hint: Wording?
    let required: Bool
    /// What a required field left empty is told; a generic word otherwise.
    let missing: Wording?
    /// The value a blank form shows (a choice already made in a new row of a group).
    let initial: String

    init(_ name: String, _ label: Wording, _ kind: Kind, hint: Wording? = nil, required: Bool = false, missing: Wording? = nil,
         initial: String = "") {
        (self.name, self.label, self.kind, self.hint, self.required, self.missing, self.initial) = (name, label, kind, hint, required, missing, initial)
    }

    /// What a field takes, and how it is asked.
    indirect enum Kind: Sendable {
        /// A day, `YYYY-MM-DD`.
        case day
        /// A day and an hour, Montreal time, written as an instant in UTC.
        case instant
        /// A line of text; `suggestions` are offered, not imposed.
        case text(suggestions: [String])
        case longText
        case integer(ClosedRange<Int>)
        /// One term of a list.
        case choice([Option])
        /// One act (or person) of this participant's record, listed from the journey.
        case recordChoice(RecordList)
        /// A box ticked for yes.
        case yesNo
        /// Several terms of a list, as boxes to tick.
        case choices([Option])
        /// Several short texts, one a line.
        case lines
        /// Repeated rows of the same fields (an array of objects): a number of blank rows, and a
        /// button that sends the form back with one more.
        case group([FormField], rows: Int, addRow: Wording)
        /// A number fixed when the blank form was made (a plan's next revision), carried hidden.
        case fixedInteger

        static let text = Kind.text(suggestions: [])
    }

    /// The lists of a participant's record a field may choose from.
    enum RecordList: Sendable {
        /// Referrals made, to say what became of one.
        case referrals
        /// Consents given, that a referral relies on.
        case consentsGiven
        /// Acts of the record that may be corrected: not a care-team change or a consent (who may read
        /// is changed by new acts, never by rewriting old ones).
        case actsToCorrect
        /// Acts that may be voided: the same, but the admission (a record is erased, not voided).
        case actsToVoid
        /// The care team's clinicians.
        case careTeam
    }

    /// The day of the act, first field of every form.
    static func actDay(_ label: Wording = Wording("Date de l'acte", en: "Date of the act")) -> FormField {
        FormField("day", label, .day, required: true)
    }
}

/// One term a choice offers: its code, and its words in the page's language.
struct Option: Sendable {
    let value: String
    let label: @Sendable (Language) -> String

    init(_ value: String, _ label: Wording) {
        self.value = value
        self.label = { label($0) }
    }

    init(term: some VocabularyTerm) {
        value = term.rawValue
        label = { VocabularyLabel.label(term, in: $0) }
    }

    /// Every term of a vocabulary, in its order.
    static func terms<Term: VocabularyTerm & CaseIterable>(_ type: Term.Type) -> [Option] {
        type.allCases.map { Option(term: $0) }
    }
}
