import ArgumentParser
import ParcoursApp
import Foundation
import ParcoursAccess
import ParcoursClinical
import ParcoursLog
import ParcoursProjections
import ParcoursFiles

struct ParticipantReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "participant-report",
        abstract: "Write what a participant receives on request: her or his record in plain French, legal disclosures included, and who accessed it, when and why.",
        discussion: """
            For the privacy officer, on the participant's request (purpose participant-request); the request \
            is recorded in the access log before the file is written, and appears in the report. The file is created with \
            mode 0600 and holds personal information: hand it to the person, then delete it.
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var signer: ActorOption
    @Argument(help: "The participant, e.g. P-7Q4K2M.") var participant: String
    @Option(help: "The file to write (must not exist).") var out: String

    func run() async throws {
        let id = try ParticipantID(checking: participant)
        try PrivateFile.requireAbsent(out)
        let (journey, accesses) = try await store.caseRecord().participantReport(of: id, by: signer.identity)
        let text = ParticipantReport(journey: journey, accesses: accesses, today: CaseRecord.today()).render()
        // The file is read in a terminal too: free text is neutralized as on screen.
        try PrivateFile.write(Data(TerminalText.neutralized(text).utf8), to: out)
        Output.json(["participant": .string(participant), "out": .string(out), "accesses": .int(Int64(accesses.count))])
    }
}

/// The report a participant receives: addressed to her or him, in plain French.
struct ParticipantReport {
    let journey: Journey
    let accesses: [RecordedAccess]
    let today: String

    func render() -> String {
        var lines = [
            "Votre dossier au programme SPHÈRES — remis le \(today)",
            "Identifiant de votre dossier : \(journey.participant)",
            "",
            "Ce document contient tout ce que votre dossier dit de vous, les divulgations faites en vertu d'une obligation légale,",
            "et la liste de toutes les personnes qui l'ont consulté, quand et pourquoi. Vous pouvez en parler avec votre intervenant·e",
            "ou avec la personne responsable de la protection des renseignements personnels, et demander qu'une information soit corrigée.",
            "",
        ]
        lines.append("Divulgations en vertu d'une obligation légale")
        if journey.disclosures.isEmpty { lines.append("  Aucune.") }
        for entry in journey.disclosures {
            let disclosure = entry.disclosure
            lines.append("  Le \(entry.on), à \(disclosure.recipient) (\(disclosure.legalBasis.frenchLabel)) : "
                         + disclosure.categories.map(\.frenchLabel).joined(separator: ", ") + ".")
            lines.append("    Pourquoi : \(disclosure.justification)")
            lines.append("    " + (disclosure.participantTold ? "Vous en avez été informé·e\(disclosure.participantToldAt.map { " le \($0.prefix(10))" } ?? "")." : "Vous en êtes informé·e par ce document."))
        }
        lines += ["", "Votre parcours", ""]
        lines.append(JourneyText(journey: journey, today: today).render())
        lines += ["", "Qui a consulté votre dossier (\(accesses.count) consultation\(accesses.count > 1 ? "s" : ""))"]
        for access in accesses {
            let record = access.record
            let who = [record.actor.rawValue, record.role?.frenchLabel, record.organization].compactMap { $0 }.joined(separator: ", ")
            let why = record.purpose?.frenchLabel ?? "—"
            let outcome = record.outcome == .denied ? "refusée" : "permise"
            var line = "  \(access.recordedAt.description.prefix(16).replacingOccurrences(of: "T", with: " ")) · \(who) · "
                + "\(record.view?.rawValue ?? "—") · \(why) · \(outcome)"
            if let justification = record.justification { line += " · justification écrite : « \(justification) »" }
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
