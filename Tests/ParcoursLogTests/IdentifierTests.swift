import Testing
@testable import ParcoursLog

@Suite("Event ids")
struct IdentifierTests {
    @Test("a new event id is a random (version 4) UUID in lowercase 8-4-4-4-12 form, never the same twice")
    func newEventIDs() {
        let ids = (0..<200).map { _ in Identifiers.newEventID() }
        #expect(Set(ids).count == ids.count)
        for id in ids {
            #expect(Identifiers.isEventID(id))
            let bytes = Array(id.utf8)
            #expect(bytes[14] == UInt8(ascii: "4"))
            #expect([UInt8(ascii: "8"), UInt8(ascii: "9"), UInt8(ascii: "a"), UInt8(ascii: "b")].contains(bytes[19]))
        }
    }

    @Test("a time-ordered event id is a version-7 UUID carrying its milliseconds first, so ids made later sort after")
    func timeOrderedEventIDs() {
        let time = Timestamp(millisecondsSinceEpoch: 1_796_000_000_123)
        let id = Identifiers.newTimeOrderedEventID(at: time)
        #expect(Identifiers.isEventID(id))
        let bytes = Array(id.utf8)
        #expect(bytes[14] == UInt8(ascii: "7"))
        #expect([UInt8(ascii: "8"), UInt8(ascii: "9"), UInt8(ascii: "a"), UInt8(ascii: "b")].contains(bytes[19]))
        // The first 48 bits are the milliseconds, in hexadecimal: 1_796_000_000_123 = 0x01a2_29f1_287b.
        #expect(id.hasPrefix("01a229f1-287b-7"))
        let same = (0..<100).map { _ in Identifiers.newTimeOrderedEventID(at: time) }
        #expect(Set(same).count == same.count, "74 random bits tell apart ids of the same millisecond")
        var ids: [String] = []
        for step in 0..<50 { ids.append(Identifiers.newTimeOrderedEventID(at: Timestamp(millisecondsSinceEpoch: time.millisecondsSinceEpoch + Int64(step)))) }
        #expect(ids == ids.sorted(), "as text, in the order they were made")
    }

    @Test("a derived event id is the same for the same id and purpose, another for another purpose")
    func derivedEventIDs() {
        let id = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0"
        let team = Identifiers.derivedEventID(from: id, purpose: "careteam.assigned")
        // Stored ids: the derivation never changes (SHA-256 of purpose, NUL, id; first 16 bytes as a version-4 UUID).
        #expect(team == "e35c39b1-7bf6-4bda-9f28-317a66c5abfd")
        #expect(team != Identifiers.derivedEventID(from: id, purpose: "other"))
        #expect(Identifiers.isEventID(team))
    }

    @Test("stream names: the accepted forms, and the byte reading agrees with the rule as first written over generated names")
    func streamNames() {
        for name in ["directory", "access", "participant/P-ABCD12", "witness-log/Ab-9", "a"] { #expect(Identifiers.isStream(name), "\(name)") }
        for name in ["", "participant", "participant/", "participant/p-abcd12", "participant/P-AB", "Directory", "a/b/c", "/a", "a/",
                     "a b", "é", "9a", "a/b_c", String(repeating: "a", count: 129)] {
            #expect(!Identifiers.isStream(name), "\(name)")
        }
        var mutator = LineMutator(seed: 73)
        let pieces = ["a", "z", "-", "/", "P", "P-", "participant", "participant/", "ABCD", "12", "é", " ", "_", "Z", "0"]
        for _ in 0..<5_000 {
            let name = (0..<mutator.below(7)).map { _ in mutator.pick(pieces) }.joined()
            #expect(Identifiers.isStream(name) == Self.isStreamAsFirstWritten(name), "\(name.debugDescription)")
        }
    }

    @Test("event types and ids: the byte reading agrees with the rules as first written over generated text")
    func eventTypesAndIDs() {
        for type in ["stage.assessed", "entry.corrected", "a.b", "consent.given", "follow-up.closed", "x1.y-2.z"] {
            #expect(Identifiers.isEventType(type), "\(type)")
        }
        for type in ["", "a", "ab", "a.", ".a", "a..b", "A.b", "1a.b", "a.-b", "a.b_c", "a.b.", "é.a", String(repeating: "a.", count: 33) + "a"] {
            #expect(!Identifiers.isEventType(type), "\(type)")
        }
        var mutator = LineMutator(seed: 79)
        let pieces = ["a", "z", "st", "-", ".", "..", "0", "9", "A", "é", "e\u{301}", ".\u{301}", " ", "_", "\r\n", "assessed"]
        for _ in 0..<5_000 {
            let type = (0..<mutator.below(9)).map { _ in mutator.pick(pieces) }.joined()
            #expect(Identifiers.isEventType(type) == Self.isEventTypeAsFirstWritten(type), "\(type.debugDescription)")
        }
        let id = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0"
        let digits = ["0", "9", "a", "f", "g", "A", "-", "é", " "]
        for _ in 0..<5_000 {
            var characters = Array(id)
            for _ in 0..<mutator.below(3) {
                let position = mutator.below(characters.count)
                switch mutator.below(3) {
                case 0: characters[position] = Character(mutator.pick(digits))
                case 1: characters.remove(at: position)
                default: characters.insert(Character(mutator.pick(digits)), at: position)
                }
            }
            let text = String(characters)
            #expect(Identifiers.isEventID(text) == Self.isEventIDAsFirstWritten(text), "\(text.debugDescription)")
        }
    }

    static func isEventTypeAsFirstWritten(_ text: String) -> Bool {
        guard (3...64).contains(Array(text.utf8).count) else { return false }
        let words = text.split(separator: ".", omittingEmptySubsequences: false)
        guard words.count >= 2 else { return false }
        return words.allSatisfy { word in
            guard let first = word.utf8.first, (0x61...0x7A).contains(first) else { return false }
            return word.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D }
        }
    }

    static func isEventIDAsFirstWritten(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 36 else { return false }
        for (index, byte) in bytes.enumerated() {
            if [8, 13, 18, 23].contains(index) {
                guard byte == UInt8(ascii: "-") else { return false }
            } else {
                guard (0x30...0x39).contains(byte) || (0x61...0x66).contains(byte) else { return false }
            }
        }
        return true
    }

    /// The rule as it was written over `split` (before it read bytes): the reference the byte reading must agree with.
    static func isStreamAsFirstWritten(_ text: String) -> Bool {
        guard (1...128).contains(text.utf8.count) else { return false }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count) else { return false }
        guard let head = parts.first, let first = head.utf8.first, (0x61...0x7A).contains(first),
              head.utf8.allSatisfy({ (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D })
        else { return false }
        if head == "participant" && parts.count == 1 { return false }
        if parts.count == 2 {
            let tail = parts[1]
            guard !tail.isEmpty, tail.utf8.allSatisfy({
                (0x61...0x7A).contains($0) || (0x41...0x5A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D
            }) else { return false }
            if head == "participant" {
                let id = String(tail)
                guard id.hasPrefix("P-") else { return false }
                let rest = id.utf8.dropFirst(2)
                return (4...16).contains(rest.count) && rest.allSatisfy { (0x41...0x5A).contains($0) || (0x30...0x39).contains($0) }
            }
        }
        return true
    }
}
