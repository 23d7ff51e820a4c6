import ParcoursAccess
import ParcoursApp
import ParcoursClinical
import ParcoursProjections

/// The journey page and the whole timeline's page, inside the layout: written here with a
/// `MarkupWriter`, in the order a reader meets them, rather than rendered by Mustache.
///
/// The journey page is the page clinicians open most, and the heaviest: Mustache looked up each of
/// its hundred values through casts of `Any` and a stack of contexts, 9 % of the page's time. Its
/// markup is the same, byte for byte, as its templates rendered it; every word comes from the
/// catalogue (`Catalogue.record`, `Catalogue.journey`), every value is escaped, and the rows and
/// charts are the markup `RecordRows` and the charts wrote.
struct JourneyPage: ~Copyable {
    private var out: MarkupWriter
    private let language: Language

    private init(capacity: Int, language: Language) {
        out = MarkupWriter(capacity: capacity)
        self.language = language
    }

    /// What the head of every page of a record shows: who it is (name and pseudonymous id), what
    /// part of the record the reader may see, and the broken glass's banner while it lasts.
    struct Header {
        let participant: String
        let name: String
        /// The categories the reader may see, when not all of them.
        let partial: String?
        let brokeGlass: Bool
        /// Until when the glass stays broken, and the session's CSRF token for the form that closes it.
        let glassUntil: (time: String, csrf: String)?
    }

    /// What the journey page shows beside the journey itself.
    struct Context {
        let acts: Int
        let shown: Set<InformationCategory>
        let today: String
        /// What was just recorded, and its warnings in the page's language.
        let recorded: (what: String, warnings: [String])?
        /// The care team's panel of who opened the record; nil for anyone else.
        let openings: [RecordOpening]?
    }

    static func journey(_ journey: Journey, header: Header, context: Context, language: Language) -> Markup {
        var page = JourneyPage(capacity: 32_000 + 300 * journey.assessments.count + 600 * journey.timeline.suffix(WebPages.recentActs).count,
                               language: language)
        page.writeJourney(journey, header: header, context: context)
        return page.out.markup()
    }

    static func timeline(_ journey: Journey, header: Header, language: Language) -> Markup {
        var page = JourneyPage(capacity: 2_000 + 600 * journey.timeline.count, language: language)
        page.writeIdentity(header)
        page.writeGlassBanner(header)
        page.out.append("<p class=\"actions\"><a href=\"/participants/")
        page.out.append(escaped: header.participant)
        page.out.append("\">")
        page.record("backToJourney")
        page.out.append("</a></p>\n</header>\n<section aria-labelledby=\"timeline\"><h2 id=\"timeline\">")
        page.record("timelineTitle")
        page.out.append(" (")
        page.out.append(integer: journey.timeline.count)
        page.out.append(")</h2>\n")
        page.writePartial(header)
        page.writeTimeline(journey.timeline, acts: journey.timeline.count)
        page.out.append("</section>\n</article>")
        return page.out.markup()
    }

    // MARK: Words

    /// A word of the catalogue, escaped. A key the catalogue lacks (a typo in a branch the tests
    /// did not reach) stops a debug build; a release writes the key rather than failing the page.
    private mutating func word(_ words: [String: Wording], _ key: String) {
        out.append(escaped: Catalogue.word(words, key, language))
    }
    private mutating func record(_ key: String) { word(Catalogue.record, key) }
    private mutating func journeyWord(_ key: String) { word(Catalogue.journey, key) }

    /// `<th scope="col">word</th>` for each of `keys`, the columns' headings.
    private mutating func columns(_ words: [String: Wording], _ keys: String...) {
        for key in keys {
            out.append("<th scope=\"col\">")
            word(words, key)
            out.append("</th>")
        }
    }

    /// A section of a list of rows: its heading and the rows, when there are any.
    private mutating func listSection(id: StaticString, heading: String, rows: String, closeOnItsLine: Bool) {
        out.append("<section aria-labelledby=\"")
        out.append(id)
        out.append("\"><h2 id=\"")
        out.append(id)
        out.append("\">")
        record(heading)
        out.append("</h2>\n<ul>")
        out.append(markup: rows)
        out.append(closeOnItsLine ? "</ul>\n</section>\n" : "</ul></section>\n")
    }

    /// A list of a section under its own heading: `<h3>`, the heading, `open` (the heading's end and
    /// the list's start), the rows, `close`.
    private mutating func headedList(_ heading: String, _ open: StaticString, _ rows: String, _ close: StaticString) {
        out.append("<h3>")
        record(heading)
        out.append(open)
        out.append(markup: rows)
        out.append(close)
    }

    // MARK: The head

    private mutating func writeIdentity(_ header: Header) {
        out.append("<article class=\"journey\">\n<header class=\"identity\">\n<h1>")
        out.append(escaped: header.name)
        out.append(" <span class=\"pseudonym\">")
        out.append(escaped: header.participant)
        out.append("</span></h1>\n")
    }

    private mutating func writePartial(_ header: Header) {
        if let shown = header.partial {
            out.append("<p class=\"notice\" role=\"note\">")
            record("partial")
            out.append(" ")
            out.append(escaped: shown)
            out.append(".</p>")
        }
        out.append("\n")
    }

    /// While the glass is broken for this record: the banner, its time limit, and the button that closes it.
    private mutating func writeGlassBanner(_ header: Header) {
        guard header.brokeGlass else { return }
        out.append("<div class=\"glass\" role=\"alert\"><p>")
        record("glass")
        out.append("</p>\n")
        if let until = header.glassUntil {
            out.append("<form method=\"post\" action=\"/participants/")
            out.append(escaped: header.participant)
            out.append("/bris-de-vitre/fin\"><input type=\"hidden\" name=\"_csrf\" value=\"")
            out.append(escaped: until.csrf)
            out.append("\">\n<p>")
            record("glassUntil")
            out.append(" ")
            out.append(escaped: until.time)
            out.append(", ")
            record("glassEachRead")
            out.append(" <button type=\"submit\">")
            record("glassClose")
            out.append("</button></p></form>")
        }
        out.append("</div>")
    }

    /// The timeline's acts, the most recent first, numbered from the first act on; corrections marked (`RecordRows.timeline`).
    private mutating func writeTimeline(_ entries: some BidirectionalCollection<Journey.TimelineEntry>, acts: Int) {
        out.append("<ol class=\"timeline\" reversed start=\"")
        out.append(integer: acts)
        out.append("\">")
        RecordRows.timeline(entries, language: language, into: &out)
        out.append("</ol>")
    }

    // MARK: The journey

    private mutating func writeJourney(_ journey: Journey, header: Header, context: Context) {
        func label(_ term: some VocabularyTerm) -> String { VocabularyLabel.label(term, in: language) }
        writeIdentity(header)
        out.append("<dl>\n")
        let facts: [(String, String)] = [
            ("age", journey.admission.flatMap { WebPages.age(born: $0.dateOfBirth, on: context.today) }
                .map { "\($0) \(Catalogue.word(Catalogue.record, "years", language))" } ?? "—"),
            ("currentStep", journey.stage.map { label($0.engagementStep) } ?? "—"),
            ("wheelStage", journey.stage.map { label($0.wheelStage) } ?? "—"),
            ("careTeam", journey.careTeam.isEmpty ? "—" : journey.careTeam.joined(separator: ", ")),
            ("followUp", Catalogue.word(Catalogue.record, journey.followUp.open ? "open" : "closed", language)),
        ]
        for (term, value) in facts {
            out.append("<dt>")
            record(term)
            out.append("</dt><dd>")
            out.append(escaped: value)
            out.append("</dd>\n")
        }
        out.append("</dl>\n")
        writePartial(header)
        writeGlassBanner(header)
        if !header.brokeGlass {
            out.append("<p class=\"actions\"><a href=\"/participants/")
            out.append(escaped: header.participant)
            out.append("/evaluation\">")
            record("recordAssessment")
            out.append("</a> <a href=\"/participants/")
            out.append(escaped: header.participant)
            out.append("/actes\">")
            word(Catalogue.forms, "recordAnAct")
            out.append("</a></p>")
        }
        out.append("\n</header>\n")
        if let recorded = context.recorded { writeRecorded(recorded) }
        if !journey.warnings.isEmpty {
            out.append("<section aria-labelledby=\"warnings\"><h2 id=\"warnings\">")
            record("openWarnings")
            out.append("</h2>\n<ul>")
            out.append(markup: RecordRows.warnings(journey.warnings, language: language))
            out.append("</ul></section>\n")
        }
        writePath(journey, context: context)
        if let entry = journey.plan { writePlan(entry, today: context.today) }
        if let entry = journey.fallPlan { writeFallPlan(entry) }
        if let safety = journey.safety {
            out.append("<section aria-labelledby=\"safety\"><h2 id=\"safety\">")
            record("safety")
            out.append("</h2><p>")
            record("assessedOn")
            out.append(" ")
            out.append(escaped: safety.on)
            out.append(escaped: Catalogue.colon(language))
            record("danger")
            out.append(" ")
            out.append(escaped: label(safety.assessment.dangerLevel))
            out.append(".</p></section>\n")
        }
        if !journey.referrals.isEmpty {
            listSection(id: "referrals", heading: "referrals", rows: RecordRows.referrals(journey.referrals, language: language), closeOnItsLine: false)
        }
        if !journey.consents.isEmpty {
            listSection(id: "consents", heading: "consents", rows: RecordRows.consents(journey.consents, today: context.today, language: language),
                        closeOnItsLine: true)
        }
        // The person's own words of a refusal are not shown here; its scope and since when are.
        if !journey.refusals.isEmpty {
            listSection(id: "refusals", heading: "refusals", rows: RecordRows.refusals(journey.refusals, language: language), closeOnItsLine: true)
        }
        if !journey.disclosures.isEmpty {
            listSection(id: "disclosures", heading: "disclosures", rows: RecordRows.disclosures(journey.disclosures, language: language),
                        closeOnItsLine: true)
        }
        if !journey.sessions.isEmpty {
            out.append("<section aria-labelledby=\"sessions\"><h2 id=\"sessions\">")
            record("sessions")
            out.append("</h2>\n<table><caption>")
            record("sessionsCaption")
            out.append("</caption>\n<thead><tr>")
            columns(Catalogue.record, "sessionKind", "count", "minutes", "lastOn")
            out.append("</tr></thead>\n<tbody>")
            out.append(markup: RecordRows.sessions(journey.sessions, language: language))
            out.append("</tbody></table>\n</section>\n")
        }
        out.append("<section aria-labelledby=\"timeline\"><h2 id=\"timeline\">")
        record("timeline")
        out.append("</h2>\n")
        if context.acts > WebPages.recentActs {
            out.append("<p>")
            record("timelineRecent")
            out.append(" <a href=\"/participants/")
            out.append(escaped: header.participant)
            out.append("/chronologie\">")
            record("timelineAll")
            out.append(" (")
            out.append(integer: context.acts)
            out.append(")</a></p>")
        }
        out.append("\n")
        writeTimeline(journey.timeline.suffix(WebPages.recentActs), acts: context.acts)
        out.append("</section>\n")
        if !header.brokeGlass, let openings = context.openings { writeOpenings(openings) }
        out.append("</article>")
    }

    /// What was just recorded, and the warnings the domain gave on it.
    private mutating func writeRecorded(_ recorded: (what: String, warnings: [String])) {
        out.append("<section class=\"notice\" role=\"status\" aria-labelledby=\"recorded\"><h2 id=\"recorded\">")
        out.append(escaped: recorded.what)
        out.append("</h2>\n")
        if !recorded.warnings.isEmpty {
            out.append("<p>")
            record("warningsAfter")
            out.append("</p>\n<ul>")
            for warning in recorded.warnings {
                out.append("<li>")
                out.append(escaped: warning)
                out.append("</li>")
            }
            out.append("</ul>")
        }
        out.append("\n</section>\n")
    }

    /// The path through both models: the chart, the assessments' table and the rulers (when the
    /// reader may see the stages), the episodes, and relapses as part of the path.
    private mutating func writePath(_ journey: Journey, context: Context) {
        out.append("<section aria-labelledby=\"path\"><h2 id=\"path\">")
        record("path")
        out.append("</h2>\n")
        if context.shown.contains(.stages) { writeCharts(journey, today: context.today) }
        if journey.episodes.isEmpty {
            out.append("<p>")
            record("noAssessment")
            out.append("</p>")
        }
        out.append("\n<ol class=\"path\">")
        RecordRows.episodes(journey.episodes, language: language, into: &out)
        out.append("</ol>\n")
        if !journey.relapses.isEmpty {
            out.append("<h3>")
            record("relapses")
            out.append("</h3>\n<p>")
            record("relapsesIntro")
            out.append("</p>\n<ul>")
            out.append(markup: RecordRows.relapses(journey.relapses, language: language))
            out.append("</ul>\n")
        }
        out.append("</section>\n")
    }

    /// The path chart through both models, and when there are assessments, their table and the rulers.
    private mutating func writeCharts(_ journey: Journey, today: String) {
        func words(_ key: String) -> String { Catalogue.word(Catalogue.journey, key, language) }
        let stages = Dictionary(uniqueKeysWithValues: WheelStage.allCases.map { ($0, VocabularyLabel.label($0, in: language)) })
        let steps = Dictionary(uniqueKeysWithValues: EngagementStep.allCases.map { ($0, VocabularyLabel.label($0, in: language)) })
        let path = PathChart(journey, today: today)
        out.append("\n<figure class=\"chart-figure\">\n")
        out.append(markup: path.svg(PathChart.Words(title: words("pathTitle"), description: words("pathDescription"),
                                                   wheelTrack: words("wheelTrack"), engagementTrack: words("engagementTrack"),
                                                   relapse: words("relapse"), empty: words("pathEmpty"), silence: words("pathSilence"),
                                                   stages: stages, steps: steps, colon: Catalogue.colon(language),
                                                   semicolon: Catalogue.semicolon(language)), id: "chart-path"))
        out.append("\n<figcaption>")
        journeyWord("pathCaption")
        out.append("</figcaption>\n</figure>\n")
        guard !path.assessments.isEmpty else { return }
        let rulers = RulerChart(journey, axis: path.axis)
        out.append("<table class=\"assessments\">\n<caption>")
        journeyWord("tableCaption")
        out.append("</caption>\n<thead><tr>")
        columns(Catalogue.journey, "date", "wheelStage", "engagementStep")
        out.append("\n")
        columns(Catalogue.journey, "importance", "confidence")
        out.append("</tr></thead>\n<tbody>\n")
        RecordRows.assessments(path, rulers, language: language, into: &out)
        out.append("</tbody>\n</table>\n<h3>")
        journeyWord("rulersHeading")
        out.append("</h3>\n<figure class=\"chart-figure\">\n")
        out.append(markup: rulers.svg(RulerChart.Words(title: words("rulersTitle"), description: words("rulersDescription"),
                                                      importance: words("importance"), confidence: words("confidence"),
                                                      empty: words("pathEmpty"), semicolon: Catalogue.semicolon(language)),
                                     id: "chart-rulers"))
        out.append("\n<figcaption>")
        journeyWord("rulersCaption")
        out.append("</figcaption>\n</figure>\n")
    }

    /// The plan in force: when it was revised, when it is next reviewed, its needs, objectives and means.
    private mutating func writePlan(_ entry: Journey.PlanEntry, today: String) {
        let plan = entry.plan, rows = RecordRows.plan(plan, language: language)
        out.append("<section aria-labelledby=\"plan\"><h2 id=\"plan\">")
        record("plan")
        out.append("</h2>\n<p>")
        record("revisedOn")
        out.append(" ")
        out.append(escaped: entry.on)
        out.append(escaped: Catalogue.semicolon(language))
        record("nextReview")
        out.append(" ")
        out.append(escaped: plan.reviewOn)
        if plan.reviewOn < today {
            out.append(" <strong class=\"flag\">")
            word(Catalogue.caseload, "reviewDue")
            out.append("</strong>")
        }
        out.append(".</p>\n")
        if !plan.needs.isEmpty { headedList("needs", "</h3><ol>", rows.needs, "</ol>") }
        out.append("\n")
        if !plan.objectives.isEmpty { headedList("objectives", "</h3>\n<ul>", rows.objectives, "</ul>") }
        out.append("\n")
        if !plan.means.isEmpty { headedList("means", "</h3><ul>", rows.means, "</ul>") }
        out.append("\n</section>\n")
    }

    /// The fall plan in force: its risk situations with their signals and strategies, and the people to call.
    private mutating func writeFallPlan(_ entry: Journey.FallPlanEntry) {
        let rows = RecordRows.fallPlan(entry.plan, language: language)
        out.append("<section aria-labelledby=\"fall-plan\"><h2 id=\"fall-plan\">")
        record("fallPlan")
        out.append("</h2>\n<p>")
        record("revisedOn")
        out.append(" ")
        out.append(escaped: entry.on)
        out.append(".</p>\n")
        if !entry.plan.riskSituations.isEmpty {
            out.append("<table><caption>")
            record("situationsCaption")
            out.append("</caption>\n<thead><tr>")
            columns(Catalogue.record, "situation", "signalKind", "signals", "strategies")
            out.append("</tr></thead>\n<tbody>")
            out.append(markup: rows.situations)
            out.append("</tbody></table>")
        }
        out.append("\n")
        if !entry.plan.peopleToCall.isEmpty { headedList("peopleToCall", "</h3><ul>", rows.people, "</ul>") }
        out.append("\n</section>\n")
    }

    /// The care team's panel: who opened this record, when, to read what, why, and whether it was permitted.
    private mutating func writeOpenings(_ openings: [RecordOpening]) {
        out.append("\n<section class=\"openings\" aria-labelledby=\"openings\"><h2 id=\"openings\">")
        journeyWord("openingsHeading")
        out.append("</h2>\n<p>")
        journeyWord("openingsIntro")
        out.append("</p>\n")
        if openings.isEmpty {
            out.append("<p>")
            journeyWord("openingsNone")
            out.append("</p>")
        }
        out.append("\n")
        if !openings.isEmpty {
            out.append("<table>\n<caption>")
            journeyWord("openingsCaption")
            out.append("</caption>\n<thead><tr>")
            columns(Catalogue.journey, "when", "who", "what")
            out.append("\n")
            columns(Catalogue.journey, "purpose", "outcome")
            out.append("</tr></thead>\n<tbody>\n")
            RecordRows.openings(openings, language: language, into: &out)
            out.append("</tbody>\n</table>\n")
        }
        out.append("</section>\n")
    }
}
