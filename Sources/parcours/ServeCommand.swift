import ArgumentParser
import Foundation
import NIOCore
import NIOPosix
import ParcoursApp
import ParcoursServer

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the web application clinicians work in (sign-in, caseload, journeys).",
        discussion: """
            Listens on 127.0.0.1:8080 by default: loopback only, unless --host says otherwise — then over TLS, with \
            --tls-cert and --tls-key (PEM files; HSTS is sent), or behind a TLS proxy, named by --public-url. The store is unlocked with PARCOURS_MASTER_PASSPHRASE (or a prompt); each person signs in with her or his own \
            passphrase. Stops on Ctrl-C.
            """)

    @OptionGroup var store: StoreOptions
    @Option(help: "The address to listen on.") var host = "127.0.0.1"
    @Option(help: "The port to listen on.") var port = 8080
    @Option(name: .customLong("tls-cert"), help: "The server's certificate chain, a PEM file (with --tls-key).") var certificate: String?
    @Option(name: .customLong("tls-key"), help: "The certificate's private key, a PEM file (with --tls-cert).") var key: String?
    @Option(name: .customLong("public-url"),
            help: "Behind a TLS proxy, the address people reach the server at (https://host[:port]): enrolment links point there, HSTS is sent.")
    var publicURL: String?
    @Option(help: "Where the administrator's backups go (created 0700); by default the store's sauvegardes directory.") var backups: String?
    @OptionGroup var witnesses: WitnessesOption
    @Option(help: "With --witnesses, seconds between two rounds of cosigning (in the background).") var cosignEvery = 60

    func validate() throws {
        guard (1...65_535).contains(port) else { throw ValidationError("--port: a port number from 1 to 65535") }
        guard (1...86_400).contains(cosignEvery) else { throw ValidationError("--cosign-every: seconds from 1 to 86400") }
        guard (certificate == nil) == (key == nil) else {
            throw ValidationError(certificate == nil ? "--tls-cert: needed with --tls-key (a PEM certificate chain)"
                                                     : "--tls-key: needed with --tls-cert (the certificate's PEM private key)")
        }
        if let publicURL, PublicAddress(publicURL) == nil { throw ValidationError("--public-url: \(PublicAddress.accepted)") }
        for (option, path) in [("--tls-cert", certificate), ("--tls-key", key)] {
            if let path, !FileManager.default.isReadableFile(atPath: path) { throw ValidationError("\(option): a readable PEM file") }
        }
    }

    /// Makes NIO's event loops Swift Concurrency's global executor, before the server starts
    /// (from the main thread, once): a connection's task then runs on the loop that does its
    /// I/O instead of being handed between the loops and a pool of its own, a fifth fewer
    /// thread switches a page. Nothing that blocks runs there: each request's work is on the
    /// storage threads (`StorageExecutorMiddleware`), as are the store's and Argon2id's.
    static func answerOnEventLoops() {
        if !NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor() {
            // Not a fault: requests then hop between the loops and Swift's own pool, as before.
            Output.error("parcours serve: NIO's event loops could not become the global executor; serving on Swift's own pool")
        }
    }

    func run() async throws {
        let files = certificate.flatMap { certificate in key.map { (certificate: certificate, key: $0) } }
        // Research exports and backups made through the web are kept beside the store (never beside a backup file served read-only).
        var isDirectory: ObjCBool = false
        let beside = store.directory.flatMap { path in
            FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue ? URL(fileURLWithPath: path) : nil
        }
        let caseRecord = try await store.caseRecord()
        if let policy = try witnesses.policy() {
            // Cosigning follows the writes in the background: no clinical write waits for a witness.
            Task.detached { [cosignEvery] in
                while !Task.isCancelled {
                    do { _ = try await caseRecord.cosignCheckpoints(policy: policy) } catch {
                        Output.error("parcours: cosigning round failed: \(error)")
                    }
                    try? await Task.sleep(nanoseconds: UInt64(cosignEvery) * 1_000_000_000)
                }
            }
        }
        var web = WebApplication(caseRecord: caseRecord, tls: files != nil,
                                 backups: backups ?? beside?.appendingPathComponent("sauvegardes").path)
        web.researchShelf = beside?.appendingPathComponent("research-exports").path
        web.publicAddress = publicURL.flatMap(PublicAddress.init)
        let application = try web.application(host: host, port: port, tls: files)
        Output.line("Parcours : \(files == nil ? "http" : "https")://\(host):\(port)/ — Ctrl-C pour arrêter")
        try await application.runService()
    }
}
