import ParcoursAccess
import ParcoursClinical
import ParcoursLog

/// The register of confidentiality incidents (Act respecting health and social services
/// information, s. 110; its regulation, s. 15), kept by the privacy officer in the log's
/// clear stream `register/incidents`. Every read and write of it is decided by the access
/// policy (view `registers`, purpose `audit`) and recorded before anything is read.
extension CaseRecord {
    /// Records an incident with the eight elements of the register, signed by `identity`.
    ///
    /// - Parameter id: the event's id (a lowercase UUID): retrying with it is idempotent.
    /// - Throws: `AppError.invalidInput` naming the field (the incident's, or `id`) before
    ///   anything is recorded; `ConsentAwareReader.Denied` once a refusal is recorded.
    public func recordIncident(_ incident: ConfidentialityIncident, id: String? = nil, by identity: Identity) async throws -> AppendResult {
        try Self.checkEventID(id)
        do throws(ClinicalError) { try incident.validate() } catch { throw AppError(error) }
        let session = try await registerWriter(identity)
        let draft = EventDraft(type: IncidentRegister.recordedType, stream: IncidentRegister.stream, data: incident.json, id: id)
        return try await session.store.append([draft], by: session.signingKey(), master: nil)[0]
    }

    /// Records a later change to an incident of the register: notices sent, measures taken, a
    /// reassessment. The incident with the update applied must pass every rule of the
    /// register, as read now; if the register moves on before the append, it is refused.
    public func updateIncident(_ update: IncidentUpdate, id: String? = nil, by identity: Identity) async throws -> AppendResult {
        try Self.checkEventID(id)
        do throws(ClinicalError) { _ = try IncidentUpdate(json: update.json) } catch { throw AppError(error) }
        let session = try await registerWriter(identity)
        let events = try await registerEvents()
        do throws(ClinicalError) {
            guard let entry = IncidentRegister.fold(events).entries.first(where: { $0.id == update.incident }) else {
                throw ClinicalError("incident", "no incident of the register has this id", fr: "aucun incident du registre ne porte cet identifiant")
            }
            _ = try update.applied(to: entry.incident)
        } catch { throw AppError(error) }
        let draft = EventDraft(type: IncidentRegister.updatedType, stream: IncidentRegister.stream, data: update.json, id: id,
                               expectedVersion: UInt64(events.count))
        return try await session.store.append([draft], by: session.signingKey(), master: nil)[0]
    }

    /// The register: each incident with its updates applied, and the entries that could not
    /// be applied (written outside the register's rules), the read recorded first.
    public func incidentRegister(by identity: Identity) async throws -> (entries: [IncidentRegister.Entry], problems: [IncidentRegister.Problem]) {
        let session = try await session(identity, view: .registers)
        try await session.authorize(.registers, purpose: .audit) { $0.stream = IncidentRegister.stream }
        return IncidentRegister.fold(try await registerEvents())
    }

    /// The writer of the register, decided by the access policy; a refusal is recorded (a
    /// denied write of the registers), then thrown — nothing else is written.
    func registerWriter(_ identity: Identity) async throws -> Session {
        let session = try await session(identity, view: .registers)
        try await session.authorize(.registers, purpose: .audit, kind: .write) { $0.stream = IncidentRegister.stream }
        return session
    }

    /// The register's events, in order.
    func registerEvents() async throws -> [IncidentRegister.Event] {
        try await store.events(inStream: IncidentRegister.stream, master: nil).map { event in
            let envelope = event.envelope
            let data: [String: JSONValue]
            switch event.content {
            case .clear(let clear), .opened(let clear): data = clear
            case .erased: data = [:]
            }
            return IncidentRegister.Event(seq: envelope.seq, id: envelope.id, type: envelope.type, recordedAt: envelope.recordedAt.description,
                                          author: envelope.author.actor, data: data)
        }
    }

    /// Refuses an event id that is not a lowercase UUID.
    static func checkEventID(_ id: String?) throws {
        if let id, !Identifiers.isEventID(id) { throw AppError.invalidInput(field: "id", reason: "a lowercase UUID, or left out") }
    }
}
