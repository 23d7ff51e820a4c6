import ParcoursLog

/// What the privacy officer looks for in the access log: a filter, and the anomalies
/// worth a review.
public enum AccessAudit {
    /// Which records to list; days are `YYYY-MM-DD`, inclusive.
    public struct Filter: Sendable {
        public var participant: ParticipantID?
        public var actor: ActorID?
        public var from: String?
        public var to: String?

        public init(participant: ParticipantID? = nil, actor: ActorID? = nil, from: String? = nil, to: String? = nil) {
            (self.participant, self.actor, self.from, self.to) = (participant, actor, from, to)
        }

        public func matches(_ access: RecordedAccess) -> Bool {
            (participant == nil || access.record.participant == participant) && (actor == nil || access.record.actor == actor)
                && (from.map { access.day >= $0 } ?? true) && (to.map { access.day <= $0 } ?? true)
        }
    }

    /// An access worth a second look, and why.
    public struct Anomaly: Codable, Sendable, Equatable {
        public enum Kind: String, Codable, Sendable {
            /// A read that broke the glass: permitted, to be reviewed.
            case breakGlass = "break-glass"
            /// A read of a journey by someone outside its care team (refused).
            case outsideCareTeam = "outside-care-team"
            /// A read by an organization after the participant's consent to it was withdrawn.
            case afterConsentWithdrawn = "after-consent-withdrawn"
            /// A read by someone the participant refused (only legal disclosures were shown).
            case refusedReader = "refused-reader"
            /// Many participants read by one actor in a short time.
            case manyParticipants = "many-participants"
            /// An export of the log or of data.
            case export
            /// A care-team change recorded under break-glass: someone gave herself or himself (or
            /// another) lasting access to a record.
            case careTeamChangeUnderBreakGlass = "break-glass-care-team"
            /// A clinician joined a care team after being refused that participant's record.
            case joinedAfterRefusal = "joined-after-refusal"
            /// An attempt under an identity the directory does not know.
            case unknownActor = "unknown-actor"
        }

        public var kind: Kind
        public var seq: UInt64
        public var at: String
        public var actor: String
        public var participant: String?
        /// What makes it an anomaly, without clinical content.
        public var detail: String
    }

    /// The anomalies of the access log, in log order. "Many participants" means more than
    /// `threshold` distinct participants read by one actor within `windowMinutes`.
    public static func anomalies(_ accesses: [RecordedAccess], threshold: Int = 20, windowMinutes: Int = 10) -> [Anomaly] {
        var found: [Anomaly] = []
        var permittedBefore: Set<String> = []  // organization + participant pairs read with consent
        var recent: [String: [(Timestamp, String)]] = [:]
        var flaggedUntil: [String: Timestamp] = [:]
        var refusedBefore: Set<String> = []  // participant + actor pairs refused a read or a write
        for access in accesses {
            let record = access.record
            let actor = record.actor.rawValue
            let participant = record.participant?.rawValue
            func flag(_ kind: Anomaly.Kind, _ detail: String) {
                found.append(Anomaly(kind: kind, seq: access.seq, at: access.recordedAt.description, actor: actor,
                                     participant: participant, detail: detail))
            }
            let organization = record.organization ?? ""
            if record.kind == .export { flag(.export, "export (\(record.view?.rawValue ?? "log"))") }
            let act = record.act
            let brokeGlass = record.review || record.purpose == .breakGlass && record.outcome == .permitted
            if brokeGlass, let act, act.hasPrefix("careteam.") {
                flag(.careTeamChangeUnderBreakGlass, "\(act) recorded under break-glass, justification written")
            } else if brokeGlass {
                let what = record.kind == .write ? "write (\(act ?? "an act"))" : "read of \(record.view?.rawValue ?? "a record")"
                flag(.breakGlass, "break-glass \(what), justification written")
            }
            if record.reason == .unknownActor { flag(.unknownActor, "attempt under an identity the directory does not know") }
            if let participant, record.outcome == .denied { refusedBefore.insert(participant + "\u{0}" + actor) }
            if record.outcome == .permitted, act == "careteam.assigned", let participant,
               let clinician = record.clinician, refusedBefore.contains(participant + "\u{0}" + clinician) {
                flag(.joinedAfterRefusal, "\(clinician) joined the care team after being refused this record")
            }
            if record.reason == .notInCareTeam { flag(.outsideCareTeam, "refused: not in the care team") }
            if record.purpose == .legalObligation { flag(.refusedReader, "the participant refused this reader; legal disclosures only") }
            if let participant {
                let pair = organization + "\u{0}" + participant
                if record.outcome == .permitted, record.role == .partner { permittedBefore.insert(pair) }
                if record.reason == .noConsent, permittedBefore.contains(pair) {
                    flag(.afterConsentWithdrawn, "read attempted by \(organization) after its consent was withdrawn")
                }
                // Distinct participants per actor within the window.
                let start = Timestamp(millisecondsSinceEpoch: access.recordedAt.millisecondsSinceEpoch - Int64(windowMinutes) * 60_000)
                var window = (recent[actor] ?? []).filter { $0.0 >= start }
                window.append((access.recordedAt, participant))
                recent[actor] = window
                let distinct = Set(window.map(\.1)).count
                if distinct > threshold, flaggedUntil[actor].map({ access.recordedAt > $0 }) ?? true {
                    flag(.manyParticipants, "\(distinct) participants within \(windowMinutes) minutes")
                    flaggedUntil[actor] = Timestamp(millisecondsSinceEpoch: access.recordedAt.millisecondsSinceEpoch + Int64(windowMinutes) * 60_000)
                }
            }
        }
        return found
    }
}
