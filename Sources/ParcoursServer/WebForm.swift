import Foundation
import Hummingbird
import ParcoursLog

/// A submitted form (`application/x-www-form-urlencoded`), field by field. A field given
/// twice keeps its first value; `values(_:)` gives them all (boxes ticked under one name).
struct WebForm: Sendable {
    var fields: [String: String]
    private var all: [String: [String]] = [:]

    subscript(_ name: String) -> String? { fields[name] }

    /// Every value given for `name`, in the order sent.
    func values(_ name: String) -> [String] { all[name] ?? [] }

    /// Every name given, each with its values.
    var allValues: [String: [String]] { all }

    /// Reads the request's body, at most `limit` bytes (`context.maxUploadSize` by default).
    init(_ request: Request, context: some RequestContext, limit: Int? = nil) async throws {
        let body = try await request.body.collect(upTo: limit ?? context.maxUploadSize)
        self.init(encoded: String(buffer: body))
    }

    /// The fields of another encoding (`MultipartForm`'s text fields), each with its values in order.
    init(values: [String: [String]]) {
        all = values
        fields = values.compactMapValues(\.first)
    }

    init(encoded: String) {
        var fields: [String: String] = [:], all: [String: [String]] = [:]
        for pair in encoded.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]) else { continue }
            let value = parts.count > 1 ? Self.decode(parts[1]) ?? "" : ""
            if fields[name] == nil { fields[name] = value }
            all[name, default: []].append(value)
        }
        self.fields = fields
        self.all = all
    }

    /// Whether the form carries `expected` as its `_csrf` token: compared by digest, so the
    /// time taken says nothing of where they differ.
    func carries(token expected: String) -> Bool {
        guard let given = fields["_csrf"], !expected.isEmpty else { return false }
        return Sodium.sha256(Array(given.utf8)) == Sodium.sha256(Array(expected.utf8))
    }

    static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
