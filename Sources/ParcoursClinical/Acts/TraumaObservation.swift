/// `trauma.observed` — survival strategies observed (fight, flight, freeze, fawn) and
/// triggers: symptoms. A diagnosis (PTSD or other) is a reserved act of designated
/// health professionals: it is accepted only from an actor holding the directory role
/// `designated-professional` (see `ClinicalRecorder.check(authorMayDiagnose:)`); a
/// clinician without it records the observed symptoms and a referral.
public struct TraumaObservation: Codable, Sendable, Equatable {
    public enum SurvivalStrategy: String, Codable, CaseIterable, Sendable {
        case fight, flight, freeze, fawn
    }

    /// A diagnosis made by a designated professional, under the designation that allows it.
    public struct Diagnosis: Codable, Sendable, Equatable {
        /// The condition diagnosed, e.g. "PTSD".
        public var condition: String
        /// The professional designation under which it is made, e.g. "psychologue (OPQ)".
        public var designation: String
    }

    public var survivalStrategies: [SurvivalStrategy]
    public var triggers: [String]
    public var symptoms: [String]
    public var notes: String?
    public var diagnosis: Diagnosis?
}
