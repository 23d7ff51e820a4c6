import Foundation

/// A recorded act read back from the log: the typed act, the instant it happened (UTC,
/// as the log writes instants) and the warnings recorded with it. Decoded once, then
/// folded by every reader (the rules' record, the journey).
public struct RecordedAct: Sendable, Equatable {
    public enum Act: Sendable, Equatable {
        case enrolment(ParticipantEnrolment)
        case obligations(ObligationsExplanation)
        case consent(ConsentDecision)
        case refusal(ConsentRefusal)
        case careTeam(CareTeamChange)
        case stage(StageAssessment)
        case balance(DecisionalBalance)
        case plan(PlanRevision)
        case fallPlan(FallPlanRevision)
        case relapse(RelapseRecord)
        case safety(SafetyAssessment)
        case session(SessionRecord)
        case referral(Referral)
        case referralUpdate(ReferralUpdate)
        case disclosure(LegalDisclosure)
        case trauma(TraumaObservation)
        case followUp(FollowUpChange)
        case correction(EntryCorrection)
        case voiding(EntryVoiding)
    }

    public var type: ClinicalActType
    public var act: Act
    /// Empty for an act not yet stored.
    public var occurredAt: String
    public var warnings: [ClinicalWarning]

    /// Reads the stored data of an act of `type` written under schema version `schema`
    /// (upcast to the current version); nil when it is not a readable clinical act.
    public static func decode(type: String, data: Data, schema: Int64) -> RecordedAct? {
        decode(type: type, data: data, schema: schema, using: FoundationActData(data: data))
    }

    /// As `decode(type:data:schema:)`, current-version data read by `reader` (a projection
    /// hands in one over its own JSON reader, Foundation's being most of a rebuild's time);
    /// data of an older version goes through the upcaster and `JSONDecoder`, as before.
    public static func decode(type: String, data: Data, schema: Int64, using reader: some ActDataDecoding) -> RecordedAct? {
        guard let kind = ClinicalActType(rawValue: type) else { return nil }
        if schema < kind.currentSchema {
            guard let upcast = try? ClinicalUpcaster.upcast(type: type, schema: schema, data: data) else { return nil }
            return read(kind, FoundationActData(data: upcast))
        }
        return read(kind, reader)
    }

    /// The act of `kind` `reader` reads, with when it happened and its warnings.
    static func read(_ kind: ClinicalActType, _ reader: some ActDataDecoding) -> RecordedAct? {
        if let fields = reader.fields, let act = try? RecordedAct.read(kind, by: ActReading(fields: fields)) { return act }
        func read<A: Decodable>(_ type: A.Type, _ wrap: (A) -> Act) -> RecordedAct? {
            guard let stored = try? reader.decode(Stored<A>.self) else { return nil }
            return RecordedAct(type: kind, act: wrap(stored.act), occurredAt: stored.occurredAt, warnings: stored.warnings)
        }
        switch kind {
        case .participantEnrolled: return read(ParticipantEnrolment.self, Act.enrolment)
        case .obligationsExplained: return read(ObligationsExplanation.self, Act.obligations)
        case .consentGiven, .consentWithdrawn: return read(ConsentDecision.self, Act.consent)
        case .consentRefused: return read(ConsentRefusal.self, Act.refusal)
        case .careTeamAssigned, .careTeamReleased: return read(CareTeamChange.self, Act.careTeam)
        case .stageAssessed: return read(StageAssessment.self, Act.stage)
        case .decisionalBalanceRecorded: return read(DecisionalBalance.self, Act.balance)
        case .planRevised: return read(PlanRevision.self, Act.plan)
        case .fallPlanRevised: return read(FallPlanRevision.self, Act.fallPlan)
        case .relapseRecorded: return read(RelapseRecord.self, Act.relapse)
        case .safetyAssessed: return read(SafetyAssessment.self, Act.safety)
        case .sessionHeld: return read(SessionRecord.self, Act.session)
        case .referralMade: return read(Referral.self, Act.referral)
        case .referralUpdated: return read(ReferralUpdate.self, Act.referralUpdate)
        case .legalDisclosure: return read(LegalDisclosure.self, Act.disclosure)
        case .traumaObserved: return read(TraumaObservation.self, Act.trauma)
        case .followUpClosed, .followUpReopened: return read(FollowUpChange.self, Act.followUp)
        case .entryCorrected: return read(EntryCorrection.self, Act.correction)
        case .entryVoided: return read(EntryVoiding.self, Act.voiding)
        }
    }

    /// An act's instant as stored, with milliseconds when it was written without (so that
    /// instants sort as text).
    static func instant(_ given: String) -> String {
        given.utf8.count == 24 ? given : ClinicalDate.instantOrNil(given).map(ClinicalDate.format) ?? given
    }

    /// An act's own members, with `occurredAt` and `warnings` beside them, in one pass.
    struct Stored<A: Decodable>: Decodable {
        var act: A
        var occurredAt: String
        var warnings: [ClinicalWarning]

        enum Keys: String, CodingKey { case occurredAt, warnings }

        init(from decoder: Decoder) throws {
            act = try A(from: decoder)
            let container = try decoder.container(keyedBy: Keys.self)
            // Always with milliseconds, so instants sort as text. Absent only from an act not
            // yet stored (the recorder folds it before it has an envelope).
            occurredAt = RecordedAct.instant(try container.decodeIfPresent(String.self, forKey: .occurredAt) ?? "")
            warnings = try container.decodeIfPresent([ClinicalWarning].self, forKey: .warnings) ?? []
        }
    }
}
