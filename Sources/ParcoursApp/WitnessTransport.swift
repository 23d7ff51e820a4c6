import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// How a log reaches its witnesses: one `POST` of a text body, its answer back.
public protocol WitnessTransport: Sendable {
    /// POSTs `body` to `url`; returns the status, the content type and the body of the answer.
    func post(_ body: String, to url: URL) async throws -> WitnessAnswer
}

/// A witness's HTTP answer.
public struct WitnessAnswer: Sendable, Equatable {
    public var status: Int
    public var contentType: String?
    public var body: String

    public init(status: Int, contentType: String?, body: String) {
        (self.status, self.contentType, self.body) = (status, contentType, body)
    }
}

/// The transport over HTTP(S), with a timeout so that a witness down costs seconds, never a hang;
/// no redirect followed, no cookie, no cache, answers capped at 64 KiB.
public struct HTTPWitnessTransport: WitnessTransport {
    let timeout: TimeInterval

    public init(timeout: TimeInterval = 10) {
        self.timeout = timeout
    }

    public func post(_ body: String, to url: URL) async throws -> WitnessAnswer {
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        request.httpMethod = "POST"
        request.httpBody = Data(body.utf8)
        request.setValue("text/plain; charset=utf-8", forHTTPHeaderField: "Content-Type")
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        configuration.httpCookieStorage = nil
        configuration.urlCache = nil
        let session = URLSession(configuration: configuration)
        defer { session.finishTasksAndInvalidate() }
        let (data, response) = try await session.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw URLError(.badServerResponse) }
        return WitnessAnswer(status: http.statusCode, contentType: http.value(forHTTPHeaderField: "Content-Type"),
                             body: String(decoding: data.prefix(65536), as: UTF8.self))
    }
}
