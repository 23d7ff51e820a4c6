import Foundation
import HTTPTypes
import Hummingbird
import ParcoursApp
import ParcoursClinical
import ParcoursLog

/// What every operation of the JSON API shares beyond its session: a method the document does not
/// list for a path answers 405 with `Allow` (not 404, which would say the path does not exist),
/// JSON answers are written one way, and a query's values are read and checked one way.
extension WebApplication {
    /// The methods a client may send; those a path of the API does not take answer 405.
    static let apiMethods: [HTTPRequest.Method] = [.get, .head, .post, .put, .patch, .delete, .options, .trace, HTTPRequest.Method("QUERY")!]

    /// Adds, for every path of the API routed so far, a 405 for each method it does not take.
    /// Call it once, after every API route.
    func addAPIMethodAnswers(to router: Router<WebContext>) {
        let routed = Dictionary(grouping: router.routes.filter { $0.path.description.hasPrefix("/api/") }, by: { $0.path.description })
        for (_, routes) in routed.sorted(by: { $0.key < $1.key }) {
            let taken = Set(routes.map(\.method))
            let allow = Self.apiMethods.filter(taken.contains).map(\.rawValue).joined(separator: ", ")
            for method in Self.apiMethods where !taken.contains(method) {
                router.on(routes[0].path, method: method) { request, _ in
                    var answer = APIProblem.methodNotAllowed.response(in: Self.apiLanguage(request))
                    answer.headers[.allow] = allow
                    return answer
                }
            }
        }
    }

    /// A JSON value as the answer, canonical (RFC 8785), as the command line prints it.
    static func canonical(_ value: JSONValue, status: HTTPResponse.Status = .ok, headers extra: HTTPFields = [:]) -> Response {
        var headers: HTTPFields = [.contentType: "application/json"]
        headers.append(contentsOf: extra)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: CanonicalJSON.string(value))))
    }

    /// The request's JSON object body (at most `apiBodyLimit`) with no member but `members` (nil:
    /// the use case checks them), or a 400 naming the body (not one object, as `shape` says) or the
    /// member it does not take.
    static func apiObject(_ request: Request, members: Set<String>?, shape: String) async throws -> [String: JSONValue] {
        let body = try await request.body.collect(upTo: apiBodyLimit)
        guard case .object(let object)? = try? JSONParser.parse(Array(buffer: body)) else {
            throw APIProblem.invalid("body", "one JSON object: \(shape)", fr: "un objet JSON : \(shape)")
        }
        if let members { try refuseUnknown(object.keys, members: members) }
        return object
    }

    /// The request's body decoded as `T` (numbers may have fractions) with no member but `members`:
    /// the first wrong, missing or unknown member refused by name.
    static func apiBody<T: Decodable>(_ request: Request, as type: T.Type, members: Set<String>, shape: String) async throws -> T {
        let body = Data(buffer: try await request.body.collect(upTo: apiBodyLimit))
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else {
            throw APIProblem.invalid("body", "one JSON object: \(shape)", fr: "un objet JSON : \(shape)")
        }
        try refuseUnknown(object.keys, members: members)
        if let null = object.keys.sorted().first(where: { object[$0] is NSNull }) {
            throw APIProblem.invalid(null, "a value (leave the member out rather than null)", fr: "une valeur (omettez le membre plutôt que null)")
        }
        do {
            return try JSONDecoder().decode(T.self, from: body)
        } catch let error as DecodingError {
            let path: [any CodingKey] = switch error {
            case .keyNotFound(let key, let context): context.codingPath + [key]
            case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context): context.codingPath
            @unknown default: []
            }
            let field = path.map(\.stringValue).joined(separator: ".")
            throw APIProblem.invalid(field.isEmpty ? "body" : field, "as \(shape) says", fr: "comme le dit \(shape)")
        }
    }

    /// A 400 naming the first of `keys` that is not one of `members`.
    static func refuseUnknown(_ keys: some Collection<String>, members: Set<String>) throws {
        guard let unknown = keys.sorted().first(where: { !members.contains($0) }) else { return }
        let takes = members.sorted().joined(separator: ", ")
        throw APIProblem.invalid(unknown, "no such member; this body takes \(takes)", fr: "membre inconnu ; ce corps prend \(takes)")
    }

    /// The query's values, the first of each name, trimmed; one given empty is refused by name
    /// (leave it out to leave it unsaid).
    static func query(_ request: Request) throws -> [String: String] {
        let query = Dictionary(request.uri.queryParameters.map { (String($0.key), String($0.value).trimmingCharacters(in: .whitespaces)) },
                               uniquingKeysWith: { first, _ in first })
        if let empty = query.first(where: { $0.value.isEmpty })?.key {
            throw AppError.invalidInput(field: empty, reason: "a value, or leave the parameter out")
        }
        return query
    }

    /// A day of the query, or nil when it is absent; a malformed one refused naming it.
    static func day(_ name: String, in query: [String: String]) throws -> Day? {
        guard let text = query[name] else { return nil }
        return try Day(checking: text, field: name)
    }
}
