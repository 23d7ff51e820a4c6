import ArgumentParser
import Foundation
import ParcoursLog
import ParcoursServer

/// `parcours witness`: run a C2SP tlog-witness that any partner can host.
struct WitnessCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "witness", abstract: "A transparency-log witness (C2SP tlog-witness): cosigns checkpoints consistent with what it saw.",
        subcommands: [WitnessKeygenCommand.self, WitnessServeCommand.self])
}

/// `parcours witness keygen`: a new witness key.
struct WitnessKeygenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen", abstract: "Make a witness key (file mode 0600) and print its verifier key (vkey) for the logs' policies.")

    @Option(help: "The new key file (never over an existing one).") var key: String
    @Option(help: "The witness's key name, a schema-less URL such as temoin.example/dpo.") var name: String

    func run() async throws {
        print(try WitnessKeyFile.create(path: key, name: name).verifier.text)
    }
}

/// `parcours witness serve`: answer `add-checkpoint` for the configured logs.
struct WitnessServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Serve the witness: POST /add-checkpoint and GET /<origin hash>/checkpoint.",
        discussion: """
            --logs names the logs witnessed: one log verifier key (a log's `log.vkey`) a line, `#` comments.
            The state directory keeps, per log, the last checkpoint cosigned (replaced atomically) and an
            append-only journal of every cosignature given: a state file older than the journal (an old copy put
            back) makes the witness refuse to start, rather than cosign a fork.
            """)

    @Option(help: "The witness key file (parcours witness keygen).") var key: String
    @Option(help: "The state directory (created 0700 if absent).") var state: String
    @Option(help: "The logs witnessed: a file of log verifier keys, one a line.") var logs: String
    @Option(help: "host:port to listen on.") var listen = "127.0.0.1:7380"

    func validate() throws {
        guard let colon = listen.lastIndex(of: ":"), !listen[..<colon].isEmpty, let port = Int(listen[listen.index(after: colon)...]),
              (1...65_535).contains(port) else { throw ValidationError("--listen: host:port, such as 127.0.0.1:7380") }
    }

    func run() async throws {
        let signer = try WitnessKeyFile.read(path: key)
        guard let text = try? String(contentsOfFile: logs, encoding: .utf8) else { throw CommandError("--logs: a readable file of log verifier keys") }
        var verifiers: [NoteVerifier] = []
        for (index, line) in text.split(separator: "\n").enumerated() where !line.hasPrefix("#") && !line.allSatisfy(\.isWhitespace) {
            do { verifiers.append(try NoteVerifier(text: line.trimmingCharacters(in: .whitespaces))) } catch {
                throw CommandError("--logs line \(index + 1): \(error)")
            }
        }
        guard !verifiers.isEmpty else { throw CommandError("--logs: at least one log verifier key") }
        let witness: WitnessService
        do { witness = try WitnessService(signer: signer, logs: verifiers, stateDirectory: state) } catch let refused as WitnessStateError {
            throw CommandError("--state: \(refused)")
        }
        let colon = listen.lastIndex(of: ":")!
        let host = String(listen[..<colon])
        let port = Int(listen[listen.index(after: colon)...])!
        Output.line("Témoin \(signer.name) : http://\(listen)/ — witnessing \(verifiers.count) log(s); vkey \(signer.verifier.text)")
        try await WitnessApplication(witness: witness).application(host: host, port: port).runService()
    }
}
