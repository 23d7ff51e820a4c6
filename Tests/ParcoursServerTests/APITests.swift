import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ParcoursApp
import ParcoursLog
import Testing
@testable import ParcoursServer

/// The JSON API: a bearer session obtained as the pages' sign-in, the same use cases under the
/// same policy, problem documents naming the field. Synthetic people only.
@Suite("The JSON API")
struct APITests {
    static func body(_ json: JSONValue) -> ByteBuffer { ByteBuffer(string: CanonicalJSON.string(json)) }

    static func problem(_ response: TestResponse) -> [String: JSONValue] {
        guard case .object(let members)? = try? JSONParser.parse(response.text) else { return [:] }
        return members
    }

    /// A bearer session for `actor`, as a client gets one.
    static func token(_ client: any TestClientProtocol, _ fixture: WebFixture, _ actor: String) async throws -> String {
        let answer = try await client.execute(uri: "/api/v1/sessions", method: .post, headers: [.contentType: "application/json"],
                                              body: body(["actor": .string(actor), "passphrase": .string(WebFixture.passphrase),
                                                          "code": .string(fixture.code(of: actor))]))
        guard answer.status == .created, case .string(let token)? = problem(answer)["token"] else { throw APIProblem.unauthorized }
        return token
    }

    static func bearer(_ token: String) -> HTTPFields { [.authorization: "Bearer \(token)"] }

    @Test("an API token opens no page and a page's cookie no API method, so neither side's limits are gone round; a token with its mark taken off names no session")
    func sessionsStayOnTheirSide() async throws {
        let fixture = try await WebFixture()
        let participant = fixture.participant
        try await fixture.test { client in
            let token = try await Self.token(client, fixture, WebFixture.admitting)
            #expect(token.hasPrefix(WebSessions.apiMark))
            let asCookie = CookieJar(cookies: [SessionMiddleware.cookieName: token])
            let page = try await client.get("/participants/\(participant)", jar: asCookie)
            #expect(page.status == .seeOther && page.headers[.location]?.hasPrefix("/connexion") == true, "the pages know no API token")
            let (jar, _) = try await fixture.signIn(client, WebFixture.admitting)
            let cookie = try #require(jar.cookies[SessionMiddleware.cookieName])
            let asToken = try await client.execute(uri: "/api/v1/participants/\(participant)/journey", method: .get, headers: Self.bearer(cookie))
            #expect(asToken.status == .unauthorized, "the API knows no page's cookie")
            let unmarked = try await client.execute(uri: "/api/v1/participants/\(participant)/journey", method: .get,
                                                    headers: Self.bearer(String(token.dropFirst(WebSessions.apiMark.count))))
            #expect(unmarked.status == .unauthorized)
            let unmarkedCookie = CookieJar(cookies: [SessionMiddleware.cookieName: String(token.dropFirst(WebSessions.apiMark.count))])
            #expect(try await client.get("/participants/\(participant)", jar: unmarkedCookie).status == .seeOther)
            #expect(try await client.execute(uri: "/api/v1/participants/\(participant)/journey", method: .get, headers: Self.bearer(token)).status == .ok)
        }
        let reads = try fixture.accessRecords().filter { $0["participant"] == .string(participant) && $0["view"] == "journey" }
        #expect(reads.count == 1, "only the token's own read was a read")
    }

    @Test("sign-in: a malformed body names it; a wrong passphrase and a wrong code get the same 401, recorded; no second factor yet: 403; the right ones: a token")
    func signIn() async throws {
        let fixture = try await WebFixture()
        try await fixture.test { client in
            let malformed = try await client.execute(uri: "/api/v1/sessions", method: .post, body: ByteBuffer(string: "actor=x"))
            #expect(malformed.status == .badRequest && Self.problem(malformed)["field"] == "body"
                    && malformed.headers[.contentType] == "application/problem+json")
            // An id refused by its syntax is named, once its attempt went the way of any other (its turn on the id, the gate,
            // a derivation, the record): two sent together, the second is told to come back, untried and unrecorded.
            let malformedID = Self.body(["actor": "Personne Fictive 2010-05-01", "passphrase": "x", "code": "000000"])
            async let one = client.execute(uri: "/api/v1/sessions", method: .post, body: malformedID)
            async let other = client.execute(uri: "/api/v1/sessions", method: .post, body: malformedID)
            let both = try await [one, other]
            let named = try #require(both.first { $0.status == .badRequest })
            #expect(Self.problem(named)["field"] == "actor")
            #expect(both.map(\.status.code).sorted() == [400, 429], "a malformed id waits its turn as any other: its refusals cannot be written as fast as they are sent")
            // Two people, since a second failure for one id is told to come back later (429).
            let wrong = try await client.execute(uri: "/api/v1/sessions", method: .post, headers: [.acceptLanguage: "en"],
                                                 body: Self.body(["actor": .string(WebFixture.stranger), "passphrase": "pas-la-bonne-phrase", "code": "000000"]))
            let badCode = try await client.execute(uri: "/api/v1/sessions", method: .post, headers: [.acceptLanguage: "en"],
                                                   body: Self.body(["actor": .string(WebFixture.admitting), "passphrase": .string(WebFixture.passphrase),
                                                                    "code": "000000"]))
            #expect(wrong.status == .unauthorized && badCode.status == .unauthorized && wrong.text == badCode.text)
            #expect(Self.problem(wrong)["detail"] == "Wrong id, passphrase or code." && wrong.headers[.wwwAuthenticate] == "Bearer")
            let newcomer = try await client.execute(uri: "/api/v1/sessions", method: .post,
                                                    body: Self.body(["actor": .string(WebFixture.newcomer), "passphrase": .string(WebFixture.passphrase)]))
            #expect(newcomer.status == .forbidden && Self.problem(newcomer)["type"] == "https://parcours.example/problems/second-factor-not-set-up")
            try await Task.sleep(for: .milliseconds(2100))  // the turn after the failed one (a second on), then one failure's wait
            let token = try await Self.token(client, fixture, WebFixture.admitting)
            #expect(token.contains("."))
        }
        #expect(try fixture.signIns(permitted: true).map { $0["actor"] } == [.string(WebFixture.admitting)],
                "the token's sign-in recorded; the newcomer's passphrase alone, without a second factor, is none")
        let refusedSignIns = try fixture.signIns(permitted: false)
        #expect(refusedSignIns.filter { $0["actor"]?.stringValue?.hasPrefix("unproven-") == true && $0["reason"] == "unknown actor" }.count == 1,
                "an id refused by its syntax is recorded, as a digest — once: the attempt sent again was not tried")
        #expect(refusedSignIns.contains { $0["actor"] == .string(WebFixture.newcomer) && $0["reason"] == "identity not proven" },
                "a passphrase without the second factor the API needs is recorded as refused")
        #expect(try fixture.accessRecords().allSatisfy { !CanonicalJSON.string(.object($0)).contains("Personne Fictive") })
        let denied = try fixture.accessRecords().filter { $0["outcome"] == "denied" }
        #expect(denied.contains { $0["actor"] == .string(WebFixture.admitting) } && denied.contains { $0["actor"] == .string(WebFixture.stranger) })
    }

    @Test("no bearer, or the pages' cookie alone: 401; the caseload and a journey for the care team; another's journey 403 and recorded; a bad id 400, an unknown one 404")
    func reads() async throws {
        let fixture = try await WebFixture()
        let participant = fixture.participant
        try await fixture.test { client in
            let none = try await client.execute(uri: "/api/v1/caseload", method: .get)
            #expect(none.status == .unauthorized && none.headers[.wwwAuthenticate] == "Bearer")
            let (jar, _) = try await fixture.signIn(client, WebFixture.admitting)
            let cookieOnly = try await client.execute(uri: "/api/v1/caseload", method: .get, headers: jar.header)
            #expect(cookieOnly.status == .unauthorized, "the pages' cookie does not open the API")

            fixture.clock.advance(30)  // the pages' sign-in claimed this step's code: the next one opens the API
            let token = try await Self.token(client, fixture, WebFixture.admitting)
            let caseload = try await client.execute(uri: "/api/v1/caseload", method: .get, headers: Self.bearer(token))
            #expect(caseload.status == .ok && caseload.headers[.contentType] == "application/json" && caseload.text.contains(participant))
            let journey = try await client.execute(uri: "/api/v1/participants/\(participant)/journey", method: .get, headers: Self.bearer(token))
            #expect(journey.status == .ok && journey.text.contains("Personne Fictive Web") && journey.headers[.cacheControl] == "no-store")

            let stranger = try await Self.token(client, fixture, WebFixture.stranger)
            let refused = try await client.execute(uri: "/api/v1/participants/\(participant)/journey", method: .get, headers: Self.bearer(stranger))
            #expect(refused.status == .forbidden && !refused.text.contains("Personne Fictive") && Self.problem(refused)["type"] == "https://parcours.example/problems/denied")
            let malformed = try await client.execute(uri: "/api/v1/participants/xyz/journey", method: .get, headers: Self.bearer(token))
            #expect(malformed.status == .badRequest && Self.problem(malformed)["field"] == "participant")
            let unknown = try await client.execute(uri: "/api/v1/participants/P-ZZZZZZ/journey", method: .get, headers: Self.bearer(token))
            #expect(unknown.status == .notFound)
        }
        let records = try fixture.accessRecords().filter { $0["participant"] == .string(participant) && $0["view"] == "journey" }
        #expect(records.contains { $0["actor"] == .string(WebFixture.stranger) && $0["outcome"] == "denied" })
        #expect(records.contains { $0["actor"] == .string(WebFixture.admitting) && $0["outcome"] == "permitted" })
    }

    @Test("recording an act: 201 with its seq and warnings; the domain's refusal is a 422 naming the field, malformed JSON a 400, and neither writes anything; ending the session closes the API")
    func record() async throws {
        let fixture = try await WebFixture()
        let participant = JSONValue.string(fixture.participant)
        try await fixture.test { client in
            let token = try await Self.token(client, fixture, WebFixture.admitting)
            let before = try fixture.store.size()
            let refused = try await client.execute(uri: "/api/v1/acts", method: .post, headers: Self.bearer(token), body: Self.body([
                "type": "stage.assessed", "participant": participant, "occurredAt": "2026-11-21T10:00:00.000Z",
                "data": ["engagementStep": "involvement-and-commitment", "wheelStage": "contemplation", "importance": 14, "confidence": 5],
            ]))
            #expect(refused.status == .unprocessableContent && Self.problem(refused)["field"] == "data.importance")
            let malformed = try await client.execute(uri: "/api/v1/acts", method: .post, headers: Self.bearer(token), body: ByteBuffer(string: "{\"type\":"))
            #expect(malformed.status == .badRequest && Self.problem(malformed)["field"] == "body")
            #expect(try fixture.store.size() == before, "nothing written")
            let recorded = try await client.execute(uri: "/api/v1/acts", method: .post, headers: Self.bearer(token), body: Self.body([
                "type": "stage.assessed", "participant": participant, "occurredAt": "2026-11-21T10:00:00.000Z",
                "data": ["engagementStep": "involvement-and-commitment", "wheelStage": "contemplation", "importance": 7, "confidence": 5],
            ]))
            #expect(recorded.status == .created && recorded.text.contains("\"type\":\"stage.assessed\""))
            #expect(try fixture.store.size() == before + 1)

            let ended = try await client.execute(uri: "/api/v1/sessions/current", method: .delete, headers: Self.bearer(token))
            #expect(ended.status == .noContent)
            let after = try await client.execute(uri: "/api/v1/caseload", method: .get, headers: Self.bearer(token))
            #expect(after.status == .unauthorized)
        }
    }

    @Test("another's caseload (?clinician=): the coordinator of her organization reads it for supervision; another organization's clinician is refused and recorded; a bad id names the field")
    func supervisedCaseload() async throws {
        let fixture = try await WebFixture(everyRole: true)
        try await fixture.test { client in
            let coordinator = try await Self.token(client, fixture, WebFixture.coordinator)
            let read = try await client.execute(uri: "/api/v1/caseload?clinician=\(WebFixture.admitting)", method: .get, headers: Self.bearer(coordinator))
            #expect(read.status == .ok && Self.problem(read)["clinician"] == .string(WebFixture.admitting) && read.text.contains(fixture.participant))
            let stranger = try await Self.token(client, fixture, WebFixture.stranger)
            let refused = try await client.execute(uri: "/api/v1/caseload?clinician=\(WebFixture.admitting)", method: .get, headers: Self.bearer(stranger))
            #expect(refused.status == .forbidden && Self.problem(refused)["type"] == "https://parcours.example/problems/denied"
                    && !refused.text.contains(fixture.participant))
            let malformed = try await client.execute(uri: "/api/v1/caseload?clinician=%20x", method: .get, headers: Self.bearer(coordinator))
            #expect(malformed.status == .badRequest && Self.problem(malformed)["field"] == "clinician")
        }
        let records = try fixture.accessRecords().filter { $0["view"] == "caseload" && $0["clinician"] == .string(WebFixture.admitting) }
        #expect(records.contains { $0["actor"] == .string(WebFixture.coordinator) && $0["outcome"] == "permitted" && $0["purpose"] == "supervision" })
        #expect(records.contains { $0["actor"] == .string(WebFixture.stranger) && $0["outcome"] == "denied" })
    }

    @Test("a timeline: the care team reads every entry with the categories it may see; no session 401; another organization's clinician 403 naming why, recorded; a bad id 400")
    func timeline() async throws {
        let fixture = try await WebFixture()
        let participant = fixture.participant
        try await fixture.test { client in
            let none = try await client.execute(uri: "/api/v1/participants/\(participant)/timeline", method: .get)
            #expect(none.status == .unauthorized)
            let token = try await Self.token(client, fixture, WebFixture.admitting)
            let timeline = try await client.execute(uri: "/api/v1/participants/\(participant)/timeline", method: .get, headers: Self.bearer(token))
            let body = Self.problem(timeline)
            #expect(timeline.status == .ok && body["participant"] == .string(participant) && body["voidedCount"] == 0)
            #expect(timeline.text.contains("\"type\":\"participant.enrolled\"") && !timeline.text.contains("Personne Fictive"))
            #expect(timeline.headers[.parcoursCategories] == "identity,stages,plans,relapses,safety,referrals,disclosures,notes")
            let journey = try await client.execute(uri: "/api/v1/participants/\(participant)/journey", method: .get, headers: Self.bearer(token))
            #expect(journey.headers[.parcoursCategories] == timeline.headers[.parcoursCategories])

            let stranger = try await Self.token(client, fixture, WebFixture.stranger)
            let refused = try await client.execute(uri: "/api/v1/participants/\(participant)/timeline", method: .get, headers: Self.bearer(stranger))
            #expect(refused.status == .forbidden && Self.problem(refused)["denial"] == "not in the care team" && refused.headers[.parcoursCategories] == nil)
            let malformed = try await client.execute(uri: "/api/v1/participants/P-x/timeline", method: .get, headers: Self.bearer(token))
            #expect(malformed.status == .badRequest && Self.problem(malformed)["field"] == "participant")
        }
        let records = try fixture.accessRecords().filter { $0["participant"] == .string(participant) && $0["view"] == "timeline" }
        #expect(records.contains { $0["actor"] == .string(WebFixture.stranger) && $0["outcome"] == "denied" })
        #expect(records.contains { $0["actor"] == .string(WebFixture.admitting) && $0["outcome"] == "permitted" })
    }

    @Test("a partner cannot break the glass: refused for the glass whatever the justification, nothing of the journey shown, the refusal recorded")
    func partnerCannotBreakTheGlass() async throws {
        let fixture = try await WebFixture(everyRole: true)
        let participant = fixture.participant
        let justification = "Appel de crise, équipe de suivi injoignable ce soir"
        try await fixture.test { client in
            let partner = try await Self.token(client, fixture, WebFixture.partner)
            var headers = Self.bearer(partner)
            headers[.contentType] = "application/json"
            for view in ["journey", "timeline"] {
                let refused = try await client.execute(uri: "/api/v1/participants/\(participant)/\(view)", method: .post, headers: headers,
                                                       body: Self.body(["breakGlass": .string(justification)]))
                #expect(refused.status == .forbidden && refused.headers[.parcoursCategories] == nil, "\(view)")
                #expect(!refused.text.contains("Personne Fictive Web"))
            }
        }
        let attempts = try fixture.accessRecords().filter { $0["participant"] == .string(participant) && $0["actor"] == .string(WebFixture.partner) }
        #expect(attempts.count == 2 && attempts.allSatisfy { $0["outcome"] == "denied" && $0["purpose"] == "break-glass" })
    }

    @Test("breaking the glass by POST: the justification in the body, the journey and the timeline answered as the GETs, each read recorded with it and marked for review; a bad body or an empty justification 400 naming it, nothing recorded; a short one refused by the policy")
    func breakGlass() async throws {
        let fixture = try await WebFixture()
        let participant = fixture.participant
        let justification = "Appel de crise, équipe de suivi injoignable ce soir"
        try await fixture.test { client in
            let stranger = try await Self.token(client, fixture, WebFixture.stranger)
            var headers = Self.bearer(stranger)
            headers[.contentType] = "application/json"
            for view in ["journey", "timeline"] {
                let opened = try await client.execute(uri: "/api/v1/participants/\(participant)/\(view)", method: .post, headers: headers,
                                                      body: Self.body(["breakGlass": .string(justification)]))
                #expect(opened.status == .ok && Self.problem(opened)["participant"] == .string(participant))
                #expect(opened.headers[.parcoursCategories]?.contains("notes") == true)
            }
            let before = try fixture.accessRecords().count
            for bad in ["{\"breakGlass\":", "{\"breakGlass\": 3}", "{\"breakGlass\": \"\(justification)\", \"reason\": \"x\"}", "[]"] {
                let refused = try await client.execute(uri: "/api/v1/participants/\(participant)/journey", method: .post, headers: headers,
                                                       body: ByteBuffer(string: bad))
                #expect(refused.status == .badRequest && Self.problem(refused)["field"] == "body", "\(bad)")
            }
            let empty = try await client.execute(uri: "/api/v1/participants/\(participant)/timeline", method: .post, headers: headers,
                                                 body: Self.body(["breakGlass": "   "]))
            #expect(empty.status == .badRequest && Self.problem(empty)["field"] == "breakGlass")
            let long = try await client.execute(uri: "/api/v1/participants/\(participant)/timeline", method: .post, headers: headers,
                                                body: Self.body(["breakGlass": .string(String(repeating: "a", count: 4097))]))
            #expect(long.status == .badRequest && Self.problem(long)["field"] == "breakGlass", "longer than the document allows")
            let escaped = try await client.execute(uri: "/api/v1/participants/\(participant)/timeline", method: .post, headers: headers,
                                                   body: ByteBuffer(string: "{\"breakGlass\": \"" + String(repeating: "\\udb2d\\udf0b", count: 4097) + "\"}"))
            #expect(escaped.status == .badRequest, "too long once its escapes are read: refused as such, not as a body too large (\(escaped.status))")
            #expect(try fixture.accessRecords().count == before, "a malformed request is not a read: nothing recorded")
            let short = try await client.execute(uri: "/api/v1/participants/\(participant)/journey", method: .post, headers: headers,
                                                 body: Self.body(["breakGlass": "urgence"]))
            #expect(short.status == .forbidden && Self.problem(short)["denial"] == "break-glass justification too short")
            let noSession = try await client.execute(uri: "/api/v1/participants/\(participant)/journey", method: .post,
                                                     headers: [.contentType: "application/json"], body: Self.body(["breakGlass": .string(justification)]))
            #expect(noSession.status == .unauthorized)
        }
        let reads = try fixture.accessRecords().filter {
            $0["participant"] == .string(participant) && $0["purpose"] == "break-glass" && $0["outcome"] == "permitted"
        }
        #expect(Set(reads.compactMap { if case .string(let view)? = $0["view"] { view } else { nil } }) == ["journey", "timeline"])
        #expect(reads.allSatisfy { $0["justification"] == .string(justification) && $0["review"] == true && $0["actor"] == .string(WebFixture.stranger) })
    }

    @Test("each session has its bucket of requests: past the burst, refused until it refills; another session is not slowed")
    func rateLimit() async {
        let limit = APIRateLimit(burst: 3, perSecond: 0.001)
        var allowed = 0
        for _ in 0..<5 where await limit.allow("session-a") { allowed += 1 }
        #expect(allowed == 3)
        #expect(await limit.allow("session-b"))
        for index in 0..<1000 { _ = await limit.allow("session-\(index)") }
        #expect(await limit.allow("session-b"))
        #expect(await !limit.allow("session-a"), "a thousand other sessions leave the spent bucket spent")
    }

    @Test("a session's bucket refills with time, and buckets full again are forgotten: memory holds only the sessions that spent lately")
    func rateLimitRefillsAndForgets() async {
        let limit = APIRateLimit(burst: 3, perSecond: 1), start = ContinuousClock.Instant.now
        for _ in 0..<3 { _ = await limit.allow("session-a", at: start) }
        #expect(await !limit.allow("session-a", at: start))
        #expect(await !limit.allow("session-a", at: start + .milliseconds(500)))
        #expect(await limit.allow("session-a", at: start + .milliseconds(1600)))
        for index in 0..<300 { _ = await limit.allow("early-\(index)", at: start) }
        for index in 0..<300 { _ = await limit.allow("late-\(index)", at: start + .seconds(10)) }
        let tracked = await limit.tracked
        #expect(tracked < 400, "the early sessions' buckets refilled and were forgotten (\(tracked) kept)")
        #expect(await limit.allow("early-0", at: start + .seconds(10)), "a forgotten bucket is a full one")
    }
}
