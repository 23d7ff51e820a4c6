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
                                                  engagementTrack: word("engagementTrack"), relapse: word("relapse"), empty: word("pathEmpty"), silence: word("pathSilence"),
                                                  stages: stages, steps: steps, colon: Catalogue.colon(language),
                                                  semicolon: Catalogue.semicolon(language)), id: "chart-path"),
            "rulerChart": rulers.svg(RulerChart.Words(title: word("rulersTitle"), description: word("rulersDescription"),
                                                      importance: word("importance"), confidence: word("confidence"), empty: word("pathEmpty"),
                                                      semicolon: Catalogue.semicolon(language)),
                                     id: "chart-rulers"),
            "assessmentRows": Markup(text: RecordRows.assessments(path, rulers, language: language)),
            "hasAssessments": !path.assessments.isEmpty,
        ]
        if let openings {
            values["openings"] = ["openingRows": Markup(text: RecordRows.openings(openings, language: language)), "hasEntries": !openings.isEmpty] as [String: Any]
        }
        return values
    }
}
