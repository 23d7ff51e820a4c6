import ParcoursAccess
import ParcoursProjections

/// The report a participant receives on request: addressed to her or him, in plain French —
/// the whole record (`JourneyText`), the legal disclosures, and every access to it. The
/// command line writes it to a file, the privacy officer's page serves it as a download.
public struct ParticipantReport: Sendable {
    public let journey: Journey
    public let accesses: [RecordedAccess]
    /// The day it is handed over (`YYYY-MM-DD`).
    public let today: String

    public init(journey: Journey, accesses: [RecordedAccess], today: String) {
        (self.journey, self.accesses, self.today) = (journey, accesses, today)
    }

    /// The report as plain French text, free text neutralized (`TerminalText`): it is read in a
    /// terminal or a text editor as well as printed.
    public var text: String { TerminalText.neutralized(render()) }

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
            let why = record.purpose?.frenchLabelForTheParticipant ?? "—"
            let outcome = record.outcome == .denied ? "refusée" : "permise"
            var line = "  \(access.recordedAt.description.prefix(16).replacingOccurrences(of: "T", with: " ")) · \(who) · "
                + "\(record.view?.frenchLabel ?? "—") · \(why) · \(outcome)"
            if let justification = record.justification { line += " · justification écrite : « \(justification) »" }
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
