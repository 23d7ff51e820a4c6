import ArgumentParser
import Foundation

struct SignoutCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "signout",
        abstract: "End the session opened with `parcours signin` on a server, and delete its token.",
        discussion: "The server ends the session (its sealed key deleted); the token kept for that server is deleted too.")

    @OptionGroup var server: ServerOption

    func validate() throws {
        if server.address == nil { throw ValidationError("--server: the server's URL (https://…), or PARCOURS_SERVER") }
    }

    func run() async throws {
        let client = try ServerClient(server.address ?? "")
        let session = try ServerSession(client)
        let token: String
        do { token = try session.token() } catch let problem as ServerProblem where problem.sessionEnded {
            Output.line("Aucune session ouverte avec \(client.origin) — not signed in")
            return
        }
        do { _ = try await client.send("DELETE", "api/v1/sessions/current", token: token) } catch let problem as ServerProblem where problem.sessionEnded {
            // Ended already (idle, or from My sessions): its token is deleted all the same.
        }
        session.forget()
        Output.line("Session terminée sur \(client.origin) — signed out")
    }
}
