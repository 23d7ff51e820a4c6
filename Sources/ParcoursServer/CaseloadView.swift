import ParcoursClinical
import ParcoursProjections

/// How the caseload is shown: which people (everyone, open follow-ups, those who need
/// attention) in which order. Read from the page's query, which holds codes only.
struct CaseloadView: Sendable, Equatable {
    enum Filter: String, CaseIterable, Sendable {
        case all = "tous", open = "ouverts", attention = "attention"
    }

    enum Order: String, CaseIterable, Sendable {
        /// As the projection gives them: open follow-ups first, longest without contact first.
        case contact
        case review = "revision", person = "personne", stage = "roue"
    }

    var filter = Filter.all
    var order = Order.contact

    init(filter: Filter = .all, order: Order = .contact) { (self.filter, self.order) = (filter, order) }

    /// From the query's `vue` and `tri`; what is not one of their codes is the default.
    init(query vue: String?, _ tri: String?) {
        filter = vue.flatMap(Filter.init) ?? .all
        order = tri.flatMap(Order.init) ?? .contact
    }

    /// What stands out about one person on `today`: silent for more than 30 days, a plan review
    /// past due, open warnings.
    struct Flags: Sendable {
        var silentDays: Int?
        var silent: Bool
        var overdue: Bool
        var attention: Bool

        init(_ entry: CaseloadEntry, today: String) {
            silentDays = entry.lastContactOn.flatMap { Journey.days(from: $0, to: today) }
            silent = entry.followUpOpen && (silentDays ?? 0) > 30
            overdue = entry.followUpOpen && entry.nextReviewOn.map { $0 < today } == true
            attention = silent || overdue || entry.openWarnings > 0
        }
    }

    /// The entries this view shows, in its order.
    func apply(_ entries: [CaseloadEntry], today: String) -> [CaseloadEntry] {
        let kept = entries.filter { entry in
            switch filter {
            case .all: true
            case .open: entry.followUpOpen
            case .attention: Flags(entry, today: today).attention
            }
        }
        switch order {
        case .contact: return kept
        case .review: return kept.sorted { ($0.nextReviewOn ?? "9999", $0.participant) < ($1.nextReviewOn ?? "9999", $1.participant) }
        case .person: return kept.sorted { $0.participant < $1.participant }
        case .stage:
            let rank = { (entry: CaseloadEntry) in entry.wheelStage.flatMap { WheelStage.allCases.firstIndex(of: $0) } ?? WheelStage.allCases.count }
            return kept.sorted { (rank($0), $0.participant) < (rank($1), $1.participant) }
        }
    }
}
