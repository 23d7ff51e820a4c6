/// An event a writer asks the log to append: what happened, in which stream, and
/// the data, before it has a position, an author or a signature.
public struct EventDraft: Sendable, Equatable {
    /// The event id; a fresh UUID is chosen when nil. Giving one makes the append
    /// idempotent: the same id with the same content returns the original record.
    public var id: String?
    public var type: String
    public var stream: String
    public var data: [String: JSONValue]
    /// The version the event must take in its stream (the number of events the
    /// writer saw there); the append is refused if the stream has moved on.
    public var expectedVersion: UInt64?
    public var schema: Int64

    /// The largest data object accepted, as canonical JSON: 256 KiB.
    public static let maxDataBytes = 256 * 1024

    public init(type: String, stream: String, data: [String: JSONValue], id: String? = nil, expectedVersion: UInt64? = nil,
                schema: Int64 = 1) {
        self.id = id
        self.type = type
        self.stream = stream
        self.data = data
        self.expectedVersion = expectedVersion
        self.schema = schema
    }

    static let members: Set<String> = ["type", "stream", "data", "id", "expectedVersion"]

    /// Reads `{"type", "stream", "data", "id"?, "expectedVersion"?}`, refusing unknown members.
    public init(json: JSONValue) throws(LogFormatError) {
        guard let object = json.objectValue else { throw LogFormatError("an event must be a JSON object") }
        let unknown = Set(object.keys).subtracting(EventDraft.members)
        guard unknown.isEmpty else {
            throw LogFormatError("unknown member \(unknown.sorted().joined(separator: ", ")): accepted are type, stream, data, id, expectedVersion")
        }
        guard let type = object["type"]?.stringValue else { throw LogFormatError("type: required, a string such as stage.assessed") }
        guard let stream = object["stream"]?.stringValue else { throw LogFormatError("stream: required, e.g. participant/P-7Q4K2M") }
        guard let data = object["data"]?.objectValue else { throw LogFormatError("data: required, a JSON object") }
        var id: String?
        if let value = object["id"] {
            guard let text = value.stringValue else { throw LogFormatError("id: must be a lowercase UUID string") }
            id = text
        }
        var expectedVersion: UInt64?
        if let value = object["expectedVersion"] {
            guard let number = value.intValue, number >= 0 else { throw LogFormatError("expectedVersion: must be an integer ≥ 0") }
            expectedVersion = UInt64(number)
        }
        self.init(type: type, stream: stream, data: data, id: id, expectedVersion: expectedVersion)
        try validate()
    }

    /// Checks the shapes of every member. The size of the data is checked where it
    /// is encoded, when the event is written (`LogWriter`), so it is encoded once.
    public func validate() throws(LogFormatError) {
        if let id, !Identifiers.isEventID(id) { throw LogFormatError("id: must be a lowercase RFC 9562 UUID") }
        guard Identifiers.isEventType(type) else {
            throw LogFormatError("type: must be dotted lowercase words such as stage.assessed (at most 64 bytes)")
        }
        guard Identifiers.isStream(stream) else {
            throw LogFormatError("stream: must be directory, participant/P-XXXXXX (4 to 16 capitals or digits) or a lowercase name")
        }
        guard schema >= 1 else { throw LogFormatError("schema: must be ≥ 1") }
    }
}
