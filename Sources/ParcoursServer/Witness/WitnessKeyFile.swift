import Foundation
import ParcoursFiles
import ParcoursLog

/// A witness's private key on disk: three lines, `parcours-witness-key/1`, the key name, the
/// base64 of the 32-byte Ed25519 seed — mode 0600, created never over an existing file.
public enum WitnessKeyFile {
    static let header = "parcours-witness-key/1"

    /// Makes a new key named `name` at `path`; returns its signer (the vkey is `signer.verifier.text`).
    public static func create(path: String, name: String) throws -> WitnessSigner {
        guard NoteSignature.isKeyName(Substring(name)) else {
            throw LogFormatError("--name: a key name without spaces or `+`, ideally a schema-less URL such as temoin.example/dpo")
        }
        let key = SigningKey.generate()
        var seed = key.seed()
        defer { Sodium.zero(&seed) }
        var text = Array("\(header)\n\(name)\n\(Base64.encode(seed))\n".utf8)
        defer { Sodium.zero(&text) }
        try PrivateFile.write(text, to: path, field: "--key")
        return WitnessSigner(name: name, key: key)
    }

    /// Reads the key at `path`.
    public static func read(path: String) throws -> WitnessSigner {
        guard var bytes = FileManager.default.contents(atPath: path).map({ [UInt8]($0) }), bytes.count < 512 else {
            throw LogFormatError("--key: a witness key file made by `parcours witness keygen`")
        }
        defer { Sodium.zero(&bytes) }
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        let name = lines.count > 1 ? String(decoding: lines[1], as: UTF8.self) : ""
        guard lines.count == 4, lines[3].isEmpty, String(decoding: lines[0], as: UTF8.self) == header, NoteSignature.isKeyName(Substring(name)),
              var seed = Base64.decode(String(decoding: lines[2], as: UTF8.self)), seed.count == 32
        else { throw LogFormatError("--key: a witness key file made by `parcours witness keygen`") }
        defer { Sodium.zero(&seed) }
        return WitnessSigner(name: name, key: try SigningKey(seed: &seed))
    }
}
