import ParcoursLog
#if canImport(Glibc)
import Glibc
#endif

/// The smallest SQLite binding that a baseline needs, looked up at run time in the
/// libsqlite3 the store already uses (the bench declares no new dependency).
///
/// The baseline is the reference program written with the project's own
/// primitives: make the same sealed, signed record, hash it, insert one row, commit
/// — in WAL mode with synchronous=FULL, and no store logic around it.
final class RawSQLite {
    private typealias Open = @convention(c) (UnsafePointer<CChar>?, UnsafeMutablePointer<OpaquePointer?>?, Int32, UnsafePointer<CChar>?) -> Int32
    private typealias Exec = @convention(c) (OpaquePointer?, UnsafePointer<CChar>?, UnsafeRawPointer?, UnsafeRawPointer?, UnsafeRawPointer?) -> Int32
    private typealias Prepare = @convention(c) (OpaquePointer?, UnsafePointer<CChar>?, Int32, UnsafeMutablePointer<OpaquePointer?>?, UnsafeRawPointer?) -> Int32
    private typealias BindInt64 = @convention(c) (OpaquePointer?, Int32, Int64) -> Int32
    private typealias BindBlob = @convention(c) (OpaquePointer?, Int32, UnsafeRawPointer?, Int32, Int) -> Int32
    private typealias Step = @convention(c) (OpaquePointer?) -> Int32
    private typealias ErrorMessage = @convention(c) (OpaquePointer?) -> UnsafePointer<CChar>?

    private let openDatabase: Open
    private let exec: Exec
    private let prepare: Prepare
    private let bindInt64: BindInt64
    private let bindBlob: BindBlob
    private let bindText: BindBlob
    private let step: Step
    private let reset: Step
    private let finalize: Step
    private let close: Step
    private let errorMessage: ErrorMessage
    private var database: OpaquePointer?
    private var insert: OpaquePointer?

    /// SQLITE_TRANSIENT: SQLite copies bound values.
    private static let transient = -1
    private static let done: Int32 = 101

    init(path: String, synchronous: String) throws {
        let handle = dlopen(nil, RTLD_NOW) ?? dlopen("libsqlite3.so.0", RTLD_NOW)
        func symbol<T>(_ name: String, _: T.Type) throws -> T {
            var pointer = dlsym(handle, name)
            if pointer == nil, let library = dlopen("libsqlite3.so.0", RTLD_NOW) { pointer = dlsym(library, name) }
            guard let pointer else { throw BenchError("libsqlite3 has no \(name)") }
            return unsafeBitCast(pointer, to: T.self)
        }
        openDatabase = try symbol("sqlite3_open_v2", Open.self)
        exec = try symbol("sqlite3_exec", Exec.self)
        prepare = try symbol("sqlite3_prepare_v2", Prepare.self)
        bindInt64 = try symbol("sqlite3_bind_int64", BindInt64.self)
        bindBlob = try symbol("sqlite3_bind_blob", BindBlob.self)
        bindText = try symbol("sqlite3_bind_text", BindBlob.self)
        step = try symbol("sqlite3_step", Step.self)
        reset = try symbol("sqlite3_reset", Step.self)
        finalize = try symbol("sqlite3_finalize", Step.self)
        close = try symbol("sqlite3_close_v2", Step.self)
        errorMessage = try symbol("sqlite3_errmsg", ErrorMessage.self)
        // SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        guard openDatabase(path, &database, 0x02 | 0x04, nil) == 0 else { throw BenchError("cannot open \(path)") }
        try run("PRAGMA journal_mode = WAL")
        try run("PRAGMA synchronous = \(synchronous)")
        try run("""
            CREATE TABLE event (seq INTEGER PRIMARY KEY NOT NULL, id TEXT NOT NULL UNIQUE, stream TEXT NOT NULL,
              version INTEGER NOT NULL, leaf_hash BLOB NOT NULL, line BLOB NOT NULL, UNIQUE (stream, version))
            """)
        let sql = "INSERT INTO event (seq, id, stream, version, leaf_hash, line) VALUES (?, ?, ?, ?, ?, ?)"
        guard prepare(database, sql, -1, &insert, nil) == 0 else { throw BenchError("prepare: \(lastError)") }
    }

    deinit {
        _ = finalize(insert)
        _ = close(database)
    }

    private var lastError: String { errorMessage(database).map { String(cString: $0) } ?? "?" }

    func run(_ sql: String) throws {
        guard exec(database, sql, nil, nil, nil) == 0 else { throw BenchError("\(sql): \(lastError)") }
    }

    func insert(seq: Int64, id: String, stream: String, version: Int64, leafHash: Hash, line: [UInt8]) throws {
        _ = bindInt64(insert, 1, seq)
        _ = id.utf8CString.withUnsafeBufferPointer { bindText(insert, 2, $0.baseAddress, -1, RawSQLite.transient) }
        _ = stream.utf8CString.withUnsafeBufferPointer { bindText(insert, 3, $0.baseAddress, -1, RawSQLite.transient) }
        _ = bindInt64(insert, 4, version)
        _ = leafHash.withUnsafeBytes { bindBlob(insert, 5, $0.baseAddress, 32, RawSQLite.transient) }
        _ = line.withUnsafeBytes { bindBlob(insert, 6, $0.baseAddress, Int32($0.count), RawSQLite.transient) }
        guard step(insert) == RawSQLite.done else { throw BenchError("insert: \(lastError)") }
        _ = reset(insert)
    }
}

/// The baseline: the same record pipeline as the store (seal, JCS, sign, leaf hash),
/// inserted with a plain prepared statement; one commit per event, then per batch.
/// With `synchronous` NORMAL instead of FULL it shows what the per-commit fsync costs.
struct RawBaseline {
    var singlePerSecond: Double = 0
    var singleCoresBusy: Double = 0
    var batchPerSecond: Double = 0
    var batchCoresBusy: Double = 0

    static func run(directory: String, origin: String, dataBytes: Int, participants: Int, single: Int, batches: Int,
                    batchSize: Int, segment: Int, synchronous: String = "FULL") throws -> RawBaseline {
        let database = try RawSQLite(path: directory + "/raw-baseline-\(synchronous.lowercased()).sqlite", synchronous: synchronous)
        let signer = SigningKey.generate()
        let author = Author(actor: "admin", key: signer.publicKey)
        var keys: [String: DataKey] = [:]
        var versions: [String: UInt64] = [:]
        var previous = Hash.zero
        var seq: Int64 = 0
        var synthetic = SyntheticEvents(participants: participants, dataBytes: dataBytes, seed: 11)

        func appendOne(_ draft: EventDraft) throws {
            let key = keys[draft.stream] ?? DataKey.generate(id: "dk-\(draft.stream.dropFirst(12))-1")
            keys[draft.stream] = key
            let version = versions[draft.stream] ?? 0
            let id = Identifiers.newEventID()
            let sealed = SealedPayload.seal(draft.data, with: key, id: id, log: origin, stream: draft.stream, version: version)
            let envelope = Envelope(log: origin, seq: UInt64(seq), id: id, stream: draft.stream, version: version, type: draft.type,
                                    recordedAt: .now(), author: author, prev: previous, payload: .sealed(sealed))
            let line = LogRecord(signing: envelope, with: signer).line
            let leaf = LogRecord.leafHash(line: line)
            try database.insert(seq: seq, id: id, stream: draft.stream, version: Int64(version), leafHash: leaf, line: line)
            versions[draft.stream] = version + 1
            previous = leaf
            seq += 1
        }

        var result = RawBaseline()
        // A first batch so that single commits land on a table that is not empty.
        try database.run("BEGIN IMMEDIATE")
        for draft in synthetic.drafts(batchSize) { try appendOne(draft) }
        try database.run("COMMIT")

        var singleRates: [Double] = []
        var busy: [Double] = []
        var remaining = single
        while remaining > 0 {
            let count = min(segment, remaining)
            let drafts = synthetic.drafts(count)
            let watch = Stopwatch()
            for draft in drafts {
                try database.run("BEGIN IMMEDIATE")
                try appendOne(draft)
                try database.run("COMMIT")
            }
            singleRates.append(Double(count) / watch.elapsedSeconds)
            busy.append(watch.coresBusy)
            remaining -= count
        }
        result.singlePerSecond = median(singleRates)
        result.singleCoresBusy = median(busy)

        var batchRates: [Double] = []
        busy = []
        for _ in 0..<batches {
            let drafts = synthetic.drafts(batchSize)
            let watch = Stopwatch()
            try database.run("BEGIN IMMEDIATE")
            for draft in drafts { try appendOne(draft) }
            try database.run("COMMIT")
            batchRates.append(Double(batchSize) / watch.elapsedSeconds)
            busy.append(watch.coresBusy)
        }
        result.batchPerSecond = median(batchRates)
        result.batchCoresBusy = median(busy)
        return result
    }
}
