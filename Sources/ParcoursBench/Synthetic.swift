import ParcoursClinical
import ParcoursLog

/// Purely synthetic event drafts: lorem-ipsum words in participant streams
/// `participant/P-XXXXXX`. No names, no realistic content.
struct SyntheticEvents {
    static let words = """
        lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore \
        magna aliqua enim ad minim veniam quis nostrud exercitation ullamco laboris nisi aliquip ex ea commodo \
        consequat duis aute irure in reprehenderit voluptate velit esse cillum fugiat nulla pariatur excepteur sint \
        occaecat cupidatat non proident sunt culpa qui officia deserunt mollit anim id est laborum
        """.split(separator: " ").map(String.init)
    static let types = ["note.recorded", "stage.assessed", "contact.logged", "plan.updated"]

    let participants: Int
    /// Target size of the data object as canonical JSON, in bytes (the sealed plaintext).
    let dataBytes: Int
    private var random: SplitMix64
    private var counter: Int64 = 0

    init(participants: Int, dataBytes: Int, seed: UInt64) {
        self.participants = max(1, participants)
        self.dataBytes = dataBytes
        random = SplitMix64(seed: seed)
    }

    /// `P-` then the participant number in 6 base-36 capitals, e.g. `P-0000RS`.
    static func participantID(_ number: Int) -> String {
        let digits = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        var value = number
        var id: [Character] = []
        for _ in 0..<6 {
            id.insert(digits[value % 36], at: 0)
            value /= 36
        }
        return "P-" + String(id)
    }

    static func stream(_ number: Int) -> String { Identifiers.participantStreamPrefix + participantID(number) }

    /// Lorem text of exactly `length` ASCII bytes.
    mutating func text(length: Int) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(length + 16)
        while bytes.count < length {
            if !bytes.isEmpty { bytes.append(UInt8(ascii: " ")) }
            bytes.append(contentsOf: SyntheticEvents.words[random.below(SyntheticEvents.words.count)].utf8)
        }
        return String(decoding: bytes.prefix(length), as: UTF8.self)
    }

    /// The next draft, for a participant chosen at random among `participants`.
    mutating func next() -> EventDraft {
        counter += 1
        let participant = random.below(participants)
        let type = SyntheticEvents.types[random.below(SyntheticEvents.types.count)]
        var data: [String: JSONValue] = ["kind": .string("synthetic"), "n": .int(counter), "text": .string("")]
        let overhead = CanonicalJSON.encode(.object(data)).count
        data["text"] = .string(text(length: max(16, dataBytes - overhead)))
        return EventDraft(type: type, stream: SyntheticEvents.stream(participant), data: data)
    }

    mutating func drafts(_ count: Int) -> [EventDraft] { (0..<count).map { _ in next() } }
}
