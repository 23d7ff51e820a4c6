/// A C2SP `signed-note`, split into its text and its signature lines, neither verified.
///
/// `parse` and `formatted` are the one pair every note goes through: the text ends in a
/// newline and is separated from one or more signature lines `— <key name> <base64>` by the
/// last empty line; the note is UTF-8 without control characters other than newline, at
/// most `maxBytes` long and with at most `maxSignatures` signatures (the spec asks to accept
/// at least 16). Which signatures matter is the verifier's business: unknown ones are ignored.
public struct SignedNote: Sendable, Equatable {
    /// The largest note accepted (a checkpoint with 32 Ed25519 cosignatures fits four times over).
    public static let maxBytes = 16384
    /// The most signature lines accepted.
    public static let maxSignatures = 32

    /// The signed text, ending in a newline.
    public var text: String
    /// The signature lines, in the note's order.
    public var signatures: [NoteSignature]

    public init(text: String, signatures: [NoteSignature]) {
        self.text = text
        self.signatures = signatures
    }

    /// The note as written: the text, an empty line, one line per signature.
    public var formatted: String { text + "\n" + signatures.map(\.line).joined() }

    /// Parses a note, refusing anything `formatted` would not write back byte for byte.
    public init(parsing note: String) throws(LogFormatError) {
        let bytes = Array(note.utf8)
        guard bytes.count <= Self.maxBytes else { throw LogFormatError("signed note longer than \(Self.maxBytes) bytes") }
        guard !bytes.contains(where: { $0 < 0x20 && $0 != 0x0A }) else {
            throw LogFormatError("signed note must not contain control characters other than newline")
        }
        guard bytes.last == 0x0A else { throw LogFormatError("signed note must end in a newline") }
        guard let split = bytes.indices.dropLast().last(where: { bytes[$0] == 0x0A && bytes[$0 + 1] == 0x0A }) else {
            throw LogFormatError("signed note has no signature block")
        }
        let text = String(decoding: bytes[...split], as: UTF8.self)
        let block = bytes[(split + 2)...].dropLast()
        guard !block.isEmpty else { throw LogFormatError("signed note has no signature lines") }
        let lines = block.split(separator: 0x0A, omittingEmptySubsequences: false)
        guard lines.count <= Self.maxSignatures else { throw LogFormatError("signed note has more than \(Self.maxSignatures) signatures") }
        var signatures: [NoteSignature] = []
        for line in lines { signatures.append(try NoteSignature(line: String(decoding: line, as: UTF8.self))) }
        self.init(text: text, signatures: signatures)
    }
}

/// One signature line of a signed note: a key name and `key id (4 bytes) || signature`.
public struct NoteSignature: Sendable, Equatable {
    /// The key name: non-empty, without spaces or `+`.
    public var name: String
    /// The decoded base64: the 4-byte key id, then the signature of the key's type.
    public var blob: [UInt8]

    public init(name: String, blob: [UInt8]) {
        self.name = name
        self.blob = blob
    }

    /// The key id: the blob's first 4 bytes.
    public var keyID: [UInt8] { Array(blob.prefix(4)) }
    /// The signature proper: the blob after the key id.
    public var signature: [UInt8] { Array(blob.dropFirst(4)) }

    /// `— <name> <base64(blob)>` and a newline.
    public var line: String { "— \(name) \(Base64.encode(blob))\n" }

    /// Whether `name` may be a key name: non-empty, no Unicode space, no `+`.
    public static func isKeyName(_ name: Substring) -> Bool {
        !name.isEmpty && !name.contains(where: { $0 == "+" || $0.isWhitespace })
    }

    /// Parses one signature line without its newline, refusing non-canonical base64 and a blob
    /// too short to hold a key id and a signature.
    public init(line: String) throws(LogFormatError) {
        guard line.hasPrefix("— ") else { throw LogFormatError("signature lines must start with an em dash and a space") }
        let fields = line.dropFirst(2).split(separator: " ", omittingEmptySubsequences: false)
        guard fields.count == 2, Self.isKeyName(fields[0]) else {
            throw LogFormatError("a signature line is `— <key name> <base64>`, the key name without spaces or `+`")
        }
        guard let blob = Base64.decode(String(fields[1])), blob.count > 4 else {
            throw LogFormatError("a signature must be the canonical base64 of a key id and a signature")
        }
        self.init(name: String(fields[0]), blob: blob)
    }
}
