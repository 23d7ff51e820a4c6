import Foundation
import ParcoursApp
import ParcoursLog
import Testing
@testable import ParcoursServer
#if canImport(Glibc)
import Glibc
#endif

/// The clinician commands through a server (`--server`): `parcours serve` started on loopback
/// with a fixture store and two clinicians whose second factor is set up; the commands signed
/// in as the pages are, without the master passphrase, printing what the local mode prints on
/// the same store. Synthetic people only.
@Suite("The command line through a server", .serialized)
struct ServerModeTests {
    static let clinician = "clin-serveur"
    static let stranger = "clin-ailleurs"
    static let justification = "Appel de crise, équipe de suivi injoignable ce soir"

    /// A store with the two clinicians (second factor set up), served by `parcours serve` on a free loopback port.
    final class Served: @unchecked Sendable {
        let cli: CLI
        let server: ChildProcess
        let url: String

        init() async throws {
            cli = try CLI.initialized()
            try cli.enrol(ServerModeTests.clinician, name: "Intervenante Exemple", roles: "clinician")
            let other = try cli.run(["actor", "add", ServerModeTests.stranger, "--name", "Intervenant Exemple", "--organization", "Autre Organisme",
                                     "--roles", "clinician", "--as", CLI.adminID])
            guard other.status == 0 else { throw HarnessError("actor add: \(other)") }
            let record = try await CaseRecord.open(at: cli.store.path, masterPassphrase: CLI.masterPassphrase)
            for actor in [ServerModeTests.clinician, ServerModeTests.stranger] {
                _ = try await record.setSecondFactor(Self.secret(of: actor), for: try await record.store.unlockActor(actor, passphrase: CLI.newPassphrase))
            }
            let port = try Self.freePort()
            url = "http://127.0.0.1:\(port)"
            let (process, _, _) = try cli.makeProcess(["serve", "--port", String(port)])
            server = process
            try process.run()
            let deadline = Date().addingTimeInterval(60)
            while !Self.listening(port) {
                guard process.isRunning, Date() < deadline else { throw HarnessError("parcours serve did not start") }
                usleep(50_000)
            }
        }

        deinit {
            server.terminate()
            server.waitUntilExit()
        }

        static func secret(of actor: String) -> [UInt8] { Array(Sodium.sha256(Array("secret-de-test-\(actor)".utf8)).bytes.prefix(20)) }

        /// The code `actor`'s authenticator app shows now.
        static func code(of actor: String) -> String { OneTimeCode(secret: secret(of: actor)).code(step: OneTimeCode.step(at: Date())) }

        /// Whether something accepts connections on `port` of 127.0.0.1.
        static func listening(_ port: Int) -> Bool {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(fd) }
            var address = loopback(port: port)
            return withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
            }
        }

        /// The address of `port` on 127.0.0.1.
        static func loopback(port: Int) -> sockaddr_in {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = UInt16(port).bigEndian
            return address
        }

        /// A port nothing listens on now.
        static func freePort() throws -> Int {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(fd) }
            var address = loopback(port: 0)
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
            }
            guard bound else { throw HarnessError("no free port") }
            return Int(UInt16(bigEndian: address.sin_port))
        }

        /// The environment of a command through the server: its own state directory, neither passphrase.
        func remote(_ state: String) -> [String: String?] {
            ["XDG_STATE_HOME": cli.path(state), "PARCOURS_MASTER_PASSPHRASE": nil, "PARCOURS_PASSPHRASE": nil]
        }

        /// Signs `actor` in, keeping the token under `state`.
        func signIn(_ actor: String, state: String) throws -> CLIResult {
            try cli.run(["signin", "--server", url, "--actor", actor, "--passphrase-stdin", "--code", Self.code(of: actor)],
                        input: CLI.newPassphrase + "\n", env: remote(state))
        }
    }

    @Test("sign in, record through the server, read journey, timeline and caseload as the local mode prints them; sign out, then sign in again is asked; the token never printed, kept 0600 in a 0700 directory")
    func clinicianDay() async throws {
        let served = try await Served()
        let cli = served.cli, url = served.url
        var printed: [CLIResult] = []

        let signedIn = try served.signIn(Self.clinician, state: "state")
        printed.append(signedIn)
        #expect(signedIn.status == 0, "\(signedIn)")
        let directory = cli.path("state/parcours")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory)
        #expect(files == ["session-http___127.0.0.1_\(url.split(separator: ":").last!)"])
        let tokenFile = directory + "/" + files[0]
        #expect(try FileManager.default.attributesOfItem(atPath: directory)[.posixPermissions] as? Int == 0o700)
        #expect(try FileManager.default.attributesOfItem(atPath: tokenFile)[.posixPermissions] as? Int == 0o600)
        let token = try String(contentsOfFile: tokenFile, encoding: .utf8)

        let admission = """
            {"type":"participant.enrolled","occurredAt":"2026-11-20T10:00:00.000Z","data":{"identity":{"name":"Personne Fictive Serveur","dateOfBirth":"2010-05-01"},\
            "genderIdentity":"non-binary","preferredLanguage":"fr","referringOrganization":"Organisme Exemple","voluntary":true,"recognizesHarms":true}}
            """
        let admitted = try cli.run(["record", "--server", url, "-"], input: admission, env: served.remote("state"))
        printed.append(admitted)
        let lines = try admitted.jsonLines()
        #expect(admitted.status == 0 && lines.count == 1, "only the admission is printed, as on the store: \(admitted)")
        guard case .object(let act)? = lines.first, case .string(let participant)? = act["participant"] else { return }
        #expect(act["type"] == "participant.enrolled")
        let assessment = """
            {"type":"stage.assessed","participant":"\(participant)","occurredAt":"2026-11-21T10:00:00.000Z",\
            "data":{"engagementStep":"involvement-and-commitment","wheelStage":"contemplation","importance":7,"confidence":5}}
            """
        let assessed = try cli.run(["record", "-"], input: assessment, env: served.remote("state").merging(["PARCOURS_SERVER": url]) { $1 })
        printed.append(assessed)
        #expect(assessed.status == 0 && assessed.stdout.contains("\"type\":\"stage.assessed\""), "PARCOURS_SERVER chooses the server: \(assessed)")

        let local = ["PARCOURS_PASSPHRASE": CLI.newPassphrase]
        for command in [["journey", participant], ["journey", participant, "--json"], ["timeline", participant], ["timeline", participant, "--json"],
                        ["caseload"], ["caseload", "--json"]] {
            let remote = try cli.run(command + ["--server", url], env: served.remote("state"))
            let onStore = try cli.run(command + ["--as", Self.clinician], env: local)
            printed.append(remote)
            #expect(remote.status == 0 && remote.stdout == onStore.stdout && remote.stdout.contains(Self.clinician),
                    "\(command.joined(separator: " ")): \(remote) — on the store: \(onStore)")
        }

        let signedOut = try cli.run(["signout", "--server", url], env: served.remote("state"))
        printed.append(signedOut)
        #expect(signedOut.status == 0 && !FileManager.default.fileExists(atPath: tokenFile))
        let after = try cli.run(["caseload", "--server", url], env: served.remote("state"))
        #expect(after.status == 2 && after.stderr.contains("sign in again: parcours signin --server \(url)"), "\(after)")
        let ended = try cli.run(["caseload", "--server", url], env: served.remote("state").merging(["PARCOURS_TOKEN": token]) { $1 })
        #expect(ended.status == 2 && ended.stderr.contains("PARCOURS_TOKEN: session terminée"), "the session ended on the server too: \(ended)")

        #expect(!printed.contains { $0.stdout.contains(token) || $0.stderr.contains(token) }, "the token is never printed")
    }

    @Test("a read outside the care team is refused naming why and how to break the glass; broken with a justification on standard input, it reads as on the store, recorded for review; a batch, or an act under a broken glass, is refused before anything is sent")
    func refusedRead() async throws {
        let served = try await Served()
        let cli = served.cli, url = served.url
        #expect(try served.signIn(Self.clinician, state: "mine").status == 0)
        let admission = """
            {"type":"participant.enrolled","occurredAt":"2026-11-20T10:00:00.000Z","data":{"identity":{"name":"Personne Fictive Serveur","dateOfBirth":"2010-05-01"},\
            "genderIdentity":"woman","preferredLanguage":"fr","referringOrganization":"Organisme Exemple","voluntary":true,"recognizesHarms":true}}
            """
        let admitted = try cli.run(["record", "--server", url, "-"], input: admission, env: served.remote("mine"))
        guard case .object(let act)? = try admitted.jsonLines().first, case .string(let participant)? = act["participant"] else {
            Issue.record("\(admitted)")
            return
        }
        #expect(try served.signIn(Self.stranger, state: "theirs").status == 0)
        let refused = try cli.run(["journey", participant, "--server", url], env: served.remote("theirs"))
        #expect(refused.status == 2 && refused.stdout.isEmpty)
        #expect(refused.stderr.contains("journey: Access refused: you are not part of the care team") && refused.stderr.contains("--break-glass"), "\(refused)")

        let remote = try cli.run(["journey", participant, "--server", url, "--break-glass", "-"], input: Self.justification, env: served.remote("theirs"))
        let onStore = try cli.run(["journey", participant, "--as", Self.stranger, "--break-glass", "-"], input: Self.justification,
                                  env: ["PARCOURS_PASSPHRASE": CLI.newPassphrase])
        #expect(remote.status == 0 && remote.stdout == onStore.stdout && remote.stdout.contains("Personne Fictive Serveur"), "\(remote)")

        let twice = try cli.run(["record", "--server", url, "-"], input: admission + "\n" + admission, env: served.remote("mine"))
        #expect(twice.status == 2 && twice.stderr.contains("one act per command"), "\(twice)")
        let file = cli.path("act.json")
        try Data(admission.utf8).write(to: URL(fileURLWithPath: file))
        let glass = try cli.run(["record", "--server", url, "--break-glass", "-", file], input: Self.justification, env: served.remote("theirs"))
        #expect(glass.status == 2 && glass.stderr.contains("--break-glass: a server records no act under a broken glass"), "\(glass)")

        let reads = try ProjectionCLITests.accessRecords(cli).compactMap { record -> [String: JSONValue]? in
            if case .object(let members) = record { members } else { nil }
        }
        #expect(reads.contains { $0["actor"] == .string(Self.stranger) && $0["outcome"] == "denied" && $0["view"] == "journey" })
        #expect(reads.filter { $0["actor"] == .string(Self.stranger) && $0["purpose"] == "break-glass" && $0["review"] == true }.count == 2,
                "through the server and on the store alike")
    }

    @Test("plain http to another machine is refused before a passphrase is asked or anything sent; --as and --server together are refused; neither names --as")
    func refusedServers() throws {
        let cli = try CLI()
        for command in [["caseload", "--server", "http://parcours.example"], ["signin", "--server", "http://10.0.0.7:8080", "--actor", "clin-x"],
                        ["journey", "P-AAAAAA", "--server", "http://127.0.0.1.example.org"]] {
            let refused = try cli.run(command, env: ["PARCOURS_PASSPHRASE": nil, "XDG_STATE_HOME": cli.path("state")])
            #expect(refused.status == 2 && refused.stderr.contains("plain http only to this machine"), "\(command): \(refused)")
        }
        let noServer = try cli.run(["caseload", "--server", "ftp://parcours.example"])
        #expect(noServer.status == 2 && noServer.stderr.contains("--server: an https URL"), "\(noServer)")
        let both = try cli.run(["caseload", "--server", "https://parcours.example", "--as", "clin-x"])
        #expect(both.status == 2 && both.stderr.contains("--as: not with --server"), "\(both)")
        let neither = try cli.run(["caseload"], env: ["PARCOURS_SERVER": nil])
        #expect(neither.status == 2 && neither.stderr.contains("--as"), "\(neither)")
        #expect(!FileManager.default.fileExists(atPath: cli.path("state")), "nothing kept")
    }
}
