/// `trauma.observed` — survival strategies observed (fight, flight, freeze, fawn) and
/// triggers: symptoms only. A diagnosis (PTSD or other) is a reserved act of
/// designated health professionals and is not recorded here.
public struct TraumaObservation: Codable, Sendable, Equatable {
    public enum SurvivalStrategy: String, Codable, Sendable {
        case fight, flight, freeze, fawn
    }

    public var survivalStrategies: [SurvivalStrategy]
    public var triggers: [String]
    public var symptoms: [String]
    public var notes: String?
}
