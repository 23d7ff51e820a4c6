/// The export of LOG-FORMAT.md, made from any `LogStore`: `log.vkey`, `events.jsonl`,
/// `events.checkpoint`, `access.jsonl`, `access.checkpoint` — what `ExportVerifier` reads.
public enum LogExport {
    /// The file holding the log key as a note verifier.
    public static let keyFile = "log.vkey"

    /// Writes the export of both logs into `sink`; returns the number of records of each.
    ///
    /// Both logs' checkpoints are signed (or taken as kept) in one write transaction, then
    /// each log is streamed up to its checkpoint's size in chunks, so memory does not grow
    /// with the log and the files agree with each other whatever is appended meanwhile.
    /// `cosignatures` gives the witnesses' lines kept for a log's checkpoint of a size: they
    /// follow the log's signature in the `.checkpoint` file (a verifier ignoring witnesses ignores them).
    public static func export(from store: any LogStore, origin: String, logKey: SigningKey, to sink: some LogExportSink,
                              cosignatures: (LogKind, UInt64) throws -> [String] = { _, _ in [] }) throws -> (events: UInt64, access: UInt64) {
        let checkpoints = LogKind.allCases.map { LogCheckpoints(log: $0, origin: origin, logKey: logKey.publicKey) }
        let notes = try store.withWriteTransaction(on: .events) { transaction in
            try checkpoints.map { try $0.checkpoint(in: transaction.onLog($0.log), signingKey: logKey) }
        }
        var sizes: [LogKind: UInt64] = [:]
        for (checkpoint, note) in zip(checkpoints, notes) {
            let size = try Checkpoint(body: checkpoint.verifier.open(note: note)).size
            let file = try sink.create("\(checkpoint.log.rawValue).jsonl")
            var buffer: [UInt8] = []
            buffer.reserveCapacity(1 << 20 + LogRecord.maxLineLength)
            try store.withReadTransaction(on: checkpoint.log) { transaction in
                try transaction.lines(from: 0, to: size, chunk: ExportVerifier.chunkSize) { lines in
                    for line in lines {
                        buffer.append(contentsOf: line)
                        buffer.append(0x0A)
                        if buffer.count > 1 << 20 {
                            try file.write(buffer)
                            buffer.removeAll(keepingCapacity: true)
                        }
                    }
                }
            }
            try file.write(buffer)
            try file.close()
            sizes[checkpoint.log] = size
            let cosigned = note + (try cosignatures(checkpoint.log, size)).joined()
            try write(Array(cosigned.utf8), to: "\(checkpoint.log.rawValue).checkpoint", in: sink)
        }
        try write(Array((checkpoints[0].verifier.text + "\n").utf8), to: keyFile, in: sink)
        return (sizes[.events]!, sizes[.access]!)
    }

    private static func write(_ bytes: [UInt8], to name: String, in sink: some LogExportSink) throws {
        let file = try sink.create(name)
        try file.write(bytes)
        try file.close()
    }
}
