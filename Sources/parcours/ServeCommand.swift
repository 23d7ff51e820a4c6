import ArgumentParser
import ParcoursApp
import ParcoursServer

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the web application clinicians work in (sign-in, caseload, journeys).",
        discussion: """
            Listens on 127.0.0.1:8080 by default: loopback only, unless --host says otherwise (then behind a TLS proxy). \
            The store is unlocked with PARCOURS_MASTER_PASSPHRASE (or a prompt); each person signs in with her or his own \
            passphrase. Stops on Ctrl-C.
            """)

    @OptionGroup var store: StoreOptions
    @Option(help: "The address to listen on.") var host = "127.0.0.1"
    @Option(help: "The port to listen on.") var port = 8080

    func validate() throws {
        guard (1...65_535).contains(port) else { throw ValidationError("--port: a port number from 1 to 65535") }
    }

    func run() async throws {
        let web = WebApplication(caseRecord: try await store.caseRecord())
        Output.line("Parcours : http://\(host):\(port)/ — Ctrl-C pour arrêter")
        try await web.run(host: host, port: port)
    }
}
