import Foundation
import ParcoursLog

extension Store {
    /// Appends a record to the access log, signed by the log key as actor `log`, durable on return.
    ///
    /// Its data is metadata only (who, role, participant, view, purpose, outcome);
    /// callers must never put clinical content in it.
    @discardableResult
    public func recordAccess(type: String, data: [String: JSONValue], master: MasterKey) throws -> AppendResult {
        try writer.appendAccess(type: type, data: data, logKey: try logSigningKey(master: master), to: logStore(master: master))
    }
}
