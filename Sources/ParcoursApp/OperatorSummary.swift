/// What an error may say in the server's own log: the kind of failure, in words that carry no
/// value it was given (no participant, no name, no statement's argument, no database detail).
/// A server answers "service unavailable" without saying why to the person; whoever runs it
/// needs the why, and reads it here.
public protocol OperatorSummarized: Error {
    /// The kind of failure, free of any value (e.g. a storage engine's error code).
    var operatorSummary: String { get }
}

public enum OperatorSummary {
    /// The error's own summary when it gives one; otherwise its type and, for an enumeration,
    /// the name of its case — never its payload or its description, which may quote values.
    public static func of(_ error: any Error) -> String {
        if let summarized = error as? OperatorSummarized { return summarized.operatorSummary }
        let type = String(reflecting: Swift.type(of: error))
        let mirror = Mirror(reflecting: error)
        guard mirror.displayStyle == .enum, let label = mirror.children.first?.label else { return type }
        return "\(type).\(label)"
    }
}
