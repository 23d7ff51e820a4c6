import Foundation
import ParcoursFiles
import ParcoursLog
#if canImport(Glibc)
import Glibc
#endif

/// What a witness remembers, per log, on disk: the latest checkpoint it cosigned, so that it
/// never cosigns a tree inconsistent with it — even after a restart.
///
/// In the state directory (0700):
/// - `logs/<hex SHA-256 of the origin>`: the checkpoint note last cosigned for that log, with
///   the witness's cosignature, replaced atomically (temp file, fsync, rename, fsync of the
///   directory) — also what monitors are served;
/// - `answers`: an append-only journal, one `<origin hash> <size> <base64 root>` line per
///   cosignature given, fsynced before the answer leaves.
///
/// **Rollback**: when it opens, the witness refuses a state file older than the journal's last
/// line for that log (an older copy put back would let it cosign a fork). A state file ahead of
/// the journal is the mark of a crash between the two writes and is accepted. Putting back the
/// whole directory (journal too) cannot be seen from inside it; keep the directory on storage
/// the witness's operator alone can write, and back it up only forward.
struct WitnessState {
    let directory: String
    private(set) var trees: [String: WitnessedTree] = [:]

    var logsDirectory: String { directory + "/logs" }
    var journal: String { directory + "/answers" }

    /// The name of a log's state file: the hex SHA-256 of its origin (as the monitoring path).
    static func originHash(_ origin: String) -> String { Sodium.sha256(Array(origin.utf8)).hex }

    /// Opens (creating it if absent) the state in `directory`, refusing a rolled-back state.
    init(directory: String) throws {
        self.directory = directory
        for path in [directory, directory + "/logs"] where !FileManager.default.fileExists(atPath: path) {
            try PrivateFile.createDirectory(path, field: "--state")
        }
        var answered: [String: (size: UInt64, root: String)] = [:]
        if let text = try? String(contentsOfFile: journal, encoding: .utf8) {
            for line in text.split(separator: "\n") {
                let fields = line.split(separator: " ")
                guard fields.count == 3, let size = UInt64(fields[1]) else { throw WitnessStateError.damaged("the answers journal has a malformed line") }
                answered[String(fields[0])] = (size, String(fields[2]))
            }
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: logsDirectory)) ?? []
        for name in names where !name.hasPrefix(".") {
            let note: String
            let checkpoint: Checkpoint
            do {
                note = try String(contentsOfFile: logsDirectory + "/" + name, encoding: .utf8)
                checkpoint = try Checkpoint(body: SignedNote(parsing: note).text)
            } catch { throw WitnessStateError.damaged("the state file \(name) cannot be read: \(error)") }
            guard Self.originHash(checkpoint.origin) == name else { throw WitnessStateError.damaged("the state file \(name) is not named after its origin") }
            trees[checkpoint.origin] = WitnessedTree(origin: checkpoint.origin, size: checkpoint.size, root: checkpoint.root, note: note)
        }
        for (hash, last) in answered {
            let tree = trees.values.first { Self.originHash($0.origin) == hash }
            guard let tree, tree.size > last.size || (tree.size == last.size && tree.root.base64 == last.root) else {
                throw WitnessStateError.rolledBack(originHash: hash, stateSize: trees.values.first { Self.originHash($0.origin) == hash }?.size,
                                                   answeredSize: last.size)
            }
        }
    }

    /// Persists `tree` (its note with the witness's cosignature) before the cosignature is answered.
    mutating func record(_ tree: WitnessedTree) throws {
        let name = Self.originHash(tree.origin)
        let temporary = logsDirectory + "/.\(name).new"
        unlink(temporary)
        try PrivateFile.write(Data(tree.note.utf8), to: temporary, field: "--state")
        guard rename(temporary, logsDirectory + "/" + name) == 0 else {
            throw WitnessStateError.damaged("cannot replace the state of a log: \(String(cString: strerror(errno)))")
        }
        PrivateFile.syncDirectory(logsDirectory)
        let fd = open(journal, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw WitnessStateError.damaged("cannot open the answers journal: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let line = Array("\(name) \(tree.size) \(tree.root.base64)\n".utf8)
        guard write(fd, line, line.count) == line.count, fsync(fd) == 0 else {
            throw WitnessStateError.damaged("cannot append to the answers journal: \(String(cString: strerror(errno)))")
        }
        PrivateFile.syncDirectory(directory)
        trees[tree.origin] = tree
    }
}

/// Why a witness's state cannot be used.
public enum WitnessStateError: Error, CustomStringConvertible {
    /// A log's state file is older than a cosignature the witness already gave for it.
    case rolledBack(originHash: String, stateSize: UInt64?, answeredSize: UInt64)
    /// A file of the state is unreadable or malformed.
    case damaged(String)

    public var description: String {
        switch self {
        case .rolledBack(let hash, let state, let answered):
            "the witness state was rolled back: for the log \(hash) it holds size \(state.map(String.init) ?? "none") but this witness "
                + "already cosigned size \(answered) (answers journal); it refuses to start rather than cosign a fork — restore the newest state"
        case .damaged(let reason): "the witness state is damaged: \(reason)"
        }
    }
}
