import ParcoursClinical

/// One participant as a research export sees her or him, before generalization: no
/// name, contact, date of birth, note, clinician or participant id — a pseudonym, an
/// age, a gender identity, a referring organization, and the path, in days since admission.
struct ResearchSubject: Sendable {
    struct Episode: Sendable {
        var stage: WheelStage
        var startDay: Int
        var lengthDays: Int?
    }

    var pseudonym: String
    var age: Int
    var genderIdentity: String
    var referringOrganization: String
    var stageAtAdmission: WheelStage?
    var stageNow: WheelStage?
    var stepNow: EngagementStep?
    var relapsesMomentary: Int
    var relapsesProlonged: Int
    /// Referrals by "kind/outcome".
    var referrals: [String: Int]
    var daysFollowed: Int
    var followUpOpen: Bool
    var episodes: [Episode]
    var transitions: [(from: WheelStage, to: WheelStage)]
    /// The categories the research consent covers: what is not covered leaves empty cells and no rows.
    var consented: Set<InformationCategory>

    /// A journey as research sees it; nil without an admission.
    init?(_ journey: Journey, pseudonym: String, consented: Set<InformationCategory>) {
        guard let admission = journey.admission, let age = admission.ageAtAdmission else { return nil }
        self.consented = consented
        self.pseudonym = pseudonym
        self.age = age
        genderIdentity = admission.genderIdentity
        referringOrganization = admission.referringOrganization
        stageAtAdmission = journey.episodes.first?.wheelStage
        stageNow = journey.stage?.wheelStage
        stepNow = journey.stage?.engagementStep
        relapsesMomentary = journey.relapses.filter { $0.kind == .momentary }.count
        relapsesProlonged = journey.relapses.filter { $0.kind == .prolonged }.count
        referrals = journey.referrals.reduce(into: [:]) { counts, referral in counts["\(referral.to.kind.rawValue)/\(referral.status.rawValue)", default: 0] += 1 }
        let end = journey.followUp.open ? journey.lastContactOn ?? admission.on : journey.followUp.since ?? admission.on
        daysFollowed = max(0, Journey.days(from: admission.on, to: end) ?? 0)
        followUpOpen = journey.followUp.open
        episodes = journey.episodes.map { episode in
            Episode(stage: episode.wheelStage, startDay: Journey.days(from: admission.on, to: episode.from) ?? 0, lengthDays: episode.days)
        }
        transitions = journey.transitions.map { ($0.from, $0.to) }
    }
}
