/// Why a `JSONValue` does not decode as a type: the member's path and what would be accepted.
/// Never holds a value: what is decoded may be personal or clinical.
public struct JSONValueDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The member's path, `data.factors[1].note`; empty for the value itself.
    public var field: String
    /// What is wrong and what would be accepted.
    public var reason: String

    public init(field: String, reason: String) {
        (self.field, self.reason) = (field, reason)
    }

    public var description: String { field.isEmpty ? reason : "\(field): \(reason)" }

    static func path(_ keys: [any CodingKey]) -> String {
        let path = keys.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
        return path.hasPrefix(".") ? String(path.dropFirst()) : path
    }

    static func unknownMember(_ name: String, at path: [any CodingKey], accepted: Set<String>) -> JSONValueDecodingError {
        JSONValueDecodingError(field: Self.path(path + [AnyKey(name)]),
                               reason: "unknown member; accepted: \(accepted.sorted().joined(separator: ", "))")
    }

    init(_ error: DecodingError) {
        switch error {
        case .keyNotFound(let key, let context): self.init(field: Self.path(context.codingPath + [key]), reason: "required")
        case .valueNotFound(_, let context): self.init(field: Self.path(context.codingPath), reason: "required, not null")
        case .typeMismatch(_, let context), .dataCorrupted(let context):
            self.init(field: Self.path(context.codingPath), reason: context.debugDescription)
        @unknown default: self.init(field: "", reason: "not decodable")
        }
    }
}
