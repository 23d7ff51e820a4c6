import Foundation
import ParcoursLog
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// What the CLI reads and writes: text that cannot drive the reader's terminal, output files
/// private from their first byte and never over something that exists, a break-glass
/// justification kept off the command line, input refused by size before it is parsed.
@Suite("Output and files")
struct OutputSafetyTests {
    static let asEnrolled: [String: String?] = ["PARCOURS_PASSPHRASE": CLI.newPassphrase]
    /// Sets the window title, clears the screen, a C1 CSI, DEL and a right-to-left override.
    static let hostile = "Maison \u{1B}]0;titre\u{07}\u{1B}[2J\u{9B}31m\u{7F}\u{202E}Exemple"

    /// The permission bits of `path` (not following a symbolic link).
    static func mode(_ path: String) -> mode_t {
        var status = stat()
        return lstat(path, &status) == 0 ? status.st_mode & 0o777 : 0
    }

    /// Whether `text` holds a character that acts on a terminal.
    static func drivesTerminal(_ text: String) -> Bool {
        text.unicodeScalars.contains { scalar in
            switch scalar.value {
            case 0x0A, 0x09: false
            case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: true
            default: false
            }
        }
    }

    // MARK: Text for people

    @Test("free text with escape sequences reaches the terminal neutralized; JSON escapes its controls")
    func freeTextNeutralized() throws {
        let (cli, participant) = try ProjectionCLITests.followed()
        let referral = RecordTests.act("referral.made", participant: participant, at: "2026-11-21T12:00:00.000Z",
                                       ["to": ["kind": "housing", "name": .string(Self.hostile)], "reason": "logement sûr", "urgency": "soon"])
        try #require(try RecordTests.record(cli, referral).status == 0)

        for command in ["journey", "timeline"] {
            let text = try cli.run([command, participant, "--as", RecordTests.clinician], env: Self.asEnrolled)
            #expect(text.status == 0, "\(text)")
            #expect(!Self.drivesTerminal(text.stdout), "\(command): a control character reached the terminal")
            if command == "journey" {
                #expect(text.stdout.contains(#"Maison \u{1B}]0;titre\u{7}\u{1B}[2J\u{9B}31m\u{7F}\u{202E}Exemple"#), "\(text.stdout)")
            }
        }
        // JSON is for programs: the C0 controls are escaped, the value is the one recorded.
        let json = try cli.run(["journey", participant, "--as", RecordTests.clinician, "--json"], env: Self.asEnrolled)
        #expect(json.status == 0 && !json.stdout.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(json.stdout.lowercased().contains(#"\u001b]0;titre\u0007"#), "\(json.stdout)")
        let events = try cli.run(["events", "participant/\(participant)", "--as", RecordTests.clinician], env: Self.asEnrolled)
        #expect(events.status == 0 && events.stdout.contains(#"\u001b]0;titre\u0007\u001b[2J"#), "\(events)")
        let parsed = try events.jsonLines().compactMap { $0["data"]?["to"]?["name"]?.stringValue }
        #expect(parsed.contains(Self.hostile))
    }

    @Test("an error that echoes its input neutralizes it")
    func errorEchoNeutralized() throws {
        let cli = try CLI()
        let unknown = try cli.run(["journey", "--couleur\u{1B}]0;titre\u{07}", "P-AAAAAA", "--as", CLI.adminID])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains(#"\u{1B}]0;titre\u{7}"#) && !Self.drivesTerminal(unknown.stderr), "\(unknown.stderr)")
        let missing = try cli.run(["append", "--as", CLI.adminID, cli.path("absent\u{1B}[2J.json")])
        #expect(missing.status == 2 && !Self.drivesTerminal(missing.stderr), "\(missing.stderr)")
    }

    // MARK: Files

    /// Runs `parcours arguments` under `shell` (e.g. `umask 000`), noting while it runs every
    /// regular file under `directory` that others could read.
    static func run(_ cli: CLI, _ arguments: [String], under shell: String, stdin: Data? = nil,
                    watching directory: String? = nil) throws -> (CLIResult, exposed: Set<String>) {
        let (process, out, err) = try cli.makeProcess(arguments, stdin: stdin)
        let binary = try #require(CLI.executable)
        process.executable = "/bin/sh"
        process.arguments = ["-c", "\(shell); exec \"$0\" \"$@\"", binary.path] + arguments
        try process.run()
        var exposed: Set<String> = []
        while process.isRunning, let directory {
            for name in (FileManager.default.enumerator(atPath: directory)?.allObjects as? [String]) ?? [] {
                let path = directory + "/" + name
                var status = stat()
                if lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_mode & 0o077 != 0 {
                    exposed.insert("\(name) \(String(status.st_mode & 0o777, radix: 8))")
                }
            }
            usleep(500)
        }
        return (try cli.finish(process, stdout: out, stderr: err), exposed)
    }

    @Test("backup under umask 000: no byte of the copy or its journal is ever readable by others")
    func backupPrivateFromFirstByte() throws {
        let cli = try CLI.initialized()
        try #require(try cli.run(["append", "--as", CLI.adminID, "-"], stdin: BackupTests.batch(0, size: 3_000)).status == 0)
        let folder = cli.path("copies")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        let file = folder + "/copie.sqlite"
        let (result, exposed) = try Self.run(cli, ["backup", "--out", file, "--as", CLI.adminID], under: "umask 000", watching: folder)
        #expect(result.status == 0, "\(result)")
        #expect(exposed.isEmpty, "readable by others while the backup ran: \(exposed)")
        #expect(Self.mode(file) == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["copie.sqlite"], "nothing left beside the copy")
        #expect(try cli.verify(["--store", file]).status == 0)
    }

    @Test("a symbolic link given as --out, even dangling, is refused and its target never created")
    func danglingSymlinkRefused() throws {
        let cli = try CLI.initialized()
        let target = cli.path("cible")
        let link = cli.path("lien")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        for arguments in [["backup", "--out", link, "--as", CLI.adminID], ["export", "log", "--out", link, "--as", CLI.adminID]] {
            let before = try cli.checkpoint(access: true)
            let result = try cli.run(arguments)
            #expect(result.status == 2, "\(arguments): \(result)")
            #expect(result.stderr.contains("--out") && result.stderr.contains("symbolic link"), "\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: target), "\(arguments) created the link's target")
            #expect(try cli.checkpoint(access: true) == before, "\(arguments): nothing recorded")
        }
    }

    @Test("export log --out an existing file or a non-empty directory: a clear error, nothing recorded")
    func exportLogOutExisting() throws {
        let cli = try CLI.initialized()
        let file = cli.path("fichier")
        try Data("à garder".utf8).write(to: URL(fileURLWithPath: file))
        let full = cli.path("plein")
        try FileManager.default.createDirectory(atPath: full, withIntermediateDirectories: false)
        try Data("x".utf8).write(to: URL(fileURLWithPath: full + "/autre.txt"))
        for out in [file, full] {
            let before = try cli.checkpoint(access: true)
            let result = try cli.run(["export", "log", "--out", out, "--as", CLI.adminID])
            #expect(result.status == 2, "\(result)")
            #expect(result.stderr.hasPrefix("parcours: --out: ") && result.stderr.contains("a new or empty directory"), "\(result.stderr)")
            #expect(!result.stderr.contains("NSCocoaErrorDomain") && !result.stderr.contains("Error Domain"), "\(result.stderr)")
            #expect(try cli.checkpoint(access: true) == before, "a refused export is not recorded as done")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == Data("à garder".utf8))
        // An empty directory is accepted.
        let empty = cli.path("vide")
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: false)
        #expect(try cli.run(["export", "log", "--out", empty, "--as", CLI.adminID]).status == 0)
    }

    @Test("export log under umask 000 creates its directory 0700 and its files 0600")
    func exportLogPrivate() throws {
        let cli = try CLI.initialized()
        let out = cli.path("export-prive")
        let (result, exposed) = try Self.run(cli, ["export", "log", "--out", out, "--as", CLI.adminID], under: "umask 000", watching: cli.root.path)
        #expect(result.status == 0, "\(result)")
        #expect(exposed.filter { $0.hasPrefix("export-prive") }.isEmpty, "\(exposed)")
        #expect(Self.mode(out) == 0o700)
        for name in try FileManager.default.contentsOfDirectory(atPath: out) { #expect(Self.mode(out + "/" + name) == 0o600, "\(name)") }
    }

    @Test("init narrows an existing store directory to 0700")
    func initNarrowsDirectory() throws {
        let cli = try CLI()
        try FileManager.default.createDirectory(atPath: cli.store.path, withIntermediateDirectories: false,
                                                attributes: [.posixPermissions: 0o755])
        try #require(Self.mode(cli.store.path) == 0o755)
        let result = try cli.run(["init", "--origin", CLI.origin, "--admin", CLI.adminID])
        #expect(result.status == 0, "\(result)")
        #expect(Self.mode(cli.store.path) == 0o700)
    }

    // MARK: Break-glass

    @Test("--break-glass - takes the justification from standard input, recorded like the command-line form")
    func breakGlassFromStandardInput() throws {
        let (cli, participant) = try ProjectionCLITests.followed()
        try AccessPolicyCLITests.enrol(cli, "clin-autre", roles: "clinician", organization: "Organisme Exemple")
        let read = try cli.run(["journey", participant, "--as", "clin-autre", "--json", "--break-glass", "-"],
                               stdin: Data("  \(AccessPolicyCLITests.justification)\n".utf8), env: Self.asEnrolled)
        #expect(read.status == 0, "\(read)")
        let events = try cli.run(["events", "participant/\(participant)", "--as", "clin-autre", "--break-glass", "-"],
                                 stdin: Data(AccessPolicyCLITests.justification.utf8), env: Self.asEnrolled)
        #expect(events.status == 0 && events.stdout.contains("\"data\""), "\(events)")
        let empty = try cli.run(["journey", participant, "--as", "clin-autre", "--break-glass", "-"], stdin: Data("\n".utf8),
                                env: Self.asEnrolled)
        #expect(empty.status == 2 && empty.stderr.contains("--break-glass -") && empty.stdout.isEmpty, "\(empty)")
        let records = try ProjectionCLITests.accessRecords(cli).filter { $0["actor"] == "clin-autre" && $0["purpose"] == "break-glass" }
        #expect(records.map { $0["view"] } == ["journey", "events"])
        #expect(records.allSatisfy { $0["justification"] == .string(AccessPolicyCLITests.justification) && $0["review"] == true })
    }

    @Test("the help of the reads says the command-line justification is visible in ps, and offers the other ways")
    func breakGlassHelp() throws {
        let cli = try CLI()
        for command in ["journey", "timeline", "events"] {
            let help = try cli.run([command, "--help"])
            let words = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            #expect(help.status == 0)
            #expect(words.contains("--break-glass-prompt") && words.contains("(ps)") && words.contains("standard input"), "\(command): \(words)")
        }
    }

    // MARK: Input

    @Test("a 60 MB act is refused by its size before it is read whole or parsed; a 2 MiB one names the 1 MiB limit")
    func oversizedInputRefused() throws {
        let cli = try CLI.initialized()
        let before = try cli.checkpoint()
        // 60 MB of empty objects: parsed whole, they took gigabytes before the data's 256 KiB limit refused them.
        var huge = Data(#"{"type": "note.added", "stream": "notes/a", "data": {"t": [{"#.utf8)
        huge.append(Data(String(repeating: "},{", count: 20_000_000).utf8))
        huge.append(Data("}]}}\n".utf8))
        // Within 500 MB of address space, a clear refusal naming the limit.
        let (result, _) = try Self.run(cli, ["append", "--as", CLI.adminID, "-"], under: "ulimit -v 500000", stdin: huge)
        #expect(result.status == 2 && !result.signaled, "\(result)")
        #expect(result.stderr.contains("16 MiB"), "\(result.stderr)")
        let large = eventLine(stream: "notes/a", data: ["texte": .string(String(repeating: "a", count: 2 << 20))])
        for command in [["append", "--as", CLI.adminID, "-"], ["record", "--as", CLI.adminID, "-"]] {
            let refused = try cli.run(command, input: large)
            #expect(refused.status == 2 && refused.stderr.contains("1 MiB"), "\(command): \(refused.stderr)")
        }
        #expect(try cli.checkpoint() == before)
    }

    @Test("an error in a pretty-printed act is located at its real line and column")
    func prettyPrintedErrorLocated() throws {
        let cli = try CLI.initialized()
        let pretty = "{\n  \"type\": \"note.added\",\n  \"stream\": \"notes/a\",\n  \"data\": {\"n\": 1},\n  \"poids\": 1.5\n}\n"
        for command in [["append", "--as", CLI.adminID, "-"], ["record", "--as", CLI.adminID, "-"]] {
            let result = try cli.run(command, input: pretty)
            #expect(result.status == 2, "\(result)")
            #expect(result.stderr.contains("line 5, column 12"), "\(command): \(result.stderr)")
        }
        // A pretty-printed act without error is accepted as one.
        let fine = "{\n  \"type\": \"note.added\",\n  \"stream\": \"notes/a\",\n  \"data\": {\"n\": 1}\n}\n"
        #expect(try cli.append(fine).status == 0)
        // In JSON Lines, the line counts blank lines too.
        let lines = [eventLine(stream: "notes/b", data: ["n": 1]), "", #"{"type": "note.added", "stream": "notes/b", "data": {"n": 1}"#]
        let bad = try cli.append(lines.joined(separator: "\n"))
        #expect(bad.status == 2 && bad.stderr.contains("line 3, column 61"), "\(bad.stderr)")
    }
}
