import ParcoursLog

extension Directory {
    /// Each actor's organization, by actor id: what care teams and consents are checked against.
    public var organizations: [String: String] {
        actors.values.reduce(into: [:]) { organizations, actor in organizations[actor.id] = actor.organization }
    }
}
