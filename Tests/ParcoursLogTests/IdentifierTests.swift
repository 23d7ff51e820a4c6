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
