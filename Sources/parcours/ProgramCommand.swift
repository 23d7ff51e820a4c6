import ArgumentParser
import ParcoursApp
import Foundation
import ParcoursClinical
import ParcoursProjections

struct ProgramCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "program",
        abstract: "The program's picture for a period: participants by stage and step, transitions per month, relapses per month, referrals by partner and outcome, time to a first plan, follow-ups without contact.",
        discussion: "Default period: the year up to today. --json for programs (Schemas/projections/program.schema.json).")

    @OptionGroup var store: StoreOptions
    @OptionGroup var signer: ActorOption
    @Option(help: "First day of the period (YYYY-MM-DD); default: a year before --to.") var from: String?
    @Option(help: "Last day of the period (YYYY-MM-DD); default: today.") var to: String?
    @Option(name: .customLong("silent-after"), help: "List open follow-ups without contact for more than this many days (default 30).")
    var silentAfter = 30
    @Flag(help: "Print the picture as JSON.") var json = false

    func run() async throws {
        let (first, last) = (try from.map { text throws(AppError) in try Day(checking: text, field: "from") },
                             try to.map { text throws(AppError) in try Day(checking: text, field: "to") })
        let picture = try await store.caseRecord().program(from: first, to: last, silentAfterDays: silentAfter, by: signer.identity)
        if json { try Output.encoded(picture); return }
        Output.line("Portrait du programme du \(picture.from) au \(picture.to)")
        Output.line("Suivis ouverts : \(picture.openFollowUps) · fermés : \(picture.closedFollowUps)")
        Output.line("\nOù en sont les personnes (suivis ouverts)")
        for count in picture.byStage {
            let wheel = count.wheelStage?.frenchLabel ?? "non évaluée"
            let step = count.engagementStep?.frenchLabel ?? "—"
            Output.line("  \(wheel) · \(step) : \(count.participants)")
        }
        Output.line("\nTransitions d'étape par mois (de → vers : nombre)")
        for month in Dictionary(grouping: picture.transitions, by: \.month).sorted(by: { $0.key < $1.key }) {
            Output.line("  \(month.key) : " + month.value.map { "\($0.from.frenchLabel) → \($0.to.frenchLabel) : \($0.count)" }.joined(separator: " ; "))
        }
        Output.line("\nChutes par mois (momentanées / prolongées)")
        for month in picture.relapses { Output.line("  \(month.month) : \(month.momentary) / \(month.prolonged)") }
        Output.line("\nOrientations par ressource et suite")
        for referral in picture.referrals { Output.line("  \(referral.resource) (\(referral.resourceKind.rawValue)) · \(referral.outcome.rawValue) : \(referral.count)") }
        let delay = picture.admissionToFirstPlan
        Output.line("\nDe l'admission au premier plan d'action : \(delay.withPlan) sur \(delay.admitted) admission(s) de la période"
                    + (delay.medianDays.map { ", médiane \($0) jours" } ?? "") + (delay.meanDays.map { ", moyenne \($0) jours" } ?? ""))
        Output.line("\nSuivis ouverts sans contact depuis plus de \(picture.silentAfterDays) jours : \(picture.withoutContact.count)")
        for silent in picture.withoutContact { Output.line("  \(silent.participant) · dernier contact le \(silent.lastContactOn) (\(silent.days) jours)") }
    }
}
