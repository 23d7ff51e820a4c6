import ParcoursClinical
import ParcoursLog
import ParcoursProjections

/// The form of one act type: its fields and the framework's guidance, in both languages.
/// One description per act type (`ActForm.all`); the generic form, its checks and its
/// act are made from it.
struct ActForm: Sendable {
    let type: ClinicalActType
    /// Its path under `/participants/:participant/actes/`; the stage assessment keeps `/participants/:participant/evaluation`.
    let slug: String
    let moment: Moment
    let title: Wording
    /// What the journey says once it is recorded.
    let recorded: Wording
    /// The framework's guidance, shown above the fields.
    let guidance: [Wording]
    let fields: [FormField]
    /// Where the domain names a member no field has: the field to show its refusal beside.
    var aliases: [String: String] = [:]
    /// The values of a blank form that depend on the record (a plan's next revision).
    var prefill: @Sendable (Journey) -> [String: String] = { _ in [:] }
    /// Whether the act makes sense on this record now (a referral to update exists…).
    var applies: @Sendable (Journey) -> Bool = { $0.followUp.open }
    /// Guidance that depends on the record (a caution at the stage last assessed).
    var caution: @Sendable (Journey) -> Wording? = { _ in nil }
    /// The act's data from the fields' members, where the two differ (a correction's members).
    var finish: @Sendable ([String: JSONValue]) -> [String: JSONValue] = { $0 }

    /// Every act type's form, in the order of their moments.
    static let all: [ActForm] = assessment + plans + followUp + admission
    static let admissionForm = admission[0]

    static func named(_ slug: String) -> ActForm? { all.first { $0.slug == slug && $0.type != .participantEnrolled } }

    /// The page the form is at, for a participant (nil: the admission of a new one).
    func path(for participant: String?) -> String {
        guard let participant else { return "/admission" }
        return type == .stageAssessed ? "/participants/\(participant)/evaluation" : "/participants/\(participant)/actes/\(slug)"
    }
}
