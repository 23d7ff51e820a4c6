/// A vocabulary term as a projection table keeps it, read back by a backend.
public enum ProjectionTerm {
    /// The term, or nil for NULL. A term this version does not know means the table was not
    /// written by it: rebuilding repairs it.
    public static func typed<Term: RawRepresentable>(_ raw: String?) throws -> Term? where Term.RawValue == String {
        guard let raw else { return nil }
        guard let term = Term(rawValue: raw) else {
            throw ProjectionError.damaged("a projection table holds a term this version does not know; rebuilding the projections repairs it")
        }
        return term
    }

    /// As `typed`, for a column that is never NULL.
    public static func required<Term: RawRepresentable>(_ raw: String?) throws -> Term where Term.RawValue == String {
        guard let term: Term = try typed(raw) else { throw ProjectionError.damaged("a projection table lacks a term it always holds") }
        return term
    }
}
