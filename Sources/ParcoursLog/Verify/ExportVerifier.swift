#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Verifies an export directory exactly as LOG-FORMAT.md describes, needing
/// nothing but its five files: `log.vkey`, `events.jsonl`, `events.checkpoint`,
/// `access.jsonl` and `access.checkpoint`.
public enum ExportVerifier {
    /// The number of lines verified per parallel step.
    public static let chunkSize = 2048

    /// Verifies both logs; with `since`, also that the log extends that older signed checkpoint.
    public static func verify(directory: String, since: String? = nil) throws(VerificationError) -> (events: LogSummary, access: LogSummary) {
        try verify(ExportDirectory(path: directory), since: since)
    }

    /// Verifies both logs of an export read from `export` (a directory, or an archive unpacked
    /// in memory); with `since`, also that the log extends that older signed checkpoint.
    /// `progress`, if given, hears how many records were checked, of how many the checkpoints
    /// claim (a claim read only for the count: the verdict never rests on it).
    public static func verify(_ export: some ExportSource, since: String? = nil,
                              progress: StoreVerifier.Progress? = nil) throws(VerificationError) -> (events: LogSummary, access: LogSummary) {
        let vkeyText = try export.smallFile("log.vkey")
        let vkey: NoteVerifier
        do { vkey = try NoteVerifier(text: vkeyText) } catch { throw .unreadable("log.vkey: \(error.reason)") }
        let accessVerifier = NoteVerifier(name: vkey.name + "/access", key: vkey.key)
        let sinceTarget = try since.map { note throws(VerificationError) in try sinceCheckpoint(note, verifiers: [vkey, accessVerifier]) }

        var counter = progress.map { report in
            ExportProgress(total: ["events.checkpoint", "access.checkpoint"].reduce(UInt64(0)) { total, name in
                total + ((try? export.smallFile(name)).flatMap(ExportProgress.claimedSize) ?? 0)
            }, report: report)
        }
        let events = LogVerifier(kind: .events, watch: sinceTarget?.name == vkey.name ? [sinceTarget!.size] : [])
        try run(events, lines: try export.recordLines("events.jsonl"), log: "events", counter: &counter)
        guard events.directory.origin == vkey.name, events.directory.logKey == vkey.key else {
            throw .integrity(log: "events", IntegrityFailure(seq: 0, reason: "log.created names another origin or log key than log.vkey"))
        }
        try check(events, note: try export.smallFile("events.checkpoint"), verifier: vkey, log: "events")

        let access = LogVerifier(kind: .access(origin: vkey.name, logKey: vkey.key),
                                 watch: sinceTarget?.name == accessVerifier.name ? [sinceTarget!.size] : [])
        try run(access, lines: try export.recordLines("access.jsonl"), log: "access", counter: &counter)
        try check(access, note: try export.smallFile("access.checkpoint"), verifier: accessVerifier, log: "access")

        if let sinceTarget {
            let verifier = sinceTarget.name == vkey.name ? events : access
            try check(verifier, note: sinceTarget.note, verifier: sinceTarget.name == vkey.name ? vkey : accessVerifier,
                      log: sinceTarget.name == vkey.name ? "events" : "access")
        }
        return (LogSummary(size: events.size, root: events.root), LogSummary(size: access.size, root: access.root))
    }

    /// The log name and size of an older checkpoint, after checking its signature.
    public static func sinceCheckpoint(_ note: String, verifiers: [NoteVerifier]) throws(VerificationError) -> (name: String, size: UInt64, note: String) {
        for verifier in verifiers {
            if let body = try? verifier.open(note: note), let checkpoint = try? Checkpoint(body: body) {
                return (verifier.name, checkpoint.size, note)
            }
        }
        throw .unreadable("the checkpoint to extend is not signed by this log's key")
    }

    /// Reads the lines in chunks, each read while the one before is verified. A line the
    /// reader refuses is reported only once the lines before it have verified.
    static func run(_ verifier: LogVerifier, lines reader: any ExportLines, log: String, counter: inout ExportProgress?) throws(VerificationError) {
        do throws(IntegrityFailure) {
            while true {
                let lines: [[UInt8]]
                do throws(IntegrityFailure) { lines = try reader.next(chunkSize, maxLength: LogRecord.maxLineLength) } catch {
                    try verifier.finish()
                    throw error
                }
                if lines.isEmpty { return try verifier.finish() }
                try verifier.submit(lines)
                counter?.advance(UInt64(lines.count))
            }
        } catch {
            throw .integrity(log: log, error)
        }
    }

    static func check(_ verifier: LogVerifier, note: String, verifier key: NoteVerifier, log: String) throws(VerificationError) {
        do { try verifier.check(checkpoint: note, verifier: key) } catch { throw .integrity(log: log, error) }
    }

    /// Reads a file of at most 64 KiB as UTF-8.
    public static func readSmallFile(_ path: String) throws(VerificationError) -> String {
        guard let file = fopen(path, "rb") else { throw .unreadable("cannot open \(path)") }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = fread(&chunk, 1, chunk.count, file)
            if count == 0 { break }
            bytes.append(contentsOf: chunk[..<count])
            guard bytes.count <= 65536 else { throw .unreadable("\(path) is larger than 64 KiB") }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw .unreadable("\(path) is not UTF-8") }
        return text
    }
}

/// Counts the records an export's verification has checked, for its `progress`.
struct ExportProgress {
    let total: UInt64
    let report: StoreVerifier.Progress
    private var checked: UInt64 = 0

    init(total: UInt64, report: @escaping StoreVerifier.Progress) { (self.total, self.report) = (total, report) }

    mutating func advance(_ count: UInt64) {
        checked += count
        report(checked, max(total, checked))
    }

    /// The size a checkpoint's note claims (its second line), unverified.
    static func claimedSize(_ note: String) -> UInt64? {
        let lines = note.split(separator: "\n", maxSplits: 2, omittingEmptySubsequences: false)
        return lines.count > 1 ? UInt64(lines[1]) : nil
    }
}
