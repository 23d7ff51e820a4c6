import ParcoursAccess
import ParcoursApp
import ParcoursClinical
import ParcoursProjections

/// The rows a record's pages repeat most — the acts of the timeline, the path's stays in each
/// stage, the stage assessments' table, the care team's panel of who opened the record — written here rather than by a
/// Mustache section. Mustache looks every value of every row up through its context stack,
/// casting it to half a dozen protocols on the way: on a journey page of 20 acts, 20 openings
/// and the assessments, those lookups were most of the page's rendering (issue 12). Each row's
/// markup is the one its template had; every text is escaped by `HTMLText`, as `{{value}}` is.
/// These longer lists are written straight into the page's writer (`MarkupWriter`, as
/// `JourneyPage` writes the rest); the shorter ones (`RecordRows+Sections`) are strings.
enum RecordRows {
    /// Timeline entries, the most recent first; a corrected act says so.
    static func timeline(_ entries: some BidirectionalCollection<Journey.TimelineEntry>, language: Language, into out: inout MarkupWriter) {
        let corrected = Catalogue.word(Catalogue.record, "corrected", language)
        for entry in entries.reversed() {
            out.append("<li><time>")
            out.append(escaped: String(entry.occurredAt.prefix(10)))
            out.append("</time> <strong>")
            out.append(escaped: ClinicalActType(rawValue: entry.type).map { VocabularyLabel.label($0, in: language) } ?? entry.type)
            out.append("</strong> — ")
            out.append(escaped: VocabularyLabel.summary(entry, in: language))
            if entry.corrected {
                out.append(" <em>(")
                out.append(escaped: corrected)
                out.append(")</em>")
            }
            out.append("</li>")
        }
    }

    /// The path's stays in the wheel's stages, oldest first: each stage named, from its first day
    /// to the next stage's (or to date). A relapse is a stage of the path like the others.
    static func episodes(_ episodes: [Journey.StageEpisode], language: Language, into out: inout MarkupWriter) {
        let (from, to, toDate) = (Catalogue.word(Catalogue.record, "from", language), Catalogue.word(Catalogue.record, "to", language),
                                  Catalogue.word(Catalogue.record, "toDate", language))
        for episode in episodes {
            out.append("<li><span class=\"stage stage-")
            out.append(escaped: episode.wheelStage.rawValue)
            out.append("\">")
            out.append(escaped: VocabularyLabel.label(episode.wheelStage, in: language))
            out.append("</span> ")
            out.append(escaped: from)
            out.append(" ")
            out.append(escaped: episode.from)
            if let end = episode.to {
                out.append(" ")
                out.append(escaped: to)
                out.append(" ")
                out.append(escaped: end)
            } else {
                out.append(", ")
                out.append(escaped: toDate)
            }
            out.append("</li>")
        }
    }

    /// The stage assessments' table rows, oldest first: the path chart's text alternative.
    static func assessments(_ path: PathChart, _ rulers: RulerChart, language: Language, into out: inout MarkupWriter) {
        for (assessment, reading) in zip(path.assessments, rulers.readings) {
            out.append("<tr><th scope=\"row\"><time datetime=\"")
            out.append(escaped: assessment.on)
            out.append("\">")
            out.append(escaped: assessment.on)
            out.append("</time></th><td>")
            out.append(escaped: VocabularyLabel.label(assessment.stage, in: language))
            out.append("</td><td>")
            out.append(escaped: VocabularyLabel.label(assessment.step, in: language))
            out.append("</td><td>")
            out.append(integer: reading.importance)
            out.append("/10</td><td>")
            out.append(integer: reading.confidence)
            out.append("/10</td></tr>\n")
        }
    }

    /// Who opened the record, newest first: the access log's categories in words, nothing read.
    static func openings(_ openings: [RecordOpening], language: Language, into out: inout MarkupWriter) {
        func word(_ key: String) -> String { Catalogue.journeyWord(key, language) }
        for opening in openings {
            let instant = opening.at.description
            let categories = opening.categories.count == InformationCategory.allCases.count ? word("allCategories")
                : opening.categories.isEmpty ? word("noCategories")
                : opening.categories.map { VocabularyLabel.label($0, in: language) }.joined(separator: ", ")
            let roleOrganization = [opening.role.map { VocabularyLabel.label($0, in: language) }, opening.organization].compactMap { $0 }
            out.append(opening.brokeGlass ? "<tr class=\"review\">" : "<tr>")
            out.append("<td><time datetime=\"")
            out.append(escaped: instant)
            out.append("\">")
            out.append(escaped: ClinicalDate.instantOrNil(instant).map(WebPages.minute) ?? String(instant.prefix(10)))
            out.append("</time></td>\n<td>")
            out.append(escaped: opening.actor)
            if !roleOrganization.isEmpty {
                out.append(" <span class=\"role\">(")
                out.append(escaped: roleOrganization.joined(separator: ", "))
                out.append(")</span>")
            }
            out.append("</td><td>")
            out.append(escaped: opening.view.map { VocabularyLabel.label($0, in: language) } ?? "—")
            out.append(" — ")
            out.append(escaped: categories)
            out.append("</td><td>")
            out.append(escaped: opening.purpose.map { VocabularyLabel.label($0, in: language) } ?? "—")
            out.append("</td>\n<td>")
            if let refusal = opening.refusal {
                out.append(escaped: word("refused"))
                out.append(" — ")
                out.append(escaped: word("reason-" + refusal.rawValue))
            } else {
                out.append(escaped: word("permitted"))
            }
            if opening.brokeGlass {
                out.append(" <strong class=\"flag\">")
                out.append(escaped: word("brokeGlass"))
                out.append("</strong>")
            }
            out.append("</td></tr>\n")
        }
    }
}
