import Hummingbird
import HummingbirdTesting
@testable import ParcoursApp
@testable import ParcoursServer
import Testing

/// Each request of the web application works on the storage threads, where the store's
/// blocking work runs in place rather than handed over and back.
@Suite("Requests on the storage threads")
struct StorageExecutorMiddlewareTests {
    @Test("a route's work runs on the storage threads, and the store's blocking work there runs in place")
    func routesRunOnStorageThreads() async throws {
        let router = Router()
        router.add(middleware: StorageExecutorMiddleware<BasicRequestContext>())
        router.get("/where") { _, _ -> String in
            let here = StorageExecutor.isCurrent
            // Run in place: no hand-over to another thread of the queue (the marker is the calling thread's).
            let inPlace = try await StorageThreads.run { StorageExecutor.isCurrent }
            return "\(here) \(inPlace)"
        }
        try await Application(router: router).test(.router) { client in
            let answer = try await client.execute(uri: "/where", method: .get)
            #expect(String(buffer: answer.body) == "true true")
        }
        // Off the storage threads, the store's work is handed to them as before.
        #expect(!StorageExecutor.isCurrent)
        #expect(try await StorageThreads.run { StorageExecutor.isCurrent } == false, "handed to the store's own threads, which are not the executor's")
    }
}
