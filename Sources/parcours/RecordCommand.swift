import ArgumentParser
import Foundation
import ParcoursClinical
import ParcoursLog
import ParcoursProjections
import ParcoursStore

struct RecordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Record clinical acts, validated against the framework's rules (one JSON object, or JSON Lines as one batch).",
        discussion: """
            Each act is {"type", "participant", "occurredAt", "data", "id"?, "expectedVersion"?}; an admission
            (participant.enrolled) leaves "participant" out and gets a new pseudonymous id. Refusals name the field
            and write nothing; warnings are recorded with the act and printed. Acts: \
            \(ClinicalActType.allCases.map(\.rawValue).joined(separator: ", ")).
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var signer: ActorOption
    @Argument(help: "A file of acts, or - for standard input.") var file: String

    static let members: Set<String> = ["type", "participant", "occurredAt", "data", "id", "expectedVersion"]

    func run() throws {
        let requests = try AppendCommand.parseJSON(try AppendCommand.readInput(file))
        let opened = try store.open()
        let author = try signer.unlock(opened, holding: "clinician", to: "record clinical acts")
        let master = try opened.unlockMaster(passphrase: try Secrets.master())
        // Every participant's record in one snapshot; an admission's comes with it.
        let named = Set(requests.compactMap { $0.objectValue?["participant"]?.stringValue }.filter(Identifiers.isParticipantID))
        var records = try Projector(store: opened, master: master).records(of: named)
        var drafts: [EventDraft] = []
        var outcomes: [(participant: String, warnings: [ClinicalWarning])] = []
        for (index, request) in requests.enumerated() {
            let prefix = requests.count > 1 ? "act \(index + 1): " : ""
            do {
                let (draft, participant, warnings) = try Self.prepare(request, store: opened, master: master, records: &records,
                                                                       author: author.id)
                drafts.append(draft)
                outcomes.append((participant, warnings))
            } catch let error as ClinicalError {
                throw CommandError(prefix + error.description)
            } catch let error as CommandError {
                throw CommandError(prefix + error.description)
            }
        }
        // Durable on return; the projections follow when they are next read.
        let results = try opened.append(drafts, by: author, master: master)
        for (index, result) in results.enumerated() {
            let outcome = outcomes[index]
            Output.json(["seq": .int(Int64(result.seq)), "id": .string(result.id), "participant": .string(outcome.participant),
                         "type": .string(drafts[index].type), "existing": .bool(result.existing),
                         "warnings": .array(outcome.warnings.map(Self.json))])
        }
    }

    /// Validates one act against the participant's record (as of the earlier acts of the batch).
    /// `newParticipantID` names an admitted person (random, unless generating demo data).
    /// `author` is who records: a diagnosis is accepted only from a designated professional.
    static func prepare(_ request: JSONValue, store: Store, master: MasterKey, records: inout [String: ParticipantRecord],
                        author: String? = nil,
                        newParticipantID: () -> String = ClinicalRecorder.newParticipantID) throws -> (EventDraft, String, [ClinicalWarning]) {
        guard let object = request.objectValue else { throw CommandError("an act must be a JSON object") }
        if let unknown = object.keys.filter({ !Self.members.contains($0) }).sorted().first {
            throw CommandError("\(unknown): unknown member; accepted: \(Self.members.sorted().joined(separator: ", "))")
        }
        guard let type = object["type"]?.stringValue else { throw CommandError("type: required, e.g. stage.assessed") }
        guard let occurredAt = object["occurredAt"]?.stringValue else { throw CommandError("occurredAt: required, e.g. 2026-11-23T10:15:30.000Z") }
        guard let data = object["data"]?.objectValue else { throw CommandError("data: required, a JSON object") }
        let id = try object["id"].map { value throws -> String in
            guard let text = value.stringValue, Identifiers.isEventID(text) else { throw CommandError("id: a lowercase UUID") }
            return text
        }
        let expectedVersion = try object["expectedVersion"].map { value throws -> UInt64 in
            guard let number = value.intValue, number >= 0 else { throw CommandError("expectedVersion: an integer ≥ 0") }
            return UInt64(number)
        }
        let participant: String
        var record: ParticipantRecord?
        if type == ClinicalActType.participantEnrolled.rawValue {
            guard object["participant"] == nil else { throw CommandError("participant: an admission creates the participant; leave it out") }
            if let id, let earlier = try store.streamAndType(ofEvent: id) {
                // A retried admission: the same participant, so the same draft, and the store returns the original.
                guard earlier.type == type, let admitted = Identifiers.participant(ofStream: earlier.stream) else {
                    throw CommandError("id: \(id) already names an event that is not an admission; give a new id")
                }
                participant = admitted
            } else {
                // Random ids can meet (32^6 of them): draw again rather than admit into someone else's stream.
                var drawn = newParticipantID(), attempts = 1
                while try records[drawn] != nil || store.streamExists(Identifiers.participantStreamPrefix + drawn) {
                    guard attempts < 20 else { throw CommandError("participant: no free participant id after \(attempts) draws") }
                    drawn = newParticipantID()
                    attempts += 1
                }
                participant = drawn
            }
        } else {
            guard let given = object["participant"]?.stringValue, Identifiers.isParticipantID(given) else {
                throw CommandError("participant: a participant id such as P-7Q4K2M")
            }
            participant = given
            record = try records[participant] ?? Self.load(participant, from: store, master: master)
        }
        if type.hasPrefix("careteam."), let clinician = data["clinician"]?.stringValue,
           !store.currentDirectoryHolds(clinician, role: "clinician") {
            throw CommandError("data.clinician: \(clinician) is not an active clinician of the directory")
        }
        let bytes = Data(CanonicalJSON.encode(.object(data)))
        let mayDiagnose = data["diagnosis"] != nil
            && author.map { store.currentDirectoryHolds($0, role: Directory.designatedProfessionalRole) } == true
        let version = UInt64(record?.acts ?? 0)
        let eventID = id ?? Identifiers.newEventID()
        let warnings = try ClinicalRecorder.record(type: type, data: bytes, occurredAt: occurredAt, id: eventID, participant: participant,
                                                   into: &record, authorMayDiagnose: mayDiagnose)
        records[participant] = record
        var stored = data
        stored["occurredAt"] = .string(occurredAt)
        if !warnings.isEmpty { stored["warnings"] = .array(warnings.map(Self.json)) }
        let draft = EventDraft(type: type, stream: Identifiers.participantStreamPrefix + participant, data: stored, id: eventID,
                               expectedVersion: expectedVersion ?? version,
                               schema: ClinicalActType(rawValue: type)?.currentSchema ?? 1)
        return (draft, participant, warnings)
    }

    /// The participant's record so far; nil when there is none. Read from the journey projection and the events it has not followed yet; a
    /// participant it does not know is looked up in the log, which tells "erased" from "unknown".
    static func load(_ participant: String, from store: Store, master: MasterKey) throws -> ParticipantRecord? {
        try Projector(store: store, master: master).recordOrHistory(of: participant)
    }

    static func json(_ warning: ClinicalWarning) -> JSONValue {
        ["code": .string(warning.code), "message": .string(warning.message)]
    }
}
