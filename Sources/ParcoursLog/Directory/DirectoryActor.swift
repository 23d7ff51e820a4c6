/// An actor as the directory knows it at some point of the log.
public struct DirectoryActor: Sendable, Equatable {
    public var id: String
    public var name: String?
    public var organization: String?
    public var roles: [String]
    /// The key the actor holds now; records must be signed by it.
    public var key: PublicKey
    public var active: Bool

    public func holds(_ role: String) -> Bool { roles.contains(role) }
}
