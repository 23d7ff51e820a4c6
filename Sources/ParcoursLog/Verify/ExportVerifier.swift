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
        let vkeyText = try readSmallFile(directory + "/log.vkey")
        let vkey: NoteVerifier
        do { vkey = try NoteVerifier(text: vkeyText) } catch { throw .unreadable("log.vkey: \(error.reason)") }
        let accessVerifier = NoteVerifier(name: vkey.name + "/access", key: vkey.key)
        let sinceTarget = try since.map { note throws(VerificationError) in try sinceCheckpoint(note, verifiers: [vkey, accessVerifier]) }

        let events = LogVerifier(kind: .events, watch: sinceTarget?.name == vkey.name ? [sinceTarget!.size] : [])
        try run(events, path: directory + "/events.jsonl", log: "events")
        guard events.directory.origin == vkey.name, events.directory.logKey == vkey.key else {
            throw .integrity(log: "events", IntegrityFailure(seq: 0, reason: "log.created names another origin or log key than log.vkey"))
        }
        try check(events, note: try readSmallFile(directory + "/events.checkpoint"), verifier: vkey, log: "events")

        let access = LogVerifier(kind: .access(origin: vkey.name, logKey: vkey.key),
                                 watch: sinceTarget?.name == accessVerifier.name ? [sinceTarget!.size] : [])
        try run(access, path: directory + "/access.jsonl", log: "access")
        try check(access, note: try readSmallFile(directory + "/access.checkpoint"), verifier: accessVerifier, log: "access")

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

    /// Reads the file in chunks, each read while the one before is verified. A line the
    /// reader refuses is reported only once the lines before it have verified.
    static func run(_ verifier: LogVerifier, path: String, log: String) throws(VerificationError) {
        let reader = try LineReader(path: path)
        do throws(IntegrityFailure) {
            while true {
                let lines: [[UInt8]]
                do throws(IntegrityFailure) { lines = try reader.next(chunkSize, maxLength: LogRecord.maxLineLength) } catch {
                    try verifier.finish()
                    throw error
                }
                if lines.isEmpty { return try verifier.finish() }
                try verifier.submit(lines)
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
