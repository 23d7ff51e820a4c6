import Foundation

/// Reads every recorded version of an act as its current version, so the log keeps
/// what was written and readers see one shape.
public enum ClinicalUpcaster {
    /// The data of an act of `schema` version, as the current version of its type.
    public static func upcast(type: String, schema: Int64, data: Data) throws(ClinicalError) -> Data {
        guard let act = ClinicalActType(rawValue: type), schema < act.currentSchema else { return data }
        switch act {
        case .relapseRecorded where schema == 1:
            let old = try ClinicalRecorder.decode(RelapseRecord.Version1.self, data)
            let factors = old.externalFactors.map { RelapseRecord.Factor(origin: .external, category: nil, description: $0) }
                + old.internalFactors.map { RelapseRecord.Factor(origin: .`internal`, category: nil, description: $0) }
            let current = RelapseRecord(kind: old.kind, startedOn: old.startedOn, endedOn: old.endedOn, factors: factors, whatHelped: old.whatHelped)
            // Members beside the act's own (occurredAt, warnings) are carried over unchanged.
            var object = (try? JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
            for key in ["externalFactors", "internalFactors"] { object[key] = nil }
            guard let encoded = try? JSONEncoder().encode(current),
                  let upgraded = try? JSONSerialization.jsonObject(with: encoded) as? [String: Any] else { return data }
            object.merge(upgraded) { _, new in new }
            return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? data
        default:
            throw ClinicalError("schema", "no reader for \(type) version \(schema)", fr: "cette version ne sait pas lire \(type) en version \(schema)")
        }
    }
}
