/// `dictionary.json`: every column of every file of a research export, described.
struct ResearchDictionary: Encodable {
    struct Column: Encodable {
        var name: String
        var type: String
        var description: String
        var values: [String]?
    }

    var files: [String: [Column]]

    static func make(months: Bool, referralColumns: [String]) -> ResearchDictionary {
        let unit = months ? "months (30 days)" : "days"
        let stages = WheelStageNames.all
        let participants = [
            Column(name: "pseudonym", type: "string", description: "Pseudonym of the participant in this project only: unlinkable across projects; no identifier."),
            Column(name: "ageBand", type: "string", description: "Quasi-identifier: age at admission, generalized (see manifest.generalization).",
                   values: ["12-14", "15-17", "18-20", "21-24", "12-17", "18-24", "12-24"]),
            Column(name: "genderGroup", type: "string", description: "Quasi-identifier: gender identity, grouped.",
                   values: ["woman", "man", "trans", "non-binary-or-other", "gender-diverse", "any"]),
            Column(name: "referringKind", type: "string", description: "Quasi-identifier: the kind of the referring organization, never its name.",
                   values: ["community", "health-and-social-services", "police", "school", "other", "any"]),
            Column(name: "region", type: "string", description: "Quasi-identifier: region (the record holds no address; every participant is followed in Montréal).",
                   values: ["montreal"]),
            Column(name: "stageAtAdmission", type: "string", description: "First wheel stage assessed; empty if none, or if the research consent does not cover stages.",
                   values: stages + [""]),
            Column(name: "stageNow", type: "string", description: "Sensitive attribute: the latest wheel stage assessed.",
                   values: stages + ["not-assessed", "not-consented"]),
            Column(name: "stepNow", type: "string", description: "The latest engagement step assessed; empty if none, or not consented.",
                   values: EngagementStep.allCases.map(\.rawValue) + [""]),
            Column(name: "relapsesMomentary", type: "integer", description: "Momentary relapses recorded — a moment of the path, not a failure; empty if not consented."),
            Column(name: "relapsesProlonged", type: "integer", description: "Prolonged relapses recorded; empty if not consented."),
        ] + referralColumns.map { column in
            Column(name: ResearchExport.referralColumn(column), type: "integer",
                   description: "Referrals to a resource of kind \(column.split(separator: "/")[0]) whose latest status is \(column.split(separator: "/")[1]); empty when the research consent does not cover referrals.")
        } + [
            Column(name: months ? "monthsFollowed" : "daysFollowed", type: "integer", description: "Time followed: admission to the latest contact or the closing, in \(unit)."),
            Column(name: "followUpOpen", type: "boolean", description: "Whether the follow-up is open on the export day."),
        ]
        let episodes = [
            Column(name: "pseudonym", type: "string", description: "As in participants.csv."),
            Column(name: "stage", type: "string", description: "The wheel stage of the episode.", values: stages),
            Column(name: months ? "startMonth" : "startDay", type: "integer", description: "Start of the episode, in \(unit) since admission."),
            Column(name: months ? "lengthMonths" : "lengthDays", type: "integer", description: "Length in \(unit); empty while it lasts."),
        ]
        let transitions = [
            Column(name: "from", type: "string", description: "Wheel stage left.", values: stages),
            Column(name: "to", type: "string", description: "Wheel stage reached.", values: stages),
            Column(name: "count", type: "integer", description: "Transitions from → to among the exported participants."),
        ]
        return ResearchDictionary(files: ["participants.csv": participants, "episodes.csv": episodes, "transitions.csv": transitions])
    }
}

import ParcoursClinical

enum WheelStageNames {
    static let all = WheelStage.allCases.map(\.rawValue)
}
