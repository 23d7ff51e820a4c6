/// `decisional-balance.recorded` — pros and cons of the status quo and of change,
/// each weighted 1–3. Contraindicated in precontemplation, contemplation, crisis and
/// honeymoon: recording one there needs a clinical justification.
public struct DecisionalBalance: Codable, Sendable, Equatable {
    public struct Item: Codable, Sendable, Equatable {
        public var item: String
        public var weight: Int
    }

    public struct Side: Codable, Sendable, Equatable {
        public var pros: [Item]
        public var cons: [Item]
    }

    public var statusQuo: Side
    public var change: Side
    public var clinicalJustification: String?

    public static let weights = 1...3
}
