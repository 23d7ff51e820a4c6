import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
@testable import ParcoursServer

/// A recording form as a browser reads it: its hidden fields, and the options of its lists.
struct FormPage {
    let text: String

    init(_ response: TestResponse) { text = response.text }

    /// The hidden fields a browser sends back with the form (token, act id, rows, revision).
    var hidden: [(String, String)] {
        let pattern = #/<input type="hidden" name="([^"]+)" value="([^"]*)">/#
        return text.matches(of: pattern).map { (String($0.output.1), Self.unescaped(String($0.output.2))) }
    }

    /// What a browser sends of the recording form as it stands: every field's value (hidden or
    /// shown), the option selected of each list, the text of each area, each box ticked.
    var sent: [(String, String)] {
        guard let start = text.range(of: "id=\"acte\">"), let end = text[start.upperBound...].range(of: "</form>") else { return hidden }
        let form = text[start.upperBound..<end.lowerBound]
        var pairs: [(String, String)] = []
        for input in form.matches(of: #/<input ([^>]*)>/#) {
            let attributes = String(input.output.1)
            guard let name = Self.attribute("name", in: attributes), let value = Self.attribute("value", in: attributes) else { continue }
            if attributes.contains("type=\"checkbox\""), !attributes.contains(" checked") { continue }
            pairs.append((name, value))
        }
        for select in form.matches(of: #/<select id="[^"]*" name="([^"]+)"[^>]*>(.*?)</select>/#) {
            if let chosen = select.output.2.firstMatch(of: #/<option value="([^"]*)" selected>/#) { pairs.append((String(select.output.1), Self.unescaped(String(chosen.output.1)))) }
        }
        for area in form.matches(of: #/<textarea id="[^"]*" name="([^"]+)"[^>]*>([^<]*)</textarea>/#) {
            pairs.append((String(area.output.1), Self.unescaped(String(area.output.2))))
        }
        return pairs
    }

    static func attribute(_ name: String, in attributes: String) -> String? {
        guard let start = attributes.range(of: " \(name)=\"") ?? (attributes.hasPrefix("\(name)=\"") ? attributes.range(of: "\(name)=\"") : nil) else { return nil }
        return unescaped(String(attributes[start.upperBound...].prefix { $0 != "\"" }))
    }

    /// The first value (not the empty one) a list offers.
    func firstOption(of name: String) -> String? {
        guard let start = text.range(of: "name=\"\(name)\"") else { return nil }
        let rest = text[start.upperBound...]
        let end = rest.range(of: "</select>")?.lowerBound ?? rest.endIndex
        return rest[..<end].matches(of: #/<option value="([^"]+)"/#).first.map { String($0.output.1) }
    }

    /// Whether the field named `name` is in error: marked, and described by its refusal beside it.
    func inError(_ id: String) -> Bool {
        text.contains("aria-invalid=\"true\" aria-describedby=\"\(id)-error") && text.contains("<span class=\"field-error\" id=\"\(id)-error\">")
    }

    static func unescaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }
}

/// A text as the pages write it, HTML-escaped.
func html(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        .replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&#39;")
}

extension TestClientProtocol {
    /// Posts a form whose names may repeat (boxes ticked under one name), as a browser sends it.
    func post(_ uri: String, pairs: [(String, String)], jar: CookieJar) async throws -> TestResponse {
        var headers = jar.header
        headers[.contentType] = "application/x-www-form-urlencoded"
        let body = pairs.map { "\($0.0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
            .joined(separator: "&")
        return try await execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    /// Opens a form, fills it as `fields` say (each name given replacing what the form held), and sends it.
    func fill(_ path: String, _ fields: (FormPage) -> [(String, String)], jar: CookieJar) async throws -> (form: TestResponse, sent: TestResponse) {
        let form = try await get(path, jar: jar)
        let page = FormPage(form)
        let filled = fields(page)
        let names = Set(filled.map(\.0))
        let sent = try await post(path, pairs: filled.filter { $0.0 == "_csrf" } + page.sent.filter { !names.contains($0.0) } + filled.filter { $0.0 != "_csrf" }, jar: jar)
        return (form, sent)
    }
}
