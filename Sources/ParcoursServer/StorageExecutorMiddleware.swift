import Hummingbird
import ParcoursApp

/// Runs each request's work on the storage threads (`StorageExecutor`), in one place: the
/// store's blocking reads, syncs and waits for the access log's group commit then run where
/// the request already is, instead of each being handed over and back, and none of them
/// holds one of the cooperative threads (one per core) the server reads and writes with.
struct StorageExecutorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        try await withTaskExecutorPreference(StorageExecutor.shared) { try await next(request, context) }
    }
}
