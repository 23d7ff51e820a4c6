import ParcoursLog

/// The record check that `RecordLineReader` replaced, kept as the reference it is held to:
/// parse the line into a tree (`JSONParser`), read the envelope from it (`Envelope(json:)`),
/// write the record back (`LogRecord.line`, `CanonicalJSON`) and compare the bytes.
enum TreeRecordChecker {
    /// The record a line holds, or why it is refused.
    static func check(_ line: [UInt8]) throws(LogFormatError) -> LogRecord {
        guard line.count <= LogRecord.maxLineLength else { throw LogFormatError("record line longer than 1 MiB") }
        let json: JSONValue
        do { json = try JSONParser.parse(line) } catch { throw LogFormatError("record line: \(error)") }
        guard let object = json.objectValue, Set(object.keys) == ["envelope", "sig"] else {
            throw LogFormatError("a record must be exactly {\"envelope\", \"sig\"}")
        }
        let envelope = try Envelope(json: object["envelope"]!)
        guard let signature = object["sig"]?.stringValue.flatMap(Base64.decode), signature.count == 64 else {
            throw LogFormatError("sig must be the base64 of a 64-byte Ed25519 signature")
        }
        let record = LogRecord(envelope: envelope, signature: signature)
        guard record.line == line else { throw LogFormatError("record line is not in canonical form (RFC 8785)") }
        return record
    }

    /// Whether `JSONParser` and `CanonicalJSON` together accept `text` as canonical: it
    /// parses, and writing it back gives the same bytes.
    static func isCanonical(_ text: [UInt8]) -> JSONValue? {
        guard let value = try? JSONParser.parse(text), CanonicalJSON.encode(value) == text else { return nil }
        return value
    }
}
