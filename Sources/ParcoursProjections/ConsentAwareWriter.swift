import Foundation
import Synchronization
import ParcoursAccess
import ParcoursClinical
import ParcoursLog

/// Clinical acts written as the access policy lets each writer write them.
///
/// Inside one write transaction — so writers on one participant serialize, and none decides
/// from a stale read — each act of a batch is, in turn:
/// 1. decided by `AccessPolicy` against the participant's record as the earlier acts of the
///    batch leave it, before any rule is checked: a refused writer learns nothing but the
///    refusal, whose access record is written once the batch is rolled back;
/// 2. checked by the framework's rules (refusals name the field; warnings are kept);
/// 3. drafted, sealed and signed with the next version of the stream.
///
/// An admission creates the care team with the admitting clinician: a `careteam.assigned`
/// whose id derives from the admission's (so a retried admission stays idempotent), unless
/// the batch's next act is that very assignment.
/// Writes under break-glass, care-team changes and a legal-obligation disclosure despite the
/// participant's refusal get their access record in the same transaction as the acts: both
/// durable, or neither.
public struct ConsentAwareWriter: Sendable {
    let store: any ProjectionStore
    /// Writes a refusal's access record durably; a failure is what the writer reports.
    let recordRefusal: @Sendable (AccessRecord) async throws -> Void

    public init(store: any ProjectionStore, recordRefusal: @escaping @Sendable (AccessRecord) async throws -> Void) {
        self.store = store
        self.recordRefusal = recordRefusal
    }

    /// One act as written.
    public struct Written: Sendable {
        public var result: AppendResult
        public var participant: String
        public var type: String
        public var warnings: [ClinicalWarning]
        /// The act was added by the writer itself (the care team an admission creates).
        public var implied: Bool

        /// What the command line prints of it and the JSON API answers (`implied` said only when true).
        public var json: JSONValue {
            var members: [String: JSONValue] = ["seq": .int(Int64(result.seq)), "id": .string(result.id), "participant": .string(participant),
                                                "type": .string(type), "existing": .bool(result.existing), "warnings": .array(warnings.map(\.json))]
            if implied { members["implied"] = .bool(true) }
            return .object(members)
        }
    }

    /// Who writes: the directory's actor (`writer`), her or his unlocked key (`author`), and
    /// a break-glass justification when she or he is outside the record's care team.
    public struct Writer: Sendable {
        public var reader: Reader
        public var author: UnlockedActor
        public var breakGlass: String?
        /// The directory as it stands: organizations of care teams, active clinicians, the designated professionals.
        public var directory: Directory

        public init(reader: Reader, author: UnlockedActor, breakGlass: String?, directory: Directory) {
            (self.reader, self.author, self.breakGlass, self.directory) = (reader, author, breakGlass, directory)
        }
    }

    /// Records a batch atomically: every act, or none. Durable on return.
    ///
    /// - Throws: `ConsentAwareReader.Denied` when the policy refuses an act (recorded first),
    ///   `ActRefused` naming the field when an act breaks a rule, and what the store throws.
    public func record(_ requests: [ActRequest], by writer: Writer, today: String,
                       newParticipantID: @escaping @Sendable () -> String = ClinicalRecorder.newParticipantID) async throws -> [Written] {
        let outcome = Outcome()
        do {
            let results = try await store.append(preparing: { source in
                var batch = Batch(source: source, writer: writer, today: today)
                for (index, request) in requests.enumerated() {
                    do {
                        try batch.add(request, next: requests.indices.contains(index + 1) ? requests[index + 1] : nil,
                                      newParticipantID: newParticipantID)
                    } catch let denied as BatchDenied {
                        outcome.state.withLock { $0.refusal = denied.record }
                        throw denied.denied
                    } catch var refused as ActRefused {
                        if requests.count > 1 { refused.act = index + 1 }
                        throw refused
                    } catch let error as ClinicalError {
                        throw ActRefused(error, act: requests.count > 1 ? index + 1 : nil)
                    }
                }
                outcome.state.withLock { $0.written = batch.written }
                return PreparedBatch(drafts: batch.drafts, access: batch.access)
            }, by: writer.author)
            var written = outcome.state.withLock { $0.written }
            for index in written.indices { written[index].result = results[index] }
            return written
        } catch {
            if let refusal = outcome.state.withLock({ $0.refusal }) { try await recordRefusal(refusal) }
            throw error
        }
    }

    /// What the transaction's body leaves for after it: the acts as written, or a refusal to record.
    final class Outcome: Sendable {
        let state = Mutex<(written: [Written], refusal: AccessRecord?)>(([], nil))
    }

    /// A policy refusal inside the transaction, with the record to write once it is rolled back.
    struct BatchDenied: Error {
        var record: AccessRecord
        var denied: ConsentAwareReader.Denied
    }

    /// A participant as the batch sees her or him: what the policy reads, the rules' record,
    /// and the whole journey once an act of the batch changes what the policy reads.
    struct State {
        var facts: Journey.AccessFacts
        var record: ParticipantRecord
        var journey: Journey?
        /// The policy's view of `facts`, once computed.
        var context: ParticipantContext?
    }

    /// The batch being drawn up inside the write transaction.
    struct Batch {
        let source: any ProjectionTransaction
        let writer: Writer
        let today: String
        var states: [String: State] = [:]
        var drafts: [EventDraft] = []
        var access: [(type: String, data: [String: JSONValue])] = []
        var written: [Written] = []
        /// The admission just added, when the batch's next act is the assignment that creates its care team.
        var founding: (participant: String, decision: AccessDecision)?

        /// Each actor's organization, from the directory.
        let organizations: [String: String]

        init(source: any ProjectionTransaction, writer: Writer, today: String) {
            (self.source, self.writer, self.today) = (source, writer, today)
            organizations = writer.directory.organizations
        }

        /// Adds one act; `next` is the act that follows it in the batch, if any.
        mutating func add(_ request: ActRequest, next: ActRequest?, newParticipantID: () -> String) throws {
            let admission = request.type == ClinicalActType.participantEnrolled.rawValue
            let participant = admission ? try admitted(request, newParticipantID: newParticipantID) : request.participant!.rawValue
            let changesAccess = Journey.changesAccess(request.type)
            var state = try admission ? nil : states[participant] ?? Projector.current(of: participant, in: source, whole: changesAccess)
                .map { State(facts: $0.facts, record: $0.record, journey: $0.journey) }
            let clinician = request.type.hasPrefix("careteam.") ? request.data["clinician"]?.stringValue : nil
            // The clinician a care-team change names goes to the access log, decided or refused: only an actor id does.
            if let clinician, !Identifiers.isActorID(clinician) {
                throw ActRefused("data.clinician", "an actor id of the directory, such as clin-0001",
                                 fr: "un identifiant d'acteur de l'annuaire, par exemple clin-0001")
            }
            let decision: AccessDecision
            if let founding, founding.participant == participant, request.type == ClinicalActType.careTeamAssigned.rawValue {
                // The assignment that creates the care team, right after the admission: decided with it.
                decision = founding.decision
                access.append(recordOf(decision, request.type, participant, clinician: clinician).logged)
            } else {
                decision = try decide(request.type, participant: admission ? nil : participant, state: &state, clinician: clinician)
            }
            founding = nil
            try checkAuthority(request, record: state?.record)
            var record = state?.record
            let eventID = request.id ?? Identifiers.newEventID()
            let version = UInt64(record?.acts ?? 0)
            let mayDiagnose = request.data["diagnosis"] != nil
                && writer.reader.holds(.designatedProfessional)
            let warnings = try ClinicalRecorder.record(type: request.type, data: Data(CanonicalJSON.encode(.object(request.data))),
                                                       occurredAt: request.occurredAt, id: eventID, participant: participant,
                                                       into: &record, authorMayDiagnose: mayDiagnose)
            // What the policy reads is kept up to date for the batch's next acts; other acts leave it as it is.
            var journey: Journey?
            if admission {
                journey = Journey(participant: participant)
            } else if changesAccess {
                journey = try state?.journey ?? Projector.current(of: participant, in: source)?.journey
            }
            append(request.type, participant: participant, data: request.data, occurredAt: request.occurredAt, id: eventID,
                   version: request.expectedVersion ?? version, warnings: warnings, journey: &journey, implied: false)
            state = State(facts: journey?.accessFacts ?? state!.facts, record: record!, journey: journey ?? state?.journey,
                          context: journey == nil ? state?.context : nil)
            let teamFollows = next.map { $0.type == ClinicalActType.careTeamAssigned.rawValue && $0.participant?.rawValue == participant
                && $0.data["clinician"]?.stringValue == writer.reader.id } ?? false
            if admission, teamFollows {
                founding = (participant, decision)
            } else if admission {
                // The admission creates the care team with the admitting clinician.
                let team: [String: JSONValue] = ["clinician": .string(writer.reader.id), "reason": "admission"]
                let teamID = Identifiers.derivedEventID(from: eventID, purpose: "careteam.assigned")
                _ = try ClinicalRecorder.record(type: ClinicalActType.careTeamAssigned.rawValue, data: Data(CanonicalJSON.encode(.object(team))),
                                                occurredAt: request.occurredAt, id: teamID, participant: participant, into: &record)
                append(ClinicalActType.careTeamAssigned.rawValue, participant: participant, data: team, occurredAt: request.occurredAt,
                       id: teamID, version: version + 1, warnings: [], journey: &journey, implied: true)
                access.append(recordOf(decision, ClinicalActType.careTeamAssigned.rawValue, participant, clinician: writer.reader.id).logged)
                state = State(facts: journey!.accessFacts, record: record!, journey: journey)
            }
            states[participant] = state
        }

        /// The participant an admission creates: a new id, or the one a retried admission (same id) created.
        mutating func admitted(_ request: ActRequest, newParticipantID: () -> String) throws -> String {
            if let id = request.id, let earlier = try source.event(withID: id) {
                guard earlier.type == request.type, earlier.author == writer.reader.id,
                      let participant = Identifiers.participant(ofStream: earlier.stream) else {
                    throw ActRefused("id", "already names another event; give a new id",
                                     fr: "cet identifiant désigne déjà un autre événement : donnez-en un nouveau")
                }
                return participant
            }
            // Random ids can meet (32^6 of them): draw again rather than admit into someone else's stream.
            for _ in 0..<20 {
                let drawn = newParticipantID()
                if states[drawn] == nil, try source.streamHead(of: drawn) == nil { return drawn }
            }
            throw ActRefused("participant", "no free participant id after 20 draws",
                             fr: "aucun identifiant de personne libre après 20 tirages")
        }

        func request(_ type: String, _ participant: ParticipantContext?, _ clinician: String?) -> AccessRequest {
            AccessRequest(reader: writer.reader, view: .record, participant: participant, breakGlass: writer.breakGlass,
                          act: WriteAct(type: type, clinician: clinician))
        }

        /// Decides the write before anything of the record is looked at; a refusal leaves
        /// the batch with the record of the decision.
        mutating func decide(_ type: String, participant: String?, state: inout State?, clinician: String?) throws -> AccessDecision {
            var context: ParticipantContext?
            if participant != nil, let known = state, !known.record.erased {
                context = known.context ?? known.facts.context(organizations: organizations, today: today)
                state?.context = context
            }
            var decision = AccessPolicy.decide(request(type, context, clinician))
            if participant != nil, state?.record.erased == true {
                decision = AccessDecision(outcome: .denied, categories: [], purpose: .care, denial: .erasedParticipant, brokeGlass: false)
            }
            guard decision.permitted else {
                throw BatchDenied(record: recordOf(decision, type, participant, clinician: clinician),
                                  denied: ConsentAwareReader.Denied(decision: decision, view: .record))
            }
            // Recorded beside the act: the glass broken, a care-team change, a write despite the participant's refusal.
            if decision.brokeGlass || clinician != nil || decision.purpose == .legalObligation {
                access.append(recordOf(decision, type, participant, clinician: clinician).logged)
            }
            return decision
        }

        func recordOf(_ decision: AccessDecision, _ type: String, _ participant: String?, clinician: String?) -> AccessRecord {
            AccessRecord.decidedWrite(decision, writer: writer.reader, act: type, participant: participant.flatMap(ParticipantID.init),
                                      clinician: clinician, justification: writer.breakGlass)
        }

        /// The checks that need the directory or the record beyond the act itself.
        func checkAuthority(_ request: ActRequest, record: ParticipantRecord?) throws {
            if request.type.hasPrefix("careteam."), let clinician = request.data["clinician"]?.stringValue,
               writer.directory.activeActor(clinician)?.holds(Role.clinician.rawValue) != true {
                throw ActRefused("data.clinician", "\(clinician.prefix(64)) is not an active clinician of the directory",
                                 fr: "\(clinician.prefix(64)) n'est pas un·e intervenant·e actif·ve de l'annuaire")
            }
            // Who may read is changed by new acts, never by rewriting old ones: the policy decides those.
            for (member, field) in [("corrects", "data.corrects"), ("voids", "data.voids")] {
                guard let target = request.data[member]?.stringValue, let type = record?.types[target] else { continue }
                if type.hasPrefix("careteam.") || type.hasPrefix("consent.") {
                    throw ActRefused(field, "a care-team change or a consent is not corrected or voided: record a new "
                        + "careteam.assigned / careteam.released, consent.given / consent.withdrawn / consent.refused",
                                     fr: "un changement dans l'équipe de suivi ou un consentement ne se corrige pas et ne s'annule pas : consignez "
                        + "un nouvel acte careteam.assigned / careteam.released, consent.given / consent.withdrawn / consent.refused")
                }
            }
        }

        /// Adds a draft and the act it records to the batch's view of the participant.
        mutating func append(_ type: String, participant: String, data: [String: JSONValue], occurredAt: String, id: String,
                             version: UInt64, warnings: [ClinicalWarning], journey: inout Journey?, implied: Bool) {
            var stored = data
            stored["occurredAt"] = .string(occurredAt)
            if !warnings.isEmpty { stored["warnings"] = .array(warnings.map(\.json)) }
            let schema = ClinicalActType(rawValue: type)?.currentSchema ?? 1
            drafts.append(EventDraft(type: type, stream: Identifiers.participantStreamPrefix + participant, data: stored, id: id,
                                     expectedVersion: version, schema: schema))
            if journey != nil {
                journey!.apply(ProjectedEvent(seq: 0, id: id, participant: participant, version: version, type: type, schema: schema,
                                              author: writer.reader.id, recordedAt: Timestamp.now().description,
                                              payload: Data(CanonicalJSON.encode(.object(stored)))))
            }
            written.append(Written(result: AppendResult(seq: 0, id: id, stream: "", version: version, leafHash: .zero, existing: false),
                                   participant: participant, type: type,
                                   warnings: warnings, implied: implied))
        }
    }
}

extension ClinicalWarning {
    /// As recorded with the act and printed: `{"code", "message"}`.
    public var json: JSONValue { ["code": .string(code.rawValue), "message": .string(message)] }
}
