import Foundation
import ParcoursClinical
import ParcoursLog

/// A participant's projected state, sealed under her or his data key and ready for a
/// backend to write: the journey (in two parts, `SealedJourney`), the rules' record, and the
/// journey's facts for the access policy sealed apart (a writer opens only those).
public struct SealedProjection: Sendable {
    /// The journey in clear, for the rows a projection derives from it (caseload, program).
    public var journey: Journey
    /// The sealed journey and record; nil when the journey projection is not written.
    public var sealed: (journey: SealedJourney, record: Data)?
    /// The journey's facts for the access policy, sealed apart.
    public var access: Data?

    init(_ journey: Journey, record: ParticipantRecord, key: DataKey, sealing: Bool) throws {
        self.journey = journey
        if sealing {
            sealed = (try SealedJourney.seal(journey, with: key),
                      try Self.seal(record, as: "record", of: journey.participant, with: key))
            access = try Self.seal(journey.accessFacts, as: "access", of: journey.participant, with: key)
        }
    }

    /// Sealed under the participant's data key, deterministically: equal content, equal bytes
    /// (`JSONEncoder`'s with sorted keys, written without it: `ProjectionJSONEncoder`).
    static func seal(_ value: some Encodable, as kind: String, of participant: String, with key: DataKey) throws -> Data {
        var plaintext = try ProjectionJSONEncoder().encode(value)
        defer { Sodium.zero(&plaintext) }
        let sealed = key.sealDeterministically(plaintext, associatedData: associatedData(kind, participant))
        return Data(sealed.nonce + sealed.ciphertext)
    }

    static func open(_ sealed: (journey: SealedJourney, record: Data), of participant: String, with key: DataKey) throws -> (Journey, ParticipantRecord) {
        (try sealed.journey.open(of: participant, with: key),
         try open(ParticipantRecord.self, sealed.record, as: "record", of: participant, with: key))
    }

    static func open<Value: Decodable>(_ type: Value.Type, _ sealed: Data, as kind: String, of participant: String, with key: DataKey) throws -> Value {
        try open(sealed, as: kind, of: participant, with: key) { try $0.decode(type) }
    }

    /// A value read by hand (a journey's parts: `Journey+Reading`, `SealedJourney`).
    static func open<Value: Decodable & ActReading.Readable>(_ type: Value.Type, _ sealed: Data, as kind: String, of participant: String,
                                                            with key: DataKey) throws -> Value {
        try open(sealed, as: kind, of: participant, with: key) { try $0.read(type) }
    }

    /// The plaintext of `sealed`, read by `body` where it was decrypted and wiped after: the
    /// reader shares the plaintext's buffer (`JSONDecoder` too, when it reads it) and is gone when
    /// `body` returns, so the wipe reaches the one copy there is. What is read out of it (the
    /// values' strings, the tape's numbers) is not wiped.
    static func open<Value>(_ sealed: Data, as kind: String, of participant: String, with key: DataKey,
                                    _ body: (ParsedJSONData) throws -> Value) throws -> Value {
        guard sealed.count > DataKey.nonceLength,
              var plaintext = try? key.open([UInt8](sealed.dropFirst(DataKey.nonceLength)), nonce: [UInt8](sealed.prefix(DataKey.nonceLength)),
                                            associatedData: associatedData(kind, participant))
        else { throw ProjectionError.damaged("the \(kind) projection of a participant does not open with her or his data key") }
        defer { Sodium.zero(&plaintext) }
        do { return try body(ParsedJSONData(bytes: plaintext)) } catch {
            throw ProjectionError.damaged("the \(kind) projection of a participant does not decode; rebuilding the projections repairs it")
        }
    }

    static func associatedData(_ kind: String, _ participant: String) -> [UInt8] {
        Array("parcours/projection/\(kind)/\(participant)".utf8)
    }
}
