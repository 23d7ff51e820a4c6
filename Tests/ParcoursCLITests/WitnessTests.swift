import Foundation
import ParcoursLog
import ParcoursSQLite
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Witnessed checkpoints end to end: three `parcours witness serve` processes on loopback
/// (C2SP tlog-witness), a store asking them to cosign (`checkpoint --witnesses`), and
/// `verify --witnesses` saying who vouched for what.
@Suite("Witnessed checkpoints", .serialized)
struct WitnessTests {
    typealias Served = ServerModeTests.Served

    /// One witness process, its key, state and port.
    final class Witness: @unchecked Sendable {
        let cli: CLI
        let name: String
        let key: String
        let state: String
        let logs: String
        let port: Int
        let vkey: String
        var process: ChildProcess?

        init(cli: CLI, index: Int, logVKey: String) throws {
            self.cli = cli
            name = "temoin\(index).example/w"
            key = cli.path("witness-\(index).key")
            state = cli.path("witness-\(index)-state")
            logs = cli.path("witness-\(index).logs")
            let made = try cli.run(["witness", "keygen", "--key", key, "--name", name])
            guard made.status == 0 else { throw HarnessError("witness keygen: \(made)") }
            vkey = made.stdout.trimmingCharacters(in: .newlines)
            try ("# the test log\n" + logVKey).write(toFile: logs, atomically: true, encoding: .utf8)
            port = try Served.freePort()
        }

        /// `witness serve`, waited for until it listens (or the result of its exit, when it refuses to start).
        @discardableResult
        func start() throws -> CLIResult? {
            let (process, out, err) = try cli.makeProcess(["witness", "serve", "--key", key, "--state", state, "--logs", logs,
                                                           "--listen", "127.0.0.1:\(port)"])
            try process.run()
            let deadline = Date().addingTimeInterval(60)
            while !Served.listening(port) {
                if !process.isRunning { return cli.collect(process, stdout: out, stderr: err) }
                guard Date() < deadline else { throw HarnessError("parcours witness serve did not start") }
                usleep(50_000)
            }
            self.process = process
            return nil
        }

        func stop() {
            process?.terminate()
            process?.waitUntilExit()
            process = nil
        }

        deinit { stop() }

        var policyLine: String { "witness \(name) \(vkey) http://127.0.0.1:\(port)\n" }
    }

    /// A store with some events, its log key, and three witnesses (not started), a 2-of-3 policy.
    struct Fixture {
        let cli: CLI
        let witnesses: [Witness]
        let policy: String

        init(quorum: Int = 2) throws {
            let cli = try CLI.initialized()
            self.cli = cli
            try Self.write(cli, 0..<5)
            let vkey = try String(contentsOf: cli.exportLog("vkey").appendingPathComponent("log.vkey"), encoding: .utf8)
            let made = try (1...3).map { try Witness(cli: cli, index: $0, logVKey: vkey) }
            let file = cli.path("witnesses.policy")
            try ("# three partners, two must vouch\n" + made.map(\.policyLine).joined() + "quorum \(quorum)\n")
                .write(toFile: file, atomically: true, encoding: .utf8)
            (witnesses, policy) = (made, file)
        }

        static func write(_ cli: CLI, _ range: Range<Int>, store: String? = nil) throws {
            let input = range.map { eventLine(stream: "notes/temoins", data: ["i": .int(Int64($0))]) }.joined(separator: "\n")
            let result = try cli.run(["append", "--as", CLI.adminID, "-"], input: input, env: store.map { ["PARCOURS_STORE": $0] } ?? [:])
            guard result.status == 0 else { throw HarnessError("append: \(result)") }
        }

        func checkpoint(_ extra: [String] = [], store: String? = nil) throws -> CLIResult {
            try cli.run(["checkpoint", "--witnesses", policy] + extra, env: store.map { ["PARCOURS_STORE": $0] } ?? [:])
        }
    }

    @Test("three witnesses cosign checkpoints in order; verify and the export say who vouched for which size")
    func cosigningInOrder() throws {
        let fixture = try Fixture()
        for witness in fixture.witnesses { try #require(try witness.start() == nil) }
        let first = try fixture.checkpoint(["--witnessed"])
        try #require(first.status == 0, "\(first)")
        let firstNote = try SignedNote(parsing: first.stdout)
        #expect(Set(firstNote.signatures.dropFirst().map(\.name)) == Set(fixture.witnesses.map(\.name)))
        try Fixture.write(fixture.cli, 5..<9)
        let second = try fixture.checkpoint(["--witnessed"])
        try #require(second.status == 0, "\(second)")
        #expect(try SignedNote(parsing: second.stdout).signatures.count == 4, "the second checkpoint is cosigned from the first by all three")
        let verified = try fixture.cli.verify(["--witnesses", fixture.policy])
        #expect(verified.status == 0, "\(verified)")
        let size = try Checkpoint(body: SignedNote(parsing: second.stdout).text).size
        for witness in fixture.witnesses {
            #expect(verified.stdout.contains("witness \(witness.name) vouched for size \(size)"), "\(verified)")
        }
        // A verifier that knows no witness still accepts the cosigned checkpoint (LOG-FORMAT.md unchanged).
        let export = try fixture.cli.exportLog()
        let exported = try String(contentsOf: export.appendingPathComponent("events.checkpoint"), encoding: .utf8)
        #expect(exported.hasPrefix(second.stdout.components(separatedBy: "\n\n")[0]))
        #expect(try SignedNote(parsing: exported).signatures.count == 4, "the export carries the cosigned checkpoint")
        #expect(try fixture.cli.verify(["--export", export.path]).status == 0)
        let exportVerified = try fixture.cli.verify(["--export", export.path, "--witnesses", fixture.policy])
        #expect(exportVerified.status == 0, "\(exportVerified)")
        #expect(exportVerified.stdout.contains("quorum of 2 witnesses met up to size \(size)"), "\(exportVerified)")
    }

    @Test("a forked log (same key, another tree of the same size) is refused by the witnesses and raised as an alarm")
    func forkRefused() throws {
        let fixture = try Fixture()
        for witness in fixture.witnesses { try #require(try witness.start() == nil) }
        try #require(try fixture.checkpoint(["--witnessed"]).status == 0)
        // A copy of the store holds the same log key: the operator forking history.
        let fork = fixture.cli.path("fork")
        try FileManager.default.copyItem(atPath: fixture.cli.store.path, toPath: fork)
        try Fixture.write(fixture.cli, 5..<8)
        let honest = try fixture.checkpoint(["--witnessed"])
        try #require(honest.status == 0, "\(honest)")
        let size = try Checkpoint(body: SignedNote(parsing: honest.stdout).text).size
        try Fixture.write(fixture.cli, 100..<103, store: fork)
        let forked = try fixture.checkpoint(["--witnessed", "--timeout", "2"], store: fork)
        #expect(forked.status == 1, "\(forked)")
        #expect(forked.stderr.contains("ALARM"), "\(forked)")
        #expect(forked.stderr.contains("HTTP 422"), "\(forked)")
        let alarms = try Store.open(at: fork, readOnly: true).witnessAlarms(limit: 10)
        #expect(alarms.count == 3 && alarms.allSatisfy { $0.status == 422 && $0.log == .events }, "each witness's refusal is kept for the privacy officer")
        let verified = try fixture.cli.run(["verify", "--witnesses", fixture.policy], env: ["PARCOURS_STORE": fork])
        #expect(!verified.stdout.contains("vouched for size \(size)"), "no witness vouched for the fork's tree: \(verified)")
        #expect(try SignedNote(parsing: forked.stdout).signatures.count == 1, "the fork's checkpoint carries no cosignature")
    }

    @Test("a witness whose state was rolled back refuses to start")
    func rolledBackStateRefused() throws {
        let fixture = try Fixture()
        let witness = fixture.witnesses[0]
        try #require(try witness.start() == nil)
        try #require(try fixture.checkpoint().status == 0)
        let logsDirectory = witness.state + "/logs"
        let file = try #require(try FileManager.default.contentsOfDirectory(atPath: logsDirectory).first { !$0.hasPrefix(".") })
        let older = try Data(contentsOf: URL(fileURLWithPath: logsDirectory + "/" + file))
        try Fixture.write(fixture.cli, 5..<8)
        try #require(try fixture.checkpoint().status == 0)
        witness.stop()
        try older.write(to: URL(fileURLWithPath: logsDirectory + "/" + file))
        let refused = try #require(try witness.start(), "the witness started on a rolled-back state")
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("rolled back"), "\(refused)")
    }

    @Test("a witness down does not block writing; verify fails while the quorum is not met")
    func witnessDown() throws {
        let fixture = try Fixture()
        try #require(try fixture.witnesses[0].start() == nil)
        // Witnesses 2 and 3 are down: writes and checkpoints go on.
        let plain = try fixture.checkpoint()
        #expect(plain.status == 0, "\(plain)")
        #expect(plain.stderr.contains("not reached"), "\(plain)")
        try Fixture.write(fixture.cli, 5..<7)
        let waited = try fixture.checkpoint(["--witnessed", "--timeout", "2"])
        #expect(waited.status == 1, "\(waited)")
        #expect(waited.stderr.contains("quorum not met"), "\(waited)")
        let verified = try fixture.cli.verify(["--witnesses", fixture.policy])
        #expect(verified.status == 1, "\(verified)")
        #expect(verified.stdout.contains("quorum not met"), "\(verified)")
        // The second witness comes back: the quorum is met at the next checkpoint.
        try #require(try fixture.witnesses[1].start() == nil)
        #expect(try fixture.checkpoint(["--witnessed"]).status == 0)
        #expect(try fixture.cli.verify(["--witnesses", fixture.policy]).status == 0)
    }

    @Test("a server cosigns in the background: what is written while it serves comes under a checkpoint the quorum vouched for")
    func serverCosignsInTheBackground() throws {
        let fixture = try Fixture()
        for witness in fixture.witnesses { try #require(try witness.start() == nil) }
        let port = try Served.freePort()
        let (server, _, _) = try fixture.cli.makeProcess(["serve", "--port", String(port), "--witnesses", fixture.policy, "--cosign-every", "1"])
        try server.run()
        defer { server.terminate(); server.waitUntilExit() }
        let started = Date().addingTimeInterval(60)
        while !Served.listening(port) {
            try #require(server.isRunning && Date() < started, "parcours serve did not start")
            usleep(50_000)
        }
        // Writes go on while the server serves; no write waits for a witness.
        try Fixture.write(fixture.cli, 5..<9)
        // The events written, counted by a verification (which also signs a checkpoint of them).
        let intact = try fixture.cli.verify().stdout
        let size = try #require(intact.components(separatedBy: "log intact: ").dropFirst().first?.split(separator: " ").first.flatMap { Int($0) })
        let met = "quorum of 2 witnesses met up to size \(size)"
        let deadline = Date().addingTimeInterval(60)
        var verified = try fixture.cli.verify(["--witnesses", fixture.policy])
        while !(verified.status == 0 && verified.stdout.contains(met)), Date() < deadline {
            usleep(500_000)
            verified = try fixture.cli.verify(["--witnesses", fixture.policy])
        }
        #expect(verified.status == 0 && verified.stdout.contains(met), "\(verified)")
    }
}
