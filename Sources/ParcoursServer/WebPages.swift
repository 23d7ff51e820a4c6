import Foundation
import Synchronization
import HTTPTypes
import Hummingbird
import ParcoursAccess
import ParcoursApp
import ParcoursClinical
import ParcoursLog
import ParcoursProjections

/// The pages, as HTML answers: each one's values prepared here, its markup in `PageTemplates`.
enum WebPages {
    /// A page inside the layout, in the language of the request (`session`'s, or `language` for
    /// a signed-out page); `session` nil for a signed-out page.
    /// `returnTo` is where the language switch comes back to on a signed-out page (the sign-in otherwise).
    static func page(_ template: String, title: String, _ values: [String: Any], session: WebSession?, language: Language? = nil,
                     returnTo: String? = nil, status: HTTPResponse.Status = .ok) -> Response {
        let language = language ?? session?.language ?? .fr
        var assembly = PageAssembly()
        let values = assembly.marking(values)
        let content = assembly.marker(for: PageTemplates.render(template, values, in: language))
        return framed(content, in: assembly, title: title, session: session, language: language, returnTo: returnTo, status: status)
    }

    /// A page the server wrote itself (`JourneyPage`) inside the layout, in the session's language.
    static func page(_ content: Markup, title: String, session: WebSession, status: HTTPResponse.Status = .ok) -> Response {
        var assembly = PageAssembly()
        let content = assembly.marker(for: content)
        return framed(content, in: assembly, title: title, session: session, language: session.language, returnTo: nil, status: status)
    }

    /// `content`, a marker of `assembly`, inside the layout (`PageLayout`): an HTML answer in `language`.
    private static func framed(_ content: String, in assembly: PageAssembly, title: String, session: WebSession?, language: Language,
                               returnTo: String?, status: HTTPResponse.Status) -> Response {
        var assembly = assembly
        let layout = PageLayout(title: title, session: session, language: language, returnTo: returnTo)
        let head = assembly.marker(for: layout.head), tail = assembly.marker(for: layout.tail)
        var headers: HTTPFields = [.contentType: "text/html; charset=utf-8"]
        headers[.contentLanguage] = language.rawValue
        return Response(status: status, headers: headers, body: .init(byteBuffer: assembly.body(head + content + tail)))
    }

    static func signIn(csrf: String, actor: String = "", failed: Bool = false, throttled: Bool = false, ended: Bool = false,
                       language: Language, status: HTTPResponse.Status = .ok) -> Response {
        page("signIn", title: Catalogue.signIn["title"]!(language),
             ["csrf": csrf, "actor": actor, "failed": failed, "throttled": throttled, "ended": ended], session: nil, language: language, status: status)
    }

    /// Setting up the second factor: the key to add to an authenticator app, and its first code.
    static func secondFactor(_ factor: OneTimeCode, failed: Bool = false, session: WebSession) -> Response {
        let values: [String: Any] = ["typedKey": factor.typedKey, "url": factor.authenticatorURL(account: session.actor), "csrf": session.csrfToken,
                                     "failed": failed, "actor": session.actor]
        return page("secondFactor", title: Catalogue.secondFactor["title"]!(session.language), values, session: session,
                    status: failed ? .badRequest : .ok)
    }

    /// A person's open sessions, this one marked, each with a button to end it.
    static func sessions(_ records: [WebSessionRecord], now: Date, ended: Bool = false, session: WebSession) -> Response {
        let rows: [[String: Any]] = records.map { record in
            ["device": record.device, "since": minute(record.createdAt), "lastSeen": minute(record.lastSeenAt),
             "handle": WebSessions.handle(record.digest), "current": WebSessions.handle(record.digest) == session.handle]
        }
        return page("sessions", title: Catalogue.sessions["title"]!(session.language),
                    ["sessions": rows, "csrf": session.csrfToken, "ended": ended], session: session)
    }

    /// A moment to the minute, in the site's time zone (the server's unless told), named — every
    /// page shows moments so (sessions, a broken glass's end, who opened a record). The zone's
    /// offset at that moment moves it; the rest is arithmetic (`ClinicalDate.format`): the
    /// calendar's fields were most of the time of the panel of who opened a record.
    static func minute(_ date: Date) -> String { minute(date, in: .current) }

    static func minute(_ date: Date, in zone: TimeZone) -> String {
        let offset = zone.secondsFromGMT(for: date)
        let shifted = date.addingTimeInterval(Double(offset))
        let local = ClinicalDate.minute(shifted) ?? {
            // A year the calendar writes: the day is what precedes the `T` (past 9999 it has more than four digits), the minute the five after it.
            let text = ClinicalDate.format(shifted)
            let time = text.firstIndex(of: "T") ?? text.endIndex
            return text[..<time] + " " + text[time...].dropFirst().prefix(5)
        }()
        return local + " " + abbreviation(of: zone, offset: offset, at: date)
    }

    /// A zone's name at a moment (`EST`, `EDT`), asked of ICU once for each zone and offset
    /// from UTC: asking it each time was a tenth of the journey page's charts and rows.
    private static func abbreviation(of zone: TimeZone, offset: Int, at date: Date) -> String {
        let key = "\(zone.identifier) \(offset)"
        if let known = abbreviations.withLock({ $0[key] }) { return known }
        let name = zone.abbreviation(for: date) ?? zone.identifier
        abbreviations.withLock { $0[key] = name }
        return name
    }

    private static let abbreviations = Mutex<[String: String]>([:])

    static func caseload(_ entries: [CaseloadEntry], view: CaseloadView = CaseloadView(), today: String, session: WebSession,
                         mayAdmit: Bool = false) -> Response {
        let language = session.language
        var values = caseloadList(entries, view: view, today: today, action: "/", caption: Catalogue.caseload["caption"]!(language), language: language)
        values["mayAdmit"] = mayAdmit
        return page("caseload", title: Catalogue.caseload["title"]!(language), values, session: session)
    }

    /// A caseload's view form and table (`PageTemplates.caseloadList`), the clinician's own or
    /// one a coordinator supervises: `action` is where the view form asks again, `caption` says whose.
    static func caseloadList(_ entries: [CaseloadEntry], view: CaseloadView, today: String, action: String, caption: String,
                             language: Language) -> [String: Any] {
        let words = Catalogue.caseload
        func label(_ term: (some VocabularyTerm)?) -> String { term.map { VocabularyLabel.label($0, in: language) } ?? "—" }
        let shown = view.apply(entries, today: today)
        let rows: [[String: Any]] = shown.map { entry in
            let flags = CaseloadView.Flags(entry, today: today)
            return [
                "participant": entry.participant,
                "step": label(entry.engagementStep), "stage": label(entry.wheelStage),
                "lastContact": entry.lastContactOn ?? words["none"]!(language), "silent": flags.silent, "silentDays": flags.silentDays ?? 0,
                "nextReview": entry.nextReviewOn ?? "—", "overdue": flags.overdue,
                "openReferrals": entry.openReferrals, "safety": label(entry.safetyLevel),
                "openWarnings": entry.openWarnings, "followUp": words[entry.followUpOpen ? "open" : "closed"]!(language),
                "attention": flags.attention,
            ]
        }
        let filters: [[String: Any]] = CaseloadView.Filter.allCases.map {
            ["value": $0.rawValue, "label": words["filter-" + $0.rawValue]!(language), "selected": $0 == view.filter]
        }
        let orders: [[String: Any]] = CaseloadView.Order.allCases.map {
            ["value": $0.rawValue, "label": words["order-" + $0.rawValue]!(language), "selected": $0 == view.order]
        }
        return ["entries": rows, "hasEntries": !rows.isEmpty, "filters": filters, "orders": orders, "viewAction": action, "caption": caption,
                "shownCount": rows.count, "totalCount": entries.count, "followsSomeone": !entries.isEmpty]
    }

    /// A participant's page: `journey`'s timeline holds the latest acts (`recentActs` at most) of `acts` in all.
    static func journey(_ journey: Journey, acts: Int, shown: Set<InformationCategory>, today: String, session: WebSession,
                        recorded: (what: String, warnings: [ClinicalWarning])? = nil, brokeGlass: Bool = false,
                        glassUntil: Date? = nil, openings: [RecordOpening]? = nil) -> Response {
        let language = session.language
        let header = recordHeader(journey, shown: shown, session: session, brokeGlass: brokeGlass, glassUntil: glassUntil)
        let context = JourneyPage.Context(acts: acts, shown: shown, today: today,
                                          recorded: recorded.map { ($0.what, $0.warnings.map { warning($0.message, code: $0.code, in: language) }) },
                                          openings: openings)
        return page(JourneyPage.journey(journey, header: header, context: context, language: language),
                    title: "\(Catalogue.record["titlePrefix"]!(language)) \(journey.participant)", session: session)
    }

    /// How many of the latest acts the journey page lists; the whole timeline has its page.
    static let recentActs = SealedJourney.recentActs

    /// A participant's whole timeline as the policy lets the reader see it.
    static func timeline(of journey: Journey, shown: Set<InformationCategory>, session: WebSession, brokeGlass: Bool = false,
                         glassUntil: Date? = nil) -> Response {
        let header = recordHeader(journey, shown: shown, session: session, brokeGlass: brokeGlass, glassUntil: glassUntil)
        return page(JourneyPage.timeline(journey, header: header, language: session.language),
                    title: "\(Catalogue.record["timelineTitlePrefix"]!(session.language)) \(journey.participant)", session: session)
    }

    /// The head of a record's pages, in `session`'s language and with its CSRF token.
    static func recordHeader(_ journey: Journey, shown: Set<InformationCategory>, session: WebSession, brokeGlass: Bool,
                             glassUntil: Date?) -> JourneyPage.Header {
        let language = session.language
        return JourneyPage.Header(
            participant: journey.participant, name: journey.admission?.name ?? Catalogue.record["identityHidden"]!(language),
            partial: shown == Set(InformationCategory.allCases) ? nil
                : InformationCategory.allCases.filter(shown.contains).map { VocabularyLabel.label($0, in: language) }.joined(separator: ", "),
            brokeGlass: brokeGlass, glassUntil: glassUntil.map { (minute($0), session.csrfToken) })
    }

    /// The longest written justification the break-glass form takes, as its field says.
    static let longestJustification = 1000

    /// A refusal the glass may be broken for: the reason, and the form to break it.
    static func breakGlass(_ participant: ParticipantID, reason: String, justification: String = "", tooShort: Bool = false,
                           tooLong: Bool = false, session: WebSession) -> Response {
        let values: [String: Any] = ["participant": participant.rawValue, "reason": reason, "csrf": session.csrfToken,
                                     "justification": justification, "minimum": AccessPolicy.minimumJustification, "tooShort": tooShort,
                                     "tooLong": tooLong, "maximum": longestJustification, "invalid": tooShort || tooLong]
        return page("breakGlass", title: Catalogue.breakGlass["title"]!(session.language), values, session: session,
                    status: tooLong ? .badRequest : .forbidden)
    }

    static func problem(_ status: HTTPResponse.Status, heading: String, message: String, session: WebSession?, language: Language? = nil) -> Response {
        page("problem", title: heading, ["heading": heading, "message": message], session: session, language: language, status: status)
    }

    /// A warning in the page's language (recorded in French, said in English from its code).
    static func warning(_ message: String, code: WarningCode, in language: Language) -> String {
        let warning = ClinicalWarning(code: code, message: message)
        return language == .fr ? warning.frenchMessage : warning.englishMessage
    }

    /// Age in whole years on `today`, from a birth day; nil when either is not a day.
    static func age(born: String, on today: String) -> Int? {
        guard let birth = try? ClinicalDate.day(born, field: ""), let day = try? ClinicalDate.day(today, field: "") else { return nil }
        return ClinicalDate.age(born: birth, at: ClinicalDate.date(day))
    }
}
