import ParcoursLog

/// A verification of an uploaded export the access policy permitted: both logs' records,
/// authority rules and trees, against the checkpoints the export carries, signed by the key
/// in its `log.vkey` — nothing of the store is read or signed.
public struct ExportVerification: Sendable {
    let export: InMemoryExport

    /// Runs it; `progress` hears how many records were checked, of how many.
    ///
    /// - Throws: `VerificationError` (`integrity` names the log, the first failing seq and why).
    public func run(progress: StoreVerifier.Progress? = nil) async throws -> (events: LogSummary, access: LogSummary) {
        // Long and blocking: on the storage executor's threads, never a cooperative one a server answers with.
        try await withTaskExecutorPreference(StorageExecutor.shared) { [export] in try ExportVerifier.verify(export, progress: progress) }
    }
}
