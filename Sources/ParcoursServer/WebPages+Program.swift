import Hummingbird
import ParcoursApp
import ParcoursClinical
import ParcoursProjections

extension WebPages {
    /// The program's picture for a coordinator: the period form, then each chart followed by a
    /// table of the same numbers, and the open follow-ups gone silent (pseudonymous ids, no
    /// link: the picture covers every organization, whose journeys she may not all open).
    /// `picture` nil when the period is refused: the form again, each problem beside its field (400).
    static func program(_ picture: ProgramPicture?, period: ProgramPeriod, session: WebSession) -> Response {
        let language = session.language
        var values = programPeriod(period, language: language)
        values["picture"] = picture != nil
        if let picture { values.merge(programFigures(picture, language: language)) { _, figure in figure } }
        return page("program", title: Catalogue.program["title"]!(language), values, session: session, status: period.isValid ? .ok : .badRequest)
    }

    /// The period form's values: each field with what it holds and, when refused, why.
    static func programPeriod(_ period: ProgramPeriod, language: Language) -> [String: Any] {
        func word(_ key: String) -> String { Catalogue.programWord(key, language) }
        let asked = [(field: "du", label: "from", typed: period.typedFrom, day: period.from), (field: "au", label: "to", typed: period.typedTo, day: period.to)]
        let fields: [[String: Any]] = asked.map { asked in
            let (field, label, typed, day) = asked
            var values: [String: Any] = ["field": field, "label": word(label), "value": typed.isEmpty ? day.rawValue : typed]
            if let problem = period.problems[field] {
                values["message"] = word(problem == .notADay ? "notADay" : field == "du" ? "startAfterEnd" : "endBeforeStart")
            }
            return values
        }
        return ["fields": fields, "problems": fields.filter { $0["message"] != nil }, "hasProblems": !period.isValid]
    }

    /// The picture's numbers and charts, in `language`.
    static func programFigures(_ picture: ProgramPicture, language: Language) -> [String: Any] {
        func word(_ key: String) -> String { Catalogue.programWord(key, language) }
        func label(_ term: some VocabularyTerm) -> String { VocabularyLabel.label(term, in: language) }
        func count(_ bars: [ProgramBarChart.Bar]) -> [[String: Any]] { bars.map { ["label": $0.label, "count": $0.count] } }
        // People by stage and by step: every stage and step, and those not assessed yet when there are any.
        func bars<Term: VocabularyTerm & Hashable>(_ terms: [Term], _ key: (ProgramPicture.StageCount) -> Term?) -> [ProgramBarChart.Bar] {
            let counts = Dictionary(grouping: picture.byStage, by: key).mapValues { $0.reduce(0) { $0 + $1.participants } }
            let unassessed = counts[nil] ?? 0
            return terms.map { ProgramBarChart.Bar(label: label($0), count: counts[$0] ?? 0) }
                + (unassessed > 0 ? [ProgramBarChart.Bar(label: word("notAssessed"), count: unassessed)] : [])
        }
        let stages = bars(WheelStage.allCases, \.wheelStage), steps = bars(EngagementStep.allCases, \.engagementStep)
        let months = MonthlyChart.months(from: picture.from, to: picture.to)
        let transitions = MonthlyChart(months: months, series: WheelDirection.allCases.map { direction in
            MonthlyChart.Series(name: word("direction-" + direction.rawValue), counts: months.map { month in
                picture.transitions.filter { $0.month == month && $0.direction == direction }.reduce(0) { $0 + $1.count }
            })
        })
        let relapses = MonthlyChart(months: months, series: [
            MonthlyChart.Series(name: word("momentary"), counts: months.map { month in picture.relapses.first { $0.month == month }?.momentary ?? 0 }),
            MonthlyChart.Series(name: word("prolonged"), counts: months.map { month in picture.relapses.first { $0.month == month }?.prolonged ?? 0 }),
        ])
        let outcomes = Journey.ReferralEntry.Status.allCases.map { outcome in
            ProgramBarChart.Bar(label: label(outcome), count: picture.referrals.filter { $0.outcome == outcome }.reduce(0) { $0 + $1.count })
        }
        let delay = picture.admissionToFirstPlan, colon = Catalogue.colon(language)
        var values: [String: Any] = [
            "from": picture.from, "to": picture.to, "openFollowUps": picture.openFollowUps, "closedFollowUps": picture.closedFollowUps,
            "admitted": delay.admitted, "withPlan": delay.withPlan,
            "stageChart": ProgramBarChart(bars: stages).svg(.init(title: word("stageTitle"), description: word("stageDescription"), empty: word("noOpen"), colon: colon),
                                                            id: "chart-stages"),
            "stages": count(stages),
            "stepChart": ProgramBarChart(bars: steps).svg(.init(title: word("stepTitle"), description: word("stepDescription"), empty: word("noOpen"), colon: colon),
                                                          id: "chart-steps"),
            "steps": count(steps),
            "transitionChart": transitions.svg(.init(title: word("transitionsTitle"), description: word("transitionsDescription"),
                                                     empty: word("noTransition"), colon: colon), id: "chart-transitions"),
            "transitions": picture.transitions.sorted { ($0.month, $0.from.rawValue, $0.to.rawValue) < ($1.month, $1.from.rawValue, $1.to.rawValue) }
                .map { ["month": $0.month, "from": label($0.from), "to": label($0.to), "direction": word("direction-" + $0.direction.rawValue),
                        "count": $0.count] as [String: Any] },
            "hasTransitions": !picture.transitions.isEmpty,
            "relapseChart": relapses.svg(.init(title: word("relapsesTitle"), description: word("relapsesDescription"), empty: word("noRelapse"), colon: colon),
                                         id: "chart-relapses"),
            "relapses": months.indices.map { ["month": months[$0], "momentary": relapses.series[0].counts[$0], "prolonged": relapses.series[1].counts[$0]] as [String: Any] },
            "referralChart": ProgramBarChart(bars: outcomes).svg(.init(title: word("referralsTitle"), description: word("referralsDescription"),
                                                                       empty: word("noReferral"), colon: colon), id: "chart-referrals"),
            "referrals": picture.referrals.map { ["resource": $0.resource, "kind": label($0.resourceKind), "outcome": label($0.outcome), "count": $0.count] as [String: Any] },
            "hasReferrals": !picture.referrals.isEmpty,
            "silentAfterDays": picture.silentAfterDays,
            "silent": picture.withoutContact.sorted { ($1.days, $0.participant) < ($0.days, $1.participant) }
                .map { ["participant": $0.participant, "lastContactOn": $0.lastContactOn, "days": $0.days] as [String: Any] },
            "hasSilent": !picture.withoutContact.isEmpty,
        ]
        if let median = delay.medianDays { values["median"] = "\(median)" }
        if let mean = delay.meanDays { values["mean"] = ChartMarkup.number(mean) }
        return values
    }

    /// The clinicians of the coordinator's organization, each with her or his caseload's counts
    /// (open follow-ups, plan reviews due, gone silent: `CaseloadView.Flags`) and a link to it.
    static func programCaseloads(_ caseloads: [CaseRecord.SupervisedCaseload], organization: String?, today: String,
                                 session: WebSession) -> Response {
        let rows: [[String: Any]] = caseloads.map { caseload in
            let flags = caseload.entries.map { CaseloadView.Flags($0, today: today) }
            let overdue = flags.filter(\.overdue).count, silent = flags.filter(\.silent).count
            var row: [String: Any] = ["clinician": caseload.clinician, "open": caseload.entries.filter(\.followUpOpen).count,
                                      "overdue": overdue, "silent": silent, "attention": overdue + silent > 0]
            if let name = caseload.name { row["name"] = name }
            return row
        }
        var values: [String: Any] = ["clinicians": rows, "hasClinicians": !rows.isEmpty]
        if let organization { values["organization"] = organization }
        return page("programCaseloads", title: Catalogue.program["caseloadsTitle"]!(session.language), values, session: session)
    }

    /// One clinician's caseload as a coordinator supervises it: the clinician's own table.
    static func supervisedCaseload(_ entries: [CaseloadEntry], of clinician: String, view: CaseloadView, today: String,
                                   session: WebSession) -> Response {
        let language = session.language
        var values = caseloadList(entries, view: view, today: today, action: "/programme/charges/\(clinician)",
                                  caption: Catalogue.program["supervisedCaption"]!(language), language: language)
        values["clinician"] = clinician
        return page("supervisedCaseload", title: Catalogue.program["supervisedTitle"]!(language) + " " + clinician, values, session: session)
    }
}
