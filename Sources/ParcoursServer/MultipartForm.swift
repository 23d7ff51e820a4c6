import Foundation
import Hummingbird

/// A submitted `multipart/form-data` form (RFC 7578), for the one page that takes a file: its
/// text fields as a `WebForm` (the `_csrf` token among them), and each file's bytes, kept in
/// memory — never written to a disk. Anything it cannot read whole is nil, not a guess.
struct MultipartForm: Sendable {
    /// The text fields.
    var form: WebForm
    /// The files' bytes, by field name (the first file of each).
    var files: [String: [UInt8]]

    /// Reads `body`, sent with `contentType`; nil when it is not a well-formed multipart form.
    init?(contentType: String, body: ByteBuffer) {
        guard contentType.lowercased().hasPrefix("multipart/form-data"),
              let boundary = Self.parameter("boundary", in: contentType), !boundary.isEmpty, boundary.utf8.count <= 70 else { return nil }
        let bytes = body.getBytes(at: body.readerIndex, length: body.readableBytes) ?? []
        let delimiter = Array(("--" + boundary).utf8), separator = Array(("\r\n--" + boundary).utf8)
        guard var cursor = Self.find(delimiter, in: bytes, from: 0).map({ $0 + delimiter.count }) else { return nil }
        var values: [String: [String]] = [:], files: [String: [UInt8]] = [:]
        while true {
            guard cursor + 2 <= bytes.count else { return nil }
            if bytes[cursor] == 0x2D, bytes[cursor + 1] == 0x2D { break }   // "--": the closing delimiter
            guard bytes[cursor] == 0x0D, bytes[cursor + 1] == 0x0A,
                  let headerEnd = Self.find(Array("\r\n\r\n".utf8), in: bytes, from: cursor + 2),
                  let end = Self.find(separator, in: bytes, from: headerEnd + 4),
                  let headers = String(validating: bytes[(cursor + 2)..<headerEnd], as: UTF8.self) else { return nil }
            let content = bytes[(headerEnd + 4)..<end]
            guard let disposition = headers.split(separator: "\r\n").first(where: { $0.lowercased().hasPrefix("content-disposition:") }),
                  let name = Self.parameter("name", in: String(disposition)) else { return nil }
            if Self.parameter("filename", in: String(disposition)) != nil {
                if files[name] == nil { files[name] = Array(content) }
            } else {
                guard let text = String(validating: content, as: UTF8.self) else { return nil }
                values[name, default: []].append(text)
            }
            cursor = end + separator.count
        }
        (form, self.files) = (WebForm(values: values), files)
    }

    /// The value of `name=` in a header's parameters, unquoted.
    static func parameter(_ name: String, in header: String) -> String? {
        for part in header.split(separator: ";").dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == name else { continue }
            var value = pair[1].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            return value
        }
        return nil
    }

    /// Where `pattern` first starts in `bytes` at or after `start`.
    static func find(_ pattern: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard let first = pattern.first, bytes.count >= pattern.count else { return nil }
        var index = start
        let last = bytes.count - pattern.count
        while index <= last {
            guard let candidate = bytes[index...last].firstIndex(of: first) else { return nil }
            if bytes[candidate..<(candidate + pattern.count)].elementsEqual(pattern) { return candidate }
            index = candidate + 1
        }
        return nil
    }
}
