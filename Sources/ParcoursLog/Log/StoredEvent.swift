/// What a stored event says, as far as its keys still allow.
public enum EventContent: Sendable, Equatable {
    /// A clear payload.
    case clear([String: JSONValue])
    /// A sealed payload, opened with its data key.
    case opened([String: JSONValue])
    /// A sealed payload whose data key was destroyed: the content is erased for good.
    case erased
}

/// An event read back from the store, with its content.
public struct StoredEvent: Sendable {
    public var envelope: Envelope
    public var content: EventContent

    public init(envelope: Envelope, content: EventContent) {
        (self.envelope, self.content) = (envelope, content)
    }
}
