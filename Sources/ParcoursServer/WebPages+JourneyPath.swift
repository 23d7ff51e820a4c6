import ParcoursAccess
import ParcoursApp
import ParcoursClinical
import ParcoursProjections

extension WebPages {
    /// The journey page's path chart, rulers and their table (when the reader may see the
    /// stages), and the care team's panel of who opened the record (`openings`, nil for anyone
    /// else): the values `PageTemplates.journeyPath` and `journeyOpenings` read.
    static func journeyPath(_ journey: Journey, shown: Set<InformationCategory>, today: String, openings: [RecordOpening]?,
                            language: Language) -> [String: Any] {
        func word(_ key: String) -> String { Catalogue.journeyWord(key, language) }
        let stages = Dictionary(uniqueKeysWithValues: WheelStage.allCases.map { ($0, VocabularyLabel.label($0, in: language)) })
        let steps = Dictionary(uniqueKeysWithValues: EngagementStep.allCases.map { ($0, VocabularyLabel.label($0, in: language)) })
        let path = PathChart(journey, today: today)
        let rulers = RulerChart(journey, axis: path.axis)
        var values: [String: Any] = [
            "showPath": shown.contains(.stages),
            "pathChart": path.svg(PathChart.Words(title: word("pathTitle"), description: word("pathDescription"), wheelTrack: word("wheelTrack"),
                                                  engagementTrack: word("engagementTrack"), relapse: word("relapse"), empty: word("pathEmpty"),
                                                  stages: stages, steps: steps), id: "chart-path"),
            "rulerChart": rulers.svg(RulerChart.Words(title: word("rulersTitle"), description: word("rulersDescription"),
                                                      importance: word("importance"), confidence: word("confidence"), empty: word("pathEmpty")),
                                     id: "chart-rulers"),
            "assessments": path.assessments.indices.map { index -> [String: Any] in
                let assessment = path.assessments[index], reading = rulers.readings[index]
                return ["on": assessment.on, "stage": stages[assessment.stage] ?? "", "step": steps[assessment.step] ?? "",
                        "importance": reading.importance, "confidence": reading.confidence]
            },
            "hasAssessments": !path.assessments.isEmpty,
        ]
        if let openings {
            values["openings"] = ["entries": openings.map { opening(of: $0, language: language) }, "hasEntries": !openings.isEmpty] as [String: Any]
        }
        return values
    }

    /// One opening as the panel lists it: the access log's categories in words, nothing read.
    static func opening(of opening: RecordOpening, language: Language) -> [String: Any] {
        func word(_ key: String) -> String { Catalogue.journeyWord(key, language) }
        let instant = opening.at.description
        let categories = opening.categories.count == InformationCategory.allCases.count ? word("allCategories")
            : opening.categories.isEmpty ? word("noCategories") : opening.categories.map { VocabularyLabel.label($0, in: language) }.joined(separator: ", ")
        var entry: [String: Any] = [
            "at": instant, "when": ClinicalDate.instantOrNil(instant).map(minute) ?? String(instant.prefix(10)),
            "actor": opening.actor, "view": opening.view.map { VocabularyLabel.label($0, in: language) } ?? "—", "categories": categories,
            "purpose": opening.purpose.map { VocabularyLabel.label($0, in: language) } ?? "—",
            "refused": opening.refused, "brokeGlass": opening.brokeGlass,
        ]
        let roleOrganization = [opening.role.map { VocabularyLabel.label($0, in: language) }, opening.organization].compactMap { $0 }
        if !roleOrganization.isEmpty { entry["roleOrganization"] = roleOrganization.joined(separator: ", ") }
        if let refusal = opening.refusal { entry["reason"] = word("reason-" + refusal.rawValue) }
        return entry
    }
}
