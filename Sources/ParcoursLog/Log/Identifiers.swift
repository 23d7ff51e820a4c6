/// The shapes of names and ids the log accepts.
public enum Identifiers {
    /// A new random (version 4) RFC 9562 UUID in lowercase text.
    public static func newEventID() -> String { eventID(Sodium.randomBytes(16)) }

    /// A new time-ordered (version 7) RFC 9562 UUID in lowercase text: the 48 bits of
    /// `time`'s milliseconds since the epoch, then 74 random bits. The access log's records
    /// take these: their ids then sort as they are appended, so the log's unique index on
    /// `id` grows at its end instead of at a random page (read from disk and written again)
    /// for every record. They tell nothing the record does not say in clear
    /// (`recorded_at`), and the access log is never exported to research.
    public static func newTimeOrderedEventID(at time: Timestamp) -> String {
        var bytes = Sodium.randomBytes(16)
        let milliseconds = UInt64(clamping: max(time.millisecondsSinceEpoch, 0)) & 0xFFFF_FFFF_FFFF
        for index in 0..<6 { bytes[index] = UInt8(truncatingIfNeeded: milliseconds >> (8 * (5 - index))) }
        return eventID(bytes, version: 0x70)
    }

    /// The event id `purpose` derives from `id`: the same each time, so that an act written
    /// on another's behalf (the care team an admission creates) is idempotent with it.
    public static func derivedEventID(from id: String, purpose: String) -> String {
        eventID(Array(Sodium.sha256(Array((purpose + "\u{0}" + id).utf8)).bytes.prefix(16)))
    }

    private static func eventID(_ random: [UInt8], version: UInt8 = 0x40) -> String {
        var bytes = random
        bytes[6] = bytes[6] & 0x0F | version
        bytes[8] = bytes[8] & 0x3F | 0x80
        // 8-4-4-4-12, written as bytes: going through `Character`s cost more than the random draw.
        let hex = Array(Hex.encode(bytes).utf8)
        var text: [UInt8] = []
        text.reserveCapacity(36)
        for (index, digit) in hex.enumerated() {
            if index == 8 || index == 12 || index == 16 || index == 20 { text.append(UInt8(ascii: "-")) }
            text.append(digit)
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Whether `text` is a UUID in lowercase 8-4-4-4-12 form.
    public static func isEventID(_ text: String) -> Bool {
        // Over the bytes in place: every record read asks.
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.count == 36 else { return false }
            for index in 0..<36 {
                let byte = bytes[index]
                if index == 8 || index == 13 || index == 18 || index == 23 {
                    guard byte == UInt8(ascii: "-") else { return false }
                } else {
                    guard (0x30...0x39).contains(byte) || (0x61...0x66).contains(byte) else { return false }
                }
            }
            return true
        }
    }

    /// Actor ids: 1–64 of lowercase letters, digits, `.`, `_`, `-`, starting with a letter or digit.
    public static func isActorID(_ text: String) -> Bool {
        let bytes = text.utf8
        guard (1...64).contains(bytes.count) else { return false }
        for (index, byte) in bytes.enumerated() {
            let alnum = (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte)
            guard alnum || (index > 0 && (byte == 0x2E || byte == 0x5F || byte == 0x2D)) else { return false }
        }
        return true
    }

    /// Event types: dotted lowercase words, e.g. `stage.assessed`, at most 64 bytes.
    public static func isEventType(_ text: String) -> Bool {
        // Over the bytes in place (it split by characters: a quarter of reading an envelope).
        var text = text
        return text.withUTF8 { bytes in
            guard (3...64).contains(bytes.count) else { return false }
            var words = 1
            var atWordStart = true
            for byte in bytes {
                if byte == UInt8(ascii: ".") {
                    guard !atWordStart else { return false }
                    words += 1
                    atWordStart = true
                } else if atWordStart {
                    guard (0x61...0x7A).contains(byte) else { return false }
                    atWordStart = false
                } else {
                    guard (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) || byte == 0x2D else { return false }
                }
            }
            return !atWordStart && words >= 2
        }
    }

    /// Participant ids: `P-` then 4 to 16 uppercase letters or digits, e.g. `P-7Q4K2M`.
    public static func isParticipantID(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { isParticipantID(bytes: $0[...]) }
    }

    /// `isParticipantID` over UTF-8 bytes: `P-` then 4 to 16 capital letters and digits.
    static func isParticipantID(bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        guard bytes.count >= 2, bytes.first == UInt8(ascii: "P"), bytes[bytes.startIndex + 1] == UInt8(ascii: "-") else { return false }
        let rest = bytes.dropFirst(2)
        return (4...16).contains(rest.count) && rest.allSatisfy { (0x41...0x5A).contains($0) || (0x30...0x39).contains($0) }
    }

    /// Stream names: `directory`, `access`, `participant/<participant id>`, or another
    /// lowercase name with an optional `/suffix` of letters, digits and `-`, at most 128 bytes.
    /// Read over the bytes, nothing allocated: every record of a verification asks.
    public static func isStream(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard (1...128).contains(bytes.count) else { return false }
            let slash = bytes.firstIndex(of: UInt8(ascii: "/"))
            let head = bytes[..<(slash ?? bytes.endIndex)]
            guard let first = head.first, (0x61...0x7A).contains(first),
                  head.allSatisfy({ (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D })
            else { return false }
            let participant = head.elementsEqual("participant".utf8)
            guard let slash else { return !participant }
            let tail = bytes[(slash + 1)...]
            guard !tail.isEmpty, tail.allSatisfy({
                (0x61...0x7A).contains($0) || (0x41...0x5A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D
            }) else { return false }
            return participant ? isParticipantID(bytes: tail) : true
        }
    }

    /// The participant id of a `participant/<id>` stream, or nil.
    public static func participant(ofStream stream: String) -> String? {
        guard stream.hasPrefix(participantStreamPrefix) else { return nil }
        let id = String(stream.dropFirst(participantStreamPrefix.count))
        return isParticipantID(id) ? id : nil
    }

    public static let participantStreamPrefix = "participant/"
    public static let directoryStream = "directory"
    public static let accessStream = "access"
}
