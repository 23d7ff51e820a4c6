import ParcoursClinical

/// The part of a journey's timeline a page shows: the latest `latest` acts of the
/// categories a reader is permitted (acts about the follow-up itself shown with any view,
/// as `Journey.redacted(to:)` keeps them). A journey read through one keeps only those acts
/// and counts the rest, which are never made into values.
public struct TimelineWindow: Sendable, Equatable {
    public var latest: Int
    public var categories: Set<InformationCategory>

    public init(latest: Int, categories: Set<InformationCategory>) {
        self.latest = latest
        self.categories = categories
    }

    /// Whether an act of `type` is among the categories shown.
    func keeps(type: String) -> Bool {
        Journey.shows(actType: type, to: categories)
    }
}

extension Journey {
    /// This journey with its timeline cut to `window`, and how many acts of its categories
    /// there are in all: what `read(_:at:window:)` gives, for a journey already read whole.
    func cut(to window: TimelineWindow) -> (journey: Journey, acts: Int) {
        var cut = self
        let kept = timeline.filter { window.keeps(type: $0.type) }
        cut.timeline = Array(kept.suffix(window.latest))
        return (cut, kept.count)
    }
}
