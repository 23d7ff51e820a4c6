import ParcoursClinical
import ParcoursLog
import ParcoursLogTesting
import ParcoursProjections

/// The projections' own tables: positions written with their output, rows written, removed and
/// cleared, what readers ask of them, and the digests verification compares.
extension ProjectionStoreConformance {
    /// Every table's digest, projection by projection.
    static func digests(_ source: any ProjectionTables) throws -> [[ProjectionDigest]] {
        try ProjectionName.allCases.map { try source.digests(of: $0, leavingOut: []) }
    }

    /// Two admitted participants, one with two stage assessments (a move forward), followed.
    static func twoFollowed(_ store: ConformanceProjections) async throws {
        try await store.record(ConformanceProjections.admission(of: "P-CONF01", on: "2026-01-05")
            + [ConformanceProjections.stage(of: "P-CONF01", on: "2026-02-01", step: "crisis", wheel: "contemplation"),
               ConformanceProjections.stage(of: "P-CONF01", on: "2026-03-03", step: "reflection-and-dilemma", wheel: "determination")]
            + ConformanceProjections.admission(of: "P-CONF02", on: "2026-03-02"))
        try await Projector(store: store.store).catchUp()
    }

    static let positionsWithOutput = Check("positions-with-output",
                                           "a projection's rows and position are written together, or neither") { store in
        let fresh = try await store.store.read { try $0.positions() }
        try check(fresh == Dictionary(uniqueKeysWithValues: ProjectionName.allCases.map { ($0, 0) }), "a fresh store's positions are \(fresh)")
        try await twoFollowed(store)
        let (head, positions, before) = try await store.store.read { (try $0.head(), try $0.positions(), try digests($0)) }
        try check(positions.values.allSatisfy { $0 == head }, "after catching up, positions \(positions) are not the head \(head)")
        _ = try await thrownError("a projection write that throws after clearing its tables") {
            try await store.store.write { tables in
                try tables.clear(Set(ProjectionName.allCases))
                try tables.setPosition(0, of: Set(ProjectionName.allCases))
                throw PreparedRefusal()
            }
        }
        let (afterPositions, after) = try await store.store.read { (try $0.positions(), try digests($0)) }
        try check(afterPositions == positions && after == before, "a projection write that threw left part of its work")
        try await store.store.write { try $0.setPosition(1, of: [.caseload]) }
        let moved = try await store.store.read { try $0.positions() }
        try check(moved[.caseload] == 1 && moved[.journey] == head, "setting one position gave \(moved)")
    }

    static let longJourney = Check("long-journey",
                                   "a journey longer than its latest acts is kept in two parts, read back whole and for a page, and moved forward by a catch-up") { store in
        let days = (1...24).map { "2026-02-" + ($0 < 10 ? "0" : "") + "\($0)" }
        _ = try await store.record(ConformanceProjections.admission(of: "P-CONF03", on: "2026-01-05")
            + days.map { ConformanceProjections.stage(of: "P-CONF03", on: $0, step: "crisis", wheel: "contemplation") })
        let reader = ProjectionReader(store: store.store)
        let whole = try await reader.journey(of: "P-CONF03")
        try check(whole.timeline.count > SealedJourney.recentActs, "the journey has \(whole.timeline.count) acts")
        let (sealed, recent, earlier) = try await store.store.read { source in
            (try source.sealedJourney(of: "P-CONF03"), try source.sealedJourneyRecent(of: "P-CONF03"), try source.sealedJourneyEarlier(of: "P-CONF03"))
        }
        try check(earlier != nil, "no earlier acts kept apart for a journey of \(whole.timeline.count) acts")
        try check(recent != nil && sealed == recent.map { SealedJourney(recent: $0, earlier: earlier) }, "the parts read apart differ from the journey read whole")
        let all = Set(InformationCategory.allCases)
        for latest in [3, SealedJourney.recentActs, SealedJourney.recentActs + 2, 1_000] {
            let page = try await reader.journey(of: "P-CONF03") { _ in ((), TimelineWindow(latest: latest, categories: all)) }
            try check(page.journey.timeline == Array(whole.timeline.suffix(latest)) && page.acts == whole.timeline.count,
                      "a page of the latest \(latest) acts holds \(page.journey.timeline.count) of \(page.acts)")
        }
        _ = try await store.record([ConformanceProjections.stage(of: "P-CONF03", on: "2026-03-01", step: "honeymoon", wheel: "determination")])
        let moved = try await reader.journey(of: "P-CONF03")
        try check(moved.timeline.count == whole.timeline.count + 1 && Array(moved.timeline.prefix(whole.timeline.count)) == whole.timeline,
                  "after one more act, the journey holds \(moved.timeline.count) acts")
        try check(moved.stage?.wheelStage == .determination, "the journey moved forward is at \(String(describing: moved.stage?.wheelStage))")
    }

    static let tableWrites = Check("table-writes", "sealed journeys read back, a participant removed, projections cleared and rebuilt") { store in
        try await twoFollowed(store)
        try await store.store.read { source in
            let sealed = try source.sealedJourney(of: "P-CONF01")
            try check(sealed != nil, "no sealed journey after catching up")
            try check(try source.sealedJourneyAndRecord(of: "P-CONF01")?.journey == sealed, "the journey read with its record differs")
            try check(try source.sealedAccess(of: "P-CONF01") != nil, "no sealed access facts after catching up")
            try check(try source.sealedJourney(of: "P-CONF09") == nil, "a participant never recorded has a journey")
            var walked: [String] = []
            try source.forEachSealedJourney { participant, journey in
                walked.append(participant)
                if participant == "P-CONF01" { try check(journey == sealed, "the journey walked differs from the one read") }
            }
            try check(walked == ["P-CONF01", "P-CONF02"], "the walk of journeys gave \(walked)")
        }
        let journey = try await ProjectionReader(store: store.store).journey(of: "P-CONF01")
        try check(journey.stage?.wheelStage == .determination, "the journey read back is at \(String(describing: journey.stage?.wheelStage))")
        try await store.store.write { try $0.remove("P-CONF01", from: Set(ProjectionName.allCases)) }
        try await store.store.read { source in
            try check(try source.sealedJourney(of: "P-CONF01") == nil, "a removed participant keeps a journey")
            try check(try source.caseload(of: ConformanceProjections.clinician).map(\.participant) == ["P-CONF02"], "a removed participant stays in the caseload")
            try check(try source.programFigures(from: "2026-01-01", to: "2026-12-31").openFollowUps == 1, "a removed participant stays in the program")
            try check(try source.sealedJourney(of: "P-CONF02") != nil, "removing one participant removed another")
        }
        try await store.store.write { try $0.clear([.caseload]) }
        try await store.store.read { source in
            try check(try source.caseload(of: ConformanceProjections.clinician).isEmpty, "a cleared caseload has rows")
            try check(try source.sealedJourney(of: "P-CONF02") != nil, "clearing the caseload cleared the journeys")
        }
        try await Projector(store: store.store).rebuild()
        let rebuilt = try await store.store.read { try $0.caseload(of: ConformanceProjections.clinician).map(\.participant) }
        try check(Set(rebuilt) == ["P-CONF01", "P-CONF02"], "the rebuilt caseload holds \(rebuilt)")
    }

    static let caseloadAndFigures = Check("caseload-and-figures", "the caseload and the program figures read what the acts say") { store in
        try await twoFollowed(store)
        try await store.store.read { source in
            let caseload = try source.caseload(of: ConformanceProjections.clinician)
            try check(Set(caseload.map(\.participant)) == ["P-CONF01", "P-CONF02"] && caseload.count == 2, "the caseload holds \(caseload.map(\.participant))")
            let first = caseload.first { $0.participant == "P-CONF01" }
            try check(first?.wheelStage == .determination && first?.engagementStep == .reflectionAndDilemma && first?.assessedOn == "2026-03-03"
                          && first?.followUpOpen == true, "P-CONF01's caseload row reads \(String(describing: first))")
            try check(try source.caseload(of: "clin-autre").isEmpty, "another clinician has a caseload")
            let year = try source.programFigures(from: "2026-01-01", to: "2026-12-31")
            try check(year.openFollowUps == 2 && year.closedFollowUps == 0, "\(year.openFollowUps) open and \(year.closedFollowUps) closed follow-ups")
            let stages = [ProgramPicture.StageCount(wheelStage: nil, engagementStep: nil, participants: 1),
                          ProgramPicture.StageCount(wheelStage: .determination, engagementStep: .reflectionAndDilemma, participants: 1)]
            try check(year.byStage == stages, "by stage, the year reads \(year.byStage)")
            let transition = ProgramPicture.Transition(month: "2026-03", from: .contemplation, to: .determination, direction: .forward, count: 1)
            try check(year.transitions == [transition], "the year's transitions read \(year.transitions)")
            try check(year.admissions.map(\.admittedOn).sorted() == ["2026-01-05", "2026-03-02"], "the year's admissions read \(year.admissions)")
            try check(Set(year.openLastContacts.map(\.participant)) == ["P-CONF01", "P-CONF02"], "open follow-ups read \(year.openLastContacts)")
            let january = try source.programFigures(from: "2026-01-01", to: "2026-01-31")
            try check(january.openFollowUps == 1 && january.admissions.count == 1 && january.transitions.isEmpty,
                      "January reads \(january.openFollowUps) open follow-ups, \(january.admissions.count) admissions")
        }
    }

    static let rebuildEqualsCatchUp = Check("rebuild-equals-catch-up",
                                            "following the log step by step and rebuilding it whole give the same digests, which verify") { store in
        let acts = ConformanceProjections.generated(participants: 6, seed: 14)
        let projector = Projector(store: store.store, chunk: 25)
        for start in stride(from: 0, to: acts.count, by: 60) {
            try await store.record(Array(acts[start..<min(start + 60, acts.count)]))
            try await projector.catchUp()
        }
        let followed = try await store.store.read { try digests($0) }
        try await projector.verify()
        try await projector.rebuild()
        let rebuilt = try await store.store.read { try digests($0) }
        try check(rebuilt == followed, "the rebuilt tables' digests differ from those followed: \(rebuilt) against \(followed)")
        try check(followed[0].first!.rows == 6, "\(followed[0].first!.rows) journeys for six participants")
        try await projector.verify()
    }

    static let scratchTables = Check("scratch-tables",
                                     "scratch tables start empty, are not the store's, and are discarded after") { store in
        try await twoFollowed(store)
        try await store.store.read { source in
            let stored = (try source.positions(), try digests(source))
            try source.withScratchTables { scratch in
                let positions = try scratch.positions()
                try check(positions.values.allSatisfy { $0 == 0 }, "scratch positions start at \(positions)")
                try check(try digests(scratch).joined().allSatisfy { $0.rows == 0 }, "scratch tables start with rows")
                try check(try scratch.caseload(of: ConformanceProjections.clinician).isEmpty, "a scratch caseload starts with rows")
                try scratch.setPosition(7, of: Set(ProjectionName.allCases))
                try check(try scratch.positions()[.journey] == 7, "a scratch position was not kept")
            }
            try check(try source.positions() == stored.0 && (try digests(source)) == stored.1, "writing scratch tables changed the store's")
            try source.withScratchTables { scratch in
                try check(try scratch.positions().values.allSatisfy { $0 == 0 }, "scratch tables were kept from one use to the next")
            }
        }
        try await Projector(store: store.store).verify()
    }
}
