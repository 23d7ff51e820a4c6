import Foundation
import ParcoursLog

/// The server's side of witnessing: in the background, never in a clinical write's path.
extension CaseRecord {
    /// Signs each log's checkpoint at its current size when it grew since the last one, and asks
    /// the policy's witnesses to cosign it (alarms recorded, cosignatures kept). What a server
    /// runs every so often; a witness down costs this call its timeout, and nothing else waits.
    public func cosignCheckpoints(policy: WitnessPolicy, transport: any WitnessTransport = HTTPWitnessTransport()) async throws
        -> [LogKind: WitnessCosigning.Outcome] {
        guard !store.isBackup else { return [:] }
        var outcomes: [LogKind: WitnessCosigning.Outcome] = [:]
        for log in LogKind.allCases {
            let note = try await store.checkpoint(log, master: master)
            outcomes[log] = try await WitnessCosigning(store: store, policy: policy, transport: transport).cosign(note: note, log: log)
        }
        return outcomes
    }
}
