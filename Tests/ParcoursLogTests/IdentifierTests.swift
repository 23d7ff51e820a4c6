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
}
