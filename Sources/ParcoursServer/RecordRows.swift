import ParcoursAccess
import ParcoursApp
import ParcoursClinical
import ParcoursProjections

/// The rows a record's pages repeat most — the acts of the timeline, the path's stays in each
/// stage, the stage assessments' table, the care team's panel of who opened the record — written here rather than by a
/// Mustache section. Mustache looks every value of every row up through its context stack,
/// casting it to half a dozen protocols on the way: on a journey page of 20 acts, 20 openings
/// and the assessments, those lookups were most of the page's rendering (issue 12). Each row's
/// markup is the one its template had; every text is escaped by `HTMLText`, as `{{value}}` is;
/// the templates insert the rows with `{{{…}}}`. The longer lists are written piece by piece
/// into one string (`HTMLText.append(escaped:to:)`): a chain of `+` makes a new string at each
/// piece.
enum RecordRows {
    /// Timeline entries, the most recent first; a corrected act says so.
    static func timeline(_ entries: some BidirectionalCollection<Journey.TimelineEntry>, language: Language) -> String {
        let corrected = " <em>(" + HTMLText.escape(Catalogue.record["corrected"]!(language)) + ")</em>"
        var html = ""
        html.reserveCapacity(entries.count * 160)
        for entry in entries.reversed() {
            html += "<li><time>"
            HTMLText.append(escaped: String(entry.occurredAt.prefix(10)), to: &html)
            html += "</time> <strong>"
            HTMLText.append(escaped: ClinicalActType(rawValue: entry.type).map { VocabularyLabel.label($0, in: language) } ?? entry.type, to: &html)
            html += "</strong> — "
            HTMLText.append(escaped: VocabularyLabel.summary(entry, in: language), to: &html)
            if entry.corrected { html += corrected }
            html += "</li>"
        }
        return html
    }

    /// The path's stays in the wheel's stages, oldest first: each stage named, from its first day
    /// to the next stage's (or to date). A relapse is a stage of the path like the others.
    static func episodes(_ episodes: [Journey.StageEpisode], language: Language) -> String {
        let (from, to, toDate) = (" " + word("from", language) + " ", " " + word("to", language) + " ", ", " + word("toDate", language))
        var html = ""
        html.reserveCapacity(episodes.count * 120)
        for episode in episodes {
            html += "<li><span class=\"stage stage-"
            HTMLText.append(escaped: episode.wheelStage.rawValue, to: &html)
            html += "\">"
            HTMLText.append(escaped: VocabularyLabel.label(episode.wheelStage, in: language), to: &html)
            html += "</span>"
            html += from
            HTMLText.append(escaped: episode.from, to: &html)
            if let end = episode.to {
                html += to
                HTMLText.append(escaped: end, to: &html)
            } else {
                html += toDate
            }
            html += "</li>"
        }
        return html
    }

    /// The stage assessments' table rows, oldest first: the path chart's text alternative.
    static func assessments(_ path: PathChart, _ rulers: RulerChart, language: Language) -> String {
        var html = ""
        html.reserveCapacity(path.assessments.count * 190)
        for (assessment, reading) in zip(path.assessments, rulers.readings) {
            let on = HTMLText.escape(assessment.on)
            html += "<tr><th scope=\"row\"><time datetime=\""
            html += on
            html += "\">"
            html += on
            html += "</time></th><td>"
            html += HTMLText.escape(VocabularyLabel.label(assessment.stage, in: language))
            html += "</td><td>"
            html += HTMLText.escape(VocabularyLabel.label(assessment.step, in: language))
            html += "</td><td>"
            html += String(reading.importance)
            html += "/10</td><td>"
            html += String(reading.confidence)
            html += "/10</td></tr>\n"
        }
        return html
    }

    /// Who opened the record, newest first: the access log's categories in words, nothing read.
    static func openings(_ openings: [RecordOpening], language: Language) -> String {
        func word(_ key: String) -> String { HTMLText.escape(Catalogue.journeyWord(key, language)) }
        let (refused, permitted, brokeGlass) = (word("refused"), word("permitted"), " <strong class=\"flag\">" + word("brokeGlass") + "</strong>")
        var html = ""
        html.reserveCapacity(openings.count * 420)
        for opening in openings {
            let instant = opening.at.description
            let categories = opening.categories.count == InformationCategory.allCases.count ? Catalogue.journeyWord("allCategories", language)
                : opening.categories.isEmpty ? Catalogue.journeyWord("noCategories", language)
                : opening.categories.map { VocabularyLabel.label($0, in: language) }.joined(separator: ", ")
            let roleOrganization = [opening.role.map { VocabularyLabel.label($0, in: language) }, opening.organization].compactMap { $0 }
            let when = ClinicalDate.instantOrNil(instant).map(WebPages.minute) ?? String(instant.prefix(10))
            let view = opening.view.map { VocabularyLabel.label($0, in: language) } ?? "—"
            let purpose = opening.purpose.map { VocabularyLabel.label($0, in: language) } ?? "—"
            html += opening.brokeGlass ? "<tr class=\"review\">" : "<tr>"
            html += "<td><time datetime=\""
            HTMLText.append(escaped: instant, to: &html)
            html += "\">"
            HTMLText.append(escaped: when, to: &html)
            html += "</time></td>\n<td>"
            HTMLText.append(escaped: opening.actor, to: &html)
            if !roleOrganization.isEmpty {
                html += " <span class=\"role\">("
                HTMLText.append(escaped: roleOrganization.joined(separator: ", "), to: &html)
                html += ")</span>"
            }
            html += "</td><td>"
            HTMLText.append(escaped: view, to: &html)
            html += " — "
            HTMLText.append(escaped: categories, to: &html)
            html += "</td><td>"
            HTMLText.append(escaped: purpose, to: &html)
            html += "</td>\n<td>"
            if let refusal = opening.refusal {
                html += refused
                html += " — "
                html += word("reason-" + refusal.rawValue)
            } else {
                html += permitted
            }
            if opening.brokeGlass { html += brokeGlass }
            html += "</td></tr>\n"
        }
        return html
    }
}
