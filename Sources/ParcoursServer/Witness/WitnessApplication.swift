import Foundation
import Hummingbird
import ParcoursLog

/// The witness's HTTP side (C2SP `tlog-witness`), apart from the case-record server: no session,
/// no page, two routes — `POST /add-checkpoint` and `GET /<origin hash>/checkpoint`.
public struct WitnessApplication: Sendable {
    let witness: WitnessService

    public init(witness: WitnessService) {
        self.witness = witness
    }

    /// The router with the witness's two routes.
    public func router() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.post("/add-checkpoint") { request, _ in
            let bytes: ByteBuffer
            do { bytes = try await request.body.collect(upTo: AddCheckpointRequest.maxBytes) } catch {
                return Self.text(.contentTooLarge, "the body exceeds \(AddCheckpointRequest.maxBytes) bytes\n")
            }
            guard let body = String(validating: bytes.readableBytesView, as: UTF8.self) else {
                return Self.text(.badRequest, "the body must be UTF-8\n")
            }
            return Self.response(try await witness.addCheckpoint(body: body))
        }
        router.get("/:origin/checkpoint") { _, context in
            guard let hash = context.parameters.get("origin"), let note = await witness.checkpoint(originHash: hash) else {
                return Self.text(.notFound, "this witness has cosigned no checkpoint of that log\n")
            }
            return Self.text(.ok, note)
        }
        return router
    }

    /// The application listening on `host:port`.
    public func application(host: String, port: Int) -> some ApplicationProtocol {
        Application(router: router(), configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: nil))
    }

    /// The HTTP answer the spec gives each verdict.
    static func response(_ verdict: WitnessVerdict) -> Response {
        switch verdict {
        case .cosign(_, let lines): text(.ok, lines)
        case .conflict(let size):
            Response(status: .conflict, headers: [.contentType: "text/x.tlog.size"], body: .init(byteBuffer: ByteBuffer(string: "\(size)\n")))
        case .malformed(let reason): text(.badRequest, reason + "\n")
        case .forbidden(let reason): text(.forbidden, reason + "\n")
        case .unknownLog: text(.notFound, "this witness does not witness that log\n")
        case .inconsistent(let reason): text(.unprocessableContent, reason + "\n")
        }
    }

    static func text(_ status: HTTPResponse.Status, _ body: String) -> Response {
        Response(status: status, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
