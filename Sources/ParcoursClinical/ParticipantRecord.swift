import Foundation

/// What the rules need to know of a participant's record so far: a pure fold over
/// the acts of her or his stream.
public struct ParticipantRecord: Sendable, Equatable {
    public let participant: String
    public private(set) var enrolled = false
    public private(set) var dateOfBirth: DateComponents?
    /// The day (UTC) of the admission: no later act is dated before it. Nil in a record
    /// stored before it was kept, until the projections are rebuilt.
    public private(set) var admittedOn: DateComponents?
    public private(set) var closed = false
    /// The stream was erased: nothing may be recorded any more.
    public private(set) var erased = false
    public private(set) var lastStage: StageAssessment?
    public private(set) var obligationsExplained = false
    /// The number of the plan in force, if any.
    public private(set) var planRevision: Int?
    /// When the plan in force is to be reviewed.
    public private(set) var planReviewOn: DateComponents?
    /// The number of the fall plan in force, if any.
    public private(set) var fallPlanRevision: Int?
    /// The type of every act recorded, by event id (for corrections, referrals, consents).
    public private(set) var types: [String: String] = [:]
    /// Acts voided by a later `entry.voided`.
    public private(set) var voided: Set<String> = []
    /// The care team: clinicians' actor ids.
    public private(set) var careTeam: Set<String> = []
    /// Clinical acts recorded so far.
    public private(set) var acts = 0

    public init(participant: String) { self.participant = participant }

    /// Folds one recorded act (its type, data, event id and schema version, read as the
    /// current version); unknown types only count.
    public mutating func apply(type: String, data: Data, id: String? = nil, schema: Int64? = nil) {
        apply(type: type, id: id, recorded: RecordedAct.decode(type: type, data: data, schema: schema ?? ClinicalActType(rawValue: type)?.currentSchema ?? 1))
    }

    /// Folds one act already read back (with its `occurredAt`, for the admission's day);
    /// nil (unreadable or not clinical) only counts.
    public mutating func apply(type: String, id: String?, recorded: RecordedAct?) {
        acts += 1
        if let id { types[id] = type }
        switch recorded?.act {
        case .enrolment(let enrolment)?:
            enrolled = true
            dateOfBirth = try? ClinicalDate.day(enrolment.identity.dateOfBirth, field: "dateOfBirth")
            admittedOn = ClinicalDate.instantOrNil(recorded!.occurredAt).map { ClinicalDate.calendar.dateComponents([.year, .month, .day], from: $0) }
        case .stage(let stage)?: lastStage = stage
        case .obligations?: obligationsExplained = true
        case .plan(let plan)?:
            planRevision = plan.revision
            planReviewOn = try? ClinicalDate.day(plan.reviewOn, field: "reviewOn")
        case .careTeam(let change)?:
            if type == ClinicalActType.careTeamAssigned.rawValue { careTeam.insert(change.clinician) } else { careTeam.remove(change.clinician) }
        case .fallPlan(let plan)?: fallPlanRevision = plan.revision
        case .voiding(let voiding)?: voided.insert(voiding.voids)
        case .followUp?: closed = type == ClinicalActType.followUpClosed.rawValue
        default: break
        }
    }

    /// The stream's content was crypto-shredded.
    public mutating func markErased() { erased = true }
}

extension ParticipantRecord: Codable {
    enum CodingKeys: String, CodingKey {
        case participant, enrolled, dateOfBirth, admittedOn, closed, erased, lastStage, obligationsExplained, planRevision, planReviewOn
        case fallPlanRevision, types, idsByType, voided, careTeam, acts
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        participant = try container.decode(String.self, forKey: .participant)
        enrolled = try container.decode(Bool.self, forKey: .enrolled)
        dateOfBirth = try container.decodeIfPresent(String.self, forKey: .dateOfBirth).flatMap { try? ClinicalDate.day($0, field: "") }
        admittedOn = try container.decodeIfPresent(String.self, forKey: .admittedOn).flatMap { try? ClinicalDate.day($0, field: "") }
        closed = try container.decode(Bool.self, forKey: .closed)
        erased = try container.decode(Bool.self, forKey: .erased)
        lastStage = try container.decodeIfPresent(StageAssessment.self, forKey: .lastStage)
        obligationsExplained = try container.decode(Bool.self, forKey: .obligationsExplained)
        planRevision = try container.decodeIfPresent(Int.self, forKey: .planRevision)
        planReviewOn = try container.decodeIfPresent(String.self, forKey: .planReviewOn).flatMap { try? ClinicalDate.day($0, field: "") }
        fallPlanRevision = try container.decodeIfPresent(Int.self, forKey: .fallPlanRevision)
        if let grouped = try container.decodeIfPresent([String: String].self, forKey: .idsByType) {
            for (type, ids) in grouped {
                // Split as bytes: splitting by `Character` cost more than the JSON itself.
                for id in ids.utf8.split(separator: UInt8(ascii: " ")) { types[String(decoding: id, as: UTF8.self)] = type }
            }
        } else {
            // As stored before `idsByType`: one member per act.
            types = try container.decode([String: String].self, forKey: .types)
        }
        voided = Set(try container.decode([String].self, forKey: .voided))
        careTeam = Set(try container.decode([String].self, forKey: .careTeam))
        acts = try container.decode(Int.self, forKey: .acts)
    }

    /// Sets are written sorted and days as `YYYY-MM-DD`, so equal records encode to equal bytes.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(participant, forKey: .participant)
        try container.encode(enrolled, forKey: .enrolled)
        try container.encodeIfPresent(dateOfBirth.map(Self.day), forKey: .dateOfBirth)
        try container.encodeIfPresent(admittedOn.map(Self.day), forKey: .admittedOn)
        try container.encode(closed, forKey: .closed)
        try container.encode(erased, forKey: .erased)
        try container.encodeIfPresent(lastStage, forKey: .lastStage)
        try container.encode(obligationsExplained, forKey: .obligationsExplained)
        try container.encodeIfPresent(planRevision, forKey: .planRevision)
        try container.encodeIfPresent(planReviewOn.map(Self.day), forKey: .planReviewOn)
        try container.encodeIfPresent(fallPlanRevision, forKey: .fallPlanRevision)
        try container.encode(idsByType, forKey: .idsByType)
        try container.encode(voided.sorted(), forKey: .voided)
        try container.encode(careTeam.sorted(), forKey: .careTeam)
        try container.encode(acts, forKey: .acts)
    }

    /// `types` as stored: the ids of each type's acts, sorted and joined by spaces. A
    /// writer opens the record of every participant it writes for; one string per type
    /// decodes in a fraction of the time of one member per act, which grows with the record.
    var idsByType: [String: String] {
        var grouped: [String: [String]] = [:]
        for (id, type) in types { grouped[type, default: []].append(id) }
        return grouped.mapValues { $0.sorted().joined(separator: " ") }
    }

    static func day(_ components: DateComponents) -> String {
        let (year, month, day) = (components.year ?? 0, components.month ?? 0, components.day ?? 0)
        guard (0...9999).contains(year), (0...99).contains(month), (0...99).contains(day) else {
            return String(format: "%04d-%02d-%02d", year, month, day)
        }
        // `YYYY-MM-DD` in place: every record sealed writes its days (`String(format:)` was a fifth of it).
        return ClinicalDate.written([(year, 4, "-"), (month, 2, "-"), (day, 2, nil)])
    }
}
