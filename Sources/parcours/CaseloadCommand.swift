import ArgumentParser
import ParcoursApp
import ParcoursClinical
import ParcoursLog
import ParcoursProjections

struct CaseloadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "caseload",
        abstract: "List the participants a clinician follows: stage, last contact, next plan review, open referrals, safety level, open warnings.",
        discussion: "Your own caseload by default; --clinician for another's (recorded as such in the access log). --json for programs.")

    @OptionGroup var workplace: Workplace
    @Option(help: "Whose caseload (default: the reader's own).") var clinician: String?
    @Flag(help: "Print the caseload as JSON.") var json = false

    func run() async throws {
        let asked = try clinician.map { text throws(AppError) in try ActorID(checking: text, field: "clinician") }
        let caseload = try await workplace.caseload(of: asked)
        if json { try Output.encoded(caseload); return }
        let (whose, entries) = (caseload.clinician, caseload.participants)
        let today = CaseRecord.today()
        Output.line("Personnes suivies par \(whose) : \(entries.filter(\.followUpOpen).count) suivi(s) ouvert(s)")
        for entry in entries {
            let stage = entry.wheelStage?.frenchLabel ?? "étape non évaluée"
            let contact = entry.lastContactOn.map { day in "dernier contact le \(day)" + (Journey.days(from: day, to: today).map { " (\($0) j)" } ?? "") } ?? "aucun contact"
            let review = entry.nextReviewOn.map { $0 < today ? "révision du plan dépassée (\($0))" : "révision du plan le \($0)" } ?? "pas de plan"
            let safety = entry.safetyLevel.map { "danger \($0.frenchLabel)" } ?? "sécurité non évaluée"
            Output.line("\(entry.participant) · \(stage) · \(contact) · \(review) · \(entry.openReferrals) orientation(s) ouverte(s) · \(safety) · "
                        + "\(entry.openWarnings) avertissement(s)" + (entry.followUpOpen ? "" : " · suivi fermé"))
        }
    }
}
