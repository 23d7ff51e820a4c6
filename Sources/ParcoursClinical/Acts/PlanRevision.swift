/// `plan.revised` — the whole new version of the action plan, built with the person:
/// needs ranked by her or his priorities, SMART objectives (one at a time), the means
/// she or he chose, and when to review it.
public struct PlanRevision: Codable, Sendable, Equatable {
    public struct Need: Codable, Sendable, Equatable {
        public var need: String
        public var priority: Int
    }

    public enum ObjectiveStatus: String, Codable, CaseIterable, Sendable {
        case active, reached, paused, revised
    }

    public struct Objective: Codable, Sendable, Equatable {
        /// Specific: what the person wants to change.
        public var what: String
        /// Measurable: how both will know.
        public var measure: String?
        /// Time-bound.
        public var targetDate: String?
        /// Adapted and realistic, in the person's words.
        public var why: String?
        public var status: ObjectiveStatus
    }

    public var revision: Int
    /// The revision this one replaces (absent for the first plan).
    public var replaces: Int?
    public var needs: [Need]
    public var objectives: [Objective]
    public var means: [String]
    public var reviewOn: String
}
