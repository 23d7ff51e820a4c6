import ParcoursLog

/// One record of the access log: who (role, organization), which participant, which
/// view and categories, for what purpose, with what outcome and reason, and a break-glass
/// justification, marked for review — never clinical content.
public struct AccessRecord: Sendable, Equatable {
    /// `access.` + kind: read, export, write.
    public var type: String
    public var payload: [String: JSONValue]

    public init(kind: String, payload: [String: JSONValue]) {
        type = "access." + kind
        self.payload = payload
    }

    /// The record of the policy's decision on a read; `kind` is `export` for what leaves the
    /// store whole (a log export, a backup), unless the caller names another (a register's write).
    public static func decided(_ decision: AccessDecision, reader: Reader, view: AccessView, participant: String?,
                               justification: String?, details: [String: JSONValue] = [:], kind: String? = nil) -> AccessRecord {
        var data = details
        data["actor"] = .string(reader.id)
        if let role = Role.recordedOrder.first(where: reader.holds) { data["role"] = .string(role.rawValue) }
        if let organization = reader.organization { data["organization"] = .string(organization) }
        if let participant { data["participant"] = .string(participant) }
        data["view"] = .string(view.rawValue)
        data["categories"] = .array(decision.categories.map(\.rawValue).sorted().map(JSONValue.string))
        data["purpose"] = .string(decision.purpose.rawValue)
        data["outcome"] = .string(decision.outcome.rawValue)
        if let denial = decision.denial { data["reason"] = .string(denial.rawValue) }
        if decision.brokeGlass, let justification {
            data["justification"] = .string(justification)
            data["review"] = true
        }
        return AccessRecord(kind: kind ?? ([.export, .backup].contains(view) ? "export" : "read"), payload: data)
    }

    /// The record of the policy's decision on a write of an act of `type` into a
    /// participant's record (`participant` nil for an admission refused before one existed).
    /// A care-team change names the clinician who joins or leaves: it changes who reads.
    public static func decidedWrite(_ decision: AccessDecision, writer: Reader, act type: String, participant: String?,
                                    clinician: String?, justification: String?) -> AccessRecord {
        var record = decided(decision, reader: writer, view: .record, participant: participant, justification: justification)
        record.type = "access.write"
        record.payload["categories"] = nil
        record.payload["act"] = .string(type)
        if let clinician { record.payload["clinician"] = .string(clinician) }
        return record
    }
}

extension Role {
    /// The role a read is recorded under: the first the reader holds, care before oversight.
    public static let recordedOrder: [Role] = [.clinician, .coordinator, .partner, .privacyOfficer, .admin, .researcher, .designatedProfessional]
}
