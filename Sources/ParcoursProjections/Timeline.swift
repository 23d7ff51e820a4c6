/// A participant's timeline as the command line prints it and the JSON API answers it
/// (`Schemas/projections/timeline.schema.json`): every act in date order, voided acts counted.
public struct Timeline: Codable, Sendable, Equatable {
    public var participant: String
    public var voidedCount: Int
    public var entries: [Journey.TimelineEntry]

    /// The timeline of `journey`, as the access policy let the reader see it.
    public init(_ journey: Journey) {
        (participant, voidedCount, entries) = (journey.participant, journey.voidedCount, journey.timeline)
    }
}
