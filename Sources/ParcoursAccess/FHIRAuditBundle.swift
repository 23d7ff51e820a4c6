import ParcoursClinical
import ParcoursLog

/// The access log as a FHIR R4 `Bundle` (type `collection`) of `AuditEvent` resources,
/// following IHE Basic Audit Log Patterns (BALP 1.1, FHIR R4) where an access fits one of its
/// profiles — for a privacy officer, an auditor or any FHIR tool.
///
/// What goes out is what the access log holds and nothing more: pseudonymous participant
/// ids, actor ids, roles, views, categories, purposes and outcomes, all vocabulary. Free text
/// never does: a break-glass justification is marked (`break-glass: true`), not copied; a
/// denial gives its category only; a participant's name is nowhere in the access log anyway.
///
/// Profiles claimed in `meta.profile`, only where the event conforms:
/// - a permitted read of one participant: `IHE.BasicAudit.PatientRead`;
/// - another permitted read: `IHE.BasicAudit.Read`;
/// - a denied request: none — BALP's Read fixes `outcome` to 0 (success) and sends
///   authorization failures to FHIR core's "Access Denied" pattern, which has no profile;
/// - a write into a participant's record (an act under break-glass, a care-team change, a
///   refused write): none — a RESTful `create` (action `C`) of the act, whose type is in the
///   entity's details; BALP's Create profile needs the created resource, which stays sealed;
/// - a sign-in, proven or refused: none — DICOM's User Authentication (110114), subtype Login
///   (110122), action `E`, as DICOM PS3.15 writes it; it reads nothing, so it names no entity;
/// - an export: none — BALP has no export profile, and its `PrivacyDisclosure.Source` needs a
///   patient and a recipient the access log does not name. The type is DICOM's Export (110106),
///   with action `R`, as DICOM PS3.15 and BALP's disclosure profile write it.
public enum FHIRAuditBundle {
    /// One access-log record, its payload typed: nothing but vocabulary and ids can reach the bundle.
    public typealias Record = RecordedAccess

    public static let balpBase = "https://profiles.ihe.net/ITI/BALP/StructureDefinition/"
    public static let readProfile = balpBase + "IHE.BasicAudit.Read"
    public static let patientReadProfile = balpBase + "IHE.BasicAudit.PatientRead"

    static let auditEventType = "http://terminology.hl7.org/CodeSystem/audit-event-type"
    static let restfulInteraction = "http://hl7.org/fhir/restful-interaction"
    static let dicom = "http://dicom.nema.org/resources/ontology/DCM"
    static let actReason = "http://terminology.hl7.org/CodeSystem/v3-ActReason"
    static let participationType = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType"
    static let entityType = "http://terminology.hl7.org/CodeSystem/audit-entity-type"
    static let objectRole = "http://terminology.hl7.org/CodeSystem/object-role"
    static let sourceType = "http://terminology.hl7.org/CodeSystem/security-source-type"
    static let networkType = "http://hl7.org/fhir/network-type"

    /// Identifier systems of Parcours' own names (pseudonymous ids and vocabulary codes).
    public static let actorSystem = "urn:parcours:actor"
    public static let participantSystem = "urn:parcours:participant"
    public static let roleSystem = "urn:parcours:role"
    public static let viewSystem = "urn:parcours:view"
    public static let logSystem = "urn:parcours:log"
    public static let applicationSystem = "urn:parcours:application"

    /// The bundle of every record given, in their order; `generatedAt` is its `timestamp`.
    public static func bundle(_ records: [Record], generatedAt: Timestamp) -> JSONValue {
        var bundle: [String: JSONValue] = [
            "resourceType": "Bundle",
            "type": "collection",
            "timestamp": .string(generatedAt.description),
        ]
        // FHIR refuses empty arrays: no entry at all when there is nothing to show.
        if !records.isEmpty {
            bundle["entry"] = .array(records.map { record in
                ["fullUrl": .string("urn:uuid:" + record.entry.id), "resource": auditEvent(record)]
            })
        }
        return .object(bundle)
    }

    /// One record as an `AuditEvent`.
    public static func auditEvent(_ recorded: Record) -> JSONValue {
        let (entry, access) = (recorded.entry, recorded.record)
        let kind = access.kind
        let permitted = access.outcome == .permitted
        let participant = access.participant?.rawValue
        let purpose = access.purpose?.rawValue
        let brokeGlass = access.purpose == .breakGlass || access.justification != nil

        var event: [String: JSONValue] = [
            "resourceType": "AuditEvent",
            "id": .string(entry.id),
            "recorded": .string(entry.recordedAt.description),
            "outcome": permitted ? "0" : "4",
            "source": source(entry.log),
        ]
        var meta: [String: JSONValue] = ["source": .string("urn:parcours:access-log:\(entry.seq)")]
        if permitted, kind == .read { meta["profile"] = [.string(participant == nil ? readProfile : patientReadProfile)] }
        event["meta"] = .object(meta)

        switch kind {
        case .read, .search:
            event["type"] = coding(auditEventType, "rest", "Restful Operation")
            event["subtype"] = [kind == .read ? coding(restfulInteraction, "read", "read") : coding(restfulInteraction, "search", "search")]
            event["action"] = kind == .read ? "R" : "E"
        case .write:
            event["type"] = coding(auditEventType, "rest", "Restful Operation")
            event["subtype"] = [coding(restfulInteraction, "create", "create")]
            event["action"] = "C"
        case .export:
            event["type"] = coding(dicom, "110106", "Export")
            event["action"] = "R"
        case .signIn:
            event["type"] = coding(dicom, "110114", "User Authentication")
            event["subtype"] = [coding(dicom, "110122", "Login")]
            event["action"] = "E"
        }
        if !permitted { event["outcomeDesc"] = .string(access.reason?.rawValue ?? AccessRecord.Reason.refused.rawValue) }
        if let purpose { event["purposeOfEvent"] = [purposeOfEvent(purpose)] }

        event["agent"] = .array([user(access), client(), server(entry.log)])

        var entities: [JSONValue] = []
        if let participant {
            entities.append([
                "what": ["type": "Patient", "identifier": ["system": .string(participantSystem), "value": .string(participant)]],
                "type": coding(entityType, "1", "Person"),
                "role": coding(objectRole, "1", "Patient"),
            ])
        }
        // A sign-in reads nothing: no entity (FHIR refuses an empty list).
        if kind != .signIn {
            entities.append(data(access, brokeGlass: brokeGlass))
            event["entity"] = .array(entities)
        }
        return .object(event)
    }

    // MARK: Parts

    static func coding(_ system: String, _ code: String, _ display: String? = nil) -> JSONValue {
        var coding: [String: JSONValue] = ["system": .string(system), "code": .string(code)]
        if let display { coding["display"] = .string(display) }
        return .object(coding)
    }

    /// The person who asked: the requestor, BALP's `user` agent (an information recipient).
    static func user(_ access: AccessRecord) -> JSONValue {
        var agent: [String: JSONValue] = [
            "type": ["coding": [coding(participationType, "IRCP", "information recipient")]],
            "who": ["identifier": ["system": .string(actorSystem), "value": .string(access.actor.rawValue)]],
            "requestor": true,
        ]
        if let role = access.role?.rawValue {
            agent["role"] = [["coding": [coding(roleSystem, role)], "text": .string(role)]]
        }
        return .object(agent)
    }

    /// The program that asked: the `parcours` tool, on the machine that holds the store (BALP's
    /// `client`, Destination Role ID). It reads the store's file directly: no network is
    /// crossed, and the access point BALP requires is the machine itself.
    static func client() -> JSONValue {
        [
            "type": ["coding": [coding(dicom, "110152", "Destination Role ID")]],
            "who": ["identifier": ["system": .string(applicationSystem), "value": "parcours"], "display": "parcours command-line tool"],
            "requestor": false,
            "network": ["address": "localhost", "type": "1"],
        ]
    }

    /// What answered: the store, named by its log's origin (BALP's `server`, Source Role ID).
    static func server(_ accessLog: String) -> JSONValue {
        let origin = accessLog.hasSuffix("/access") ? String(accessLog.dropLast("/access".count)) : accessLog
        return [
            "type": ["coding": [coding(dicom, "110153", "Source Role ID")]],
            "who": ["identifier": ["system": .string(logSystem), "value": .string(origin)], "display": .string(origin)],
            "requestor": false,
            "network": ["address": "localhost", "type": "1"],
        ]
    }

    /// Who recorded the event: the access log itself.
    static func source(_ accessLog: String) -> JSONValue {
        [
            "site": .string(accessLog),
            "observer": ["identifier": ["system": .string(logSystem), "value": .string(accessLog)], "display": .string(accessLog)],
            "type": [coding(sourceType, "4", "Application Server")],
        ]
    }

    /// What was read: the view (BALP's `data` entity, a report), with the stream, the
    /// categories shown and the break-glass mark as details — vocabulary only.
    static func data(_ access: AccessRecord, brokeGlass: Bool) -> JSONValue {
        let view = access.view?.rawValue ?? "unknown"
        var details: [JSONValue] = [["type": "view", "valueString": .string(view)]]
        if let stream = access.stream, Identifiers.isStream(stream) {
            details.append(["type": "stream", "valueString": .string(stream)])
        }
        for category in access.categories ?? [] { details.append(["type": "category", "valueString": .string(category.rawValue)]) }
        if let act = access.act, Identifiers.isEventType(act) { details.append(["type": "act", "valueString": .string(act)]) }
        if brokeGlass { details.append(["type": "break-glass", "valueString": "true"]) }
        return [
            "what": ["identifier": ["system": .string(viewSystem), "value": .string(view)]],
            "type": coding(entityType, "2", "System Object"),
            "role": coding(objectRole, "3", "Report"),
            "detail": .array(details),
        ]
    }

    /// A purpose of the access log as a v3 ActReason (PurposeOfUse) code, the purpose's own
    /// name kept as the text; a purpose without a code keeps the text alone.
    static func purposeOfEvent(_ purpose: String) -> JSONValue {
        guard let (code, display) = purposeCodes[purpose] else { return ["text": .string(purpose)] }
        return ["coding": [coding(actReason, code, display)], "text": .string(purpose)]
    }

    static let purposeCodes: [String: (String, String)] = [
        AccessPurpose.care.rawValue: ("TREAT", "treatment"),
        AccessPurpose.supervision.rawValue: ("HOPERAT", "healthcare operations"),
        AccessPurpose.audit.rawValue: ("HCOMPL", "health compliance"),
        AccessPurpose.research.rawValue: ("HRESCH", "healthcare research"),
        AccessPurpose.participantRequest.rawValue: ("PATRQT", "patient requested"),
        AccessPurpose.breakGlass.rawValue: ("ETREAT", "Emergency Treatment"),
        AccessPurpose.legalObligation.rawValue: ("HLEGAL", "legal"),
        AccessPurpose.administration.rawValue: ("HSYSADMIN", "health system administration"),
    ]
}
