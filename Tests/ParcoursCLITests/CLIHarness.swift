import Foundation
import ParcoursLog
import ParcoursSQLite
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// What one run of `parcours` gave back.
struct CLIResult: CustomStringConvertible {
    var status: Int32
    /// True when the process died from a signal (then `status` is the signal number).
    var signaled: Bool
    var stdout: String
    var stderr: String

    /// The stdout lines that are not empty.
    var lines: [String] { stdout.split(separator: "\n").map(String.init) }

    /// Each stdout line parsed as JSON.
    func jsonLines() throws -> [JSONValue] { try lines.map { try JSONParser.parse($0) } }

    var description: String { "exit \(signaled ? "signal " : "")\(status)\nstdout: \(stdout)\nstderr: \(stderr)" }
}

/// Runs the built `parcours` binary against a private, throw-away store.
///
/// Each instance owns a fresh temporary directory (removed on deinit) holding the
/// store (`store/`) and any scratch files; the passphrases are synthetic.
final class CLI: @unchecked Sendable {
    static let adminID = "admin-exemple"
    static let adminName = "Administratrice Exemple"
    static let adminPassphrase = "phrase-admin-exemple-1"
    static let masterPassphrase = "phrase-maitresse-exemple-1"
    static let newPassphrase = "phrase-nouvelle-exemple-1"
    static let origin = "spheres.example/parcours-test"

    /// The temporary directory of this instance.
    let root: URL
    /// The store directory (PARCOURS_STORE).
    let store: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("parcours-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        store = root.appendingPathComponent("store")
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    /// A new instance whose store is initialised with the founding admin.
    /// `demo`: a store for synthetic journeys (`init --demo`), the only kind `demo generate` writes into.
    static func initialized(origin: String = CLI.origin, demo: Bool = false) throws -> CLI {
        let cli = try CLI()
        let result = try cli.run(["init", "--origin", origin, "--admin", adminID, "--admin-name", adminName] + (demo ? ["--demo"] : []))
        guard result.status == 0 else { throw HarnessError("parcours init failed: \(result)") }
        return cli
    }

    /// A stream's events with their content opened, read in-process with the master key
    /// (the CLI shows no participant's content to an administrator): what tests compare
    /// with what was recorded. `file` reads a backup instead of the store.
    func storedEvents(_ stream: String, file: String? = nil) throws -> [JSONValue] {
        let store = try Store.open(at: file ?? self.store.path, readOnly: true)
        return try store.events(inStream: stream, master: try store.unlockMaster(passphrase: CLI.masterPassphrase)).map { event in
            var line: [String: JSONValue] = ["seq": .int(Int64(event.envelope.seq)), "type": .string(event.envelope.type),
                                             "author": .string(event.envelope.author.actor), "schema": .int(event.envelope.schema)]
            switch event.content {
            case .clear(let data), .opened(let data): line["data"] = .object(data)
            case .erased: line["content"] = "erased"
            }
            return .object(line)
        }
    }

    /// A path inside this instance's temporary directory.
    func path(_ name: String) -> String { root.appendingPathComponent(name).path }

    // MARK: Finding the binary

    static let executable: URL? = {
        let environment = ProcessInfo.processInfo.environment
        if let override = environment["PARCOURS_BIN"], !override.isEmpty { return URL(fileURLWithPath: override) }
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<5 {
            let candidate = directory.appendingPathComponent("parcours")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
               FileManager.default.isExecutableFile(atPath: candidate.path) {
                return candidate
            }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }()

    // MARK: Running

    /// The environment of a run: the parent's PATH, the store and the passphrases.
    /// A nil value in `overrides` removes that variable.
    func environment(_ overrides: [String: String?]) -> [String: String] {
        var environment: [String: String] = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "PARCOURS_STORE": store.path,
            "PARCOURS_PASSPHRASE": CLI.adminPassphrase,
            "PARCOURS_MASTER_PASSPHRASE": CLI.masterPassphrase,
            "PARCOURS_NEW_PASSPHRASE": CLI.newPassphrase,
        ]
        if let home = ProcessInfo.processInfo.environment["HOME"] { environment["HOME"] = home }
        for (name, value) in overrides { environment[name] = value }
        return environment
    }

    /// A process ready to run `parcours arguments`, its stdin from `stdin`, its output to files.
    func makeProcess(_ arguments: [String], stdin: Data? = nil, env overrides: [String: String?] = [:]) throws
        -> (process: ChildProcess, stdout: URL, stderr: URL)
    {
        guard let executable = CLI.executable else {
            throw HarnessError("no parcours binary next to \(CommandLine.arguments[0]); build it or set PARCOURS_BIN")
        }
        let tag = UUID().uuidString
        let outURL = root.appendingPathComponent("run-\(tag).out")
        let errURL = root.appendingPathComponent("run-\(tag).err")
        let inURL = root.appendingPathComponent("run-\(tag).in")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: inURL.path, contents: stdin ?? Data())
        let process = ChildProcess(executable: executable.path, arguments: arguments, environment: environment(overrides),
                                   directory: root.path, standardInput: inURL.path, standardOutput: outURL.path,
                                   standardError: errURL.path)
        return (process, outURL, errURL)
    }

    /// Runs `parcours arguments` to completion (killed after `timeout` seconds).
    @discardableResult
    func run(_ arguments: [String], stdin: Data? = nil, env overrides: [String: String?] = [:], timeout: Double = 300) throws -> CLIResult {
        let (process, outURL, errURL) = try makeProcess(arguments, stdin: stdin, env: overrides)
        try process.run()
        return try finish(process, stdout: outURL, stderr: errURL, timeout: timeout)
    }

    /// Waits for a started process (killing it after `timeout` seconds) and collects its result.
    func finish(_ process: ChildProcess, stdout: URL, stderr: URL, timeout: Double = 300) throws -> CLIResult {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            if Date() > deadline {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                throw HarnessError("parcours \(process.arguments.joined(separator: " ")) did not finish in \(timeout) s")
            }
            usleep(2_000)
        }
        process.waitUntilExit()
        return collect(process, stdout: stdout, stderr: stderr)
    }

    /// Runs `parcours` with `text` on standard input.
    @discardableResult
    func run(_ arguments: [String], input text: String, env overrides: [String: String?] = [:]) throws -> CLIResult {
        try run(arguments, stdin: Data(text.utf8), env: overrides)
    }

    /// The result of a process that has exited.
    func collect(_ process: ChildProcess, stdout: URL, stderr: URL) -> CLIResult {
        let out = (try? Data(contentsOf: stdout)) ?? Data()
        let err = (try? Data(contentsOf: stderr)) ?? Data()
        try? FileManager.default.removeItem(at: stdout)
        try? FileManager.default.removeItem(at: stderr)
        return CLIResult(status: process.terminationStatus, signaled: process.signaled,
                         stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self))
    }

    // MARK: Common requests

    /// `parcours append --as admin -` with `input` (one object or JSON Lines).
    @discardableResult
    func append(_ input: String, as actor: String = CLI.adminID, env overrides: [String: String?] = [:]) throws -> CLIResult {
        try run(["append", "--as", actor, "-"], input: input, env: overrides)
    }

    /// The signed checkpoint of the event log (or the access log).
    func checkpoint(access: Bool = false) throws -> String {
        let result = try run(access ? ["checkpoint", "--access"] : ["checkpoint"])
        guard result.status == 0 else { throw HarnessError("parcours checkpoint failed: \(result)") }
        return result.stdout
    }

    /// `parcours verify` (with extra arguments).
    func verify(_ extra: [String] = [], env overrides: [String: String?] = [:]) throws -> CLIResult {
        try run(["verify"] + extra, env: overrides)
    }

    /// `parcours events STREAM --as admin`, parsed.
    func events(_ stream: String, as actor: String = CLI.adminID) throws -> [JSONValue] {
        let result = try run(["events", stream, "--as", actor])
        guard result.status == 0 else { throw HarnessError("parcours events \(stream) failed: \(result)") }
        return try result.jsonLines()
    }

    /// `parcours export log --out DIR --as <the founding admin>` into a new directory of this instance.
    func exportLog(_ name: String = "export") throws -> URL {
        let directory = root.appendingPathComponent(name)
        let result = try run(["export", "log", "--out", directory.path, "--as", CLI.adminID])
        guard result.status == 0 else { throw HarnessError("parcours export log failed: \(result)") }
        return directory
    }

    /// The records of an exported `events.jsonl` (or `access.jsonl`), parsed.
    static func records(in file: URL) throws -> [JSONValue] {
        let data = try Data(contentsOf: file)
        return try data.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast().map { try JSONParser.parse(Array($0)) }
    }

    /// Enrols an actor whose passphrase is `CLI.newPassphrase`.
    func enrol(_ id: String, name: String, roles: String) throws {
        let result = try run(["actor", "add", id, "--name", name, "--organization", "Organisme Exemple", "--roles", roles,
                              "--as", CLI.adminID])
        guard result.status == 0 else { throw HarnessError("parcours actor add \(id) failed: \(result)") }
    }
}

/// One event of `append`'s input, as a JSON line.
func eventLine(type: String = "note.added", stream: String, data: JSONValue, id: String? = nil, expectedVersion: Int? = nil) -> String {
    var object: [String: JSONValue] = ["type": .string(type), "stream": .string(stream), "data": data]
    if let id { object["id"] = .string(id) }
    if let expectedVersion { object["expectedVersion"] = .int(Int64(expectedVersion)) }
    return CanonicalJSON.string(.object(object))
}

/// The size and root hash of a signed checkpoint note (its body's second and third lines).
func checkpointBody(_ note: String) -> (origin: String, size: UInt64, root: Hash)? {
    let lines = note.split(separator: "\n", omittingEmptySubsequences: false)
    guard lines.count >= 3, let size = UInt64(lines[1]), let root = Hash(base64: String(lines[2])) else { return nil }
    return (String(lines[0]), size, root)
}

struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
