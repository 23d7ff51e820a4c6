import Foundation
import Hummingbird
import ParcoursAccess
import ParcoursApp
import ParcoursClinical
import ParcoursLog

/// A search of the access log, as the privacy officer's form sends it in the query: who,
/// about whom, when, and which view, purpose and outcome. Each value is checked where it
/// enters, a wrong one refused naming its field (400), before anything is read.
struct AccessSearch: Sendable {
    /// The records shown at most, newest first; the page says how many matched.
    static let shown = 200

    var participant = "", actor = "", from = "", to = "", view = "", outcome = "", purpose = ""
    /// What the access log's own filter keeps (`AccessAudit.Filter`).
    var filter = AccessAudit.Filter()
    var views: AccessView?
    var outcomes: AccessDecision.Outcome?
    var purposes: AccessPurpose?

    init() {}

    /// Reads the query; empty fields filter nothing.
    init(_ query: [String: String]) throws {
        func value(_ name: String) -> String { (query[name] ?? "").trimmingCharacters(in: .whitespaces) }
        (participant, actor, from, to) = (value("participant"), value("actor"), value("from"), value("to"))
        (view, outcome, purpose) = (value("view"), value("outcome"), value("purpose"))
        if !participant.isEmpty { filter.participant = try ParticipantID(checking: participant, field: "participant") }
        if !actor.isEmpty { filter.actor = try ActorID(checking: actor, field: "actor") }
        if !from.isEmpty { filter.from = try Day(checking: from, field: "from").rawValue }
        if !to.isEmpty { filter.to = try Day(checking: to, field: "to").rawValue }
        if !view.isEmpty {
            guard let view = AccessView(rawValue: view) else { throw AppError.invalidInput(field: "view", reason: "one of the views listed") }
            views = view
        }
        if !outcome.isEmpty {
            guard let outcome = AccessDecision.Outcome(rawValue: outcome) else { throw AppError.invalidInput(field: "outcome", reason: "permitted or denied") }
            outcomes = outcome
        }
        if !purpose.isEmpty {
            guard let purpose = AccessPurpose(rawValue: purpose) else { throw AppError.invalidInput(field: "purpose", reason: "one of the purposes listed") }
            purposes = purpose
        }
    }

    /// Whether `access` is kept by what the access log's filter does not say.
    func matches(_ access: RecordedAccess) -> Bool {
        (views.map { access.record.view == $0 } ?? true) && (outcomes.map { access.record.outcome == $0 } ?? true)
            && (purposes.map { access.record.purpose == $0 } ?? true)
    }
}
