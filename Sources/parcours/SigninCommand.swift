import ArgumentParser
import Foundation
import ParcoursLog

struct SigninCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "signin",
        abstract: "Sign in to a Parcours server, for record, journey, timeline and caseload with --server.",
        discussion: """
            As on the server's pages: your id, your passphrase (asked without echo, or read from standard input with \
            --passphrase-stdin) and the six-digit code of your authenticator app (asked, or --code). The session's token is \
            kept in a file only you can read ($XDG_STATE_HOME/parcours/, by default ~/.local/state/parcours/, one file per \
            server), never printed; PARCOURS_TOKEN, when set, is used instead. The session ends after 15 minutes without a \
            request, after 10 hours, or with `parcours signout`. Plain http only to this machine.
            """)

    @OptionGroup var server: ServerOption
    @Option(help: "Your actor id.") var actor: String
    @Flag(name: .customLong("passphrase-stdin"), help: "Read the passphrase from standard input (one line) instead of asking.")
    var passphraseFromStandardInput = false
    @Option(help: "The six digits your authenticator app shows (asked when not given).") var code: String?

    /// The longest passphrase read from standard input.
    static let maxPassphraseBytes = 1024

    func validate() throws {
        if server.address == nil { throw ValidationError("--server: the server's URL (https://…), or PARCOURS_SERVER") }
        if let code, !Self.isCode(code) { throw ValidationError("--code: the six digits your authenticator app shows") }
    }

    func run() async throws {
        let client = try ServerClient(server.address ?? "")
        let session = try ServerSession(client)
        let passphrase = try self.passphrase()
        let code = try self.code.map(Self.digits) ?? askedCode()
        let body = Data(CanonicalJSON.string(["actor": .string(actor), "passphrase": .string(passphrase), "code": .string(code)]).utf8)
        let answer = try await client.send("POST", "api/v1/sessions", token: nil, body: body)
        let members = answer.members
        guard case .string(let token)? = members["token"], !token.isEmpty, case .string(let expiresAt)? = members["expiresAt"],
              case .int(let idleSeconds)? = members["idleSeconds"] else { throw ServerClient.unreadable("a session", from: client.origin) }
        try session.keep(token)
        Output.line("Connecté·e à \(client.origin) comme \(actor) : session close après \(idleSeconds / 60) min sans requête, au plus tard le \(expiresAt)"
                    + " — signed in; the session's token is kept in \(session.path)")
    }

    /// The passphrase, from standard input (its one line, the line feed left out) or asked without echo.
    private func passphrase() throws -> String {
        guard passphraseFromStandardInput else {
            guard let typed = Secrets.hidden(prompt: "Phrase de passe de \(actor) : ") else {
                throw CommandError("no terminal to ask the passphrase on: give it on standard input with --passphrase-stdin")
            }
            return typed
        }
        let data = try FileHandle.standardInput.read(upToCount: Self.maxPassphraseBytes + 1) ?? Data()
        guard data.count <= Self.maxPassphraseBytes else {
            throw CommandError("--passphrase-stdin: a passphrase of at most \(Self.maxPassphraseBytes) bytes on standard input")
        }
        var line = String(decoding: data, as: UTF8.self)
        if line.hasSuffix("\n") { line.removeLast() }
        if line.hasSuffix("\r") { line.removeLast() }
        guard !line.isEmpty else { throw CommandError("--passphrase-stdin: no passphrase on standard input") }
        return line
    }

    /// The code, asked on the terminal.
    private func askedCode() throws -> String {
        guard let typed = Secrets.line(prompt: "Code à six chiffres de votre application d'authentification : ") else {
            throw CommandError("no terminal to ask the code on: give it with --code")
        }
        let code = Self.digits(typed)
        guard Self.isCode(code) else { throw CommandError("--code: the six digits your authenticator app shows") }
        return code
    }

    /// A code as typed, spaces left out (« 123 456 »).
    static func digits(_ text: String) -> String { text.filter { !$0.isWhitespace } }

    static func isCode(_ text: String) -> Bool {
        let digits = digits(text)
        return digits.utf8.count == 6 && digits.utf8.allSatisfy { (0x30...0x39).contains($0) }
    }
}
