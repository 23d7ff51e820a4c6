import ArgumentParser
import ParcoursApp
import ParcoursAccess
import ParcoursClinical
import ParcoursLog

/// `parcours incident`: the register of confidentiality incidents (Act respecting health
/// and social services information, s. 110; its regulation, s. 15), kept by the privacy
/// officer in the log's clear stream `register/incidents`.
struct IncidentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "incident",
        abstract: "Le registre des incidents de confidentialité — the register of confidentiality incidents (privacy officer only).",
        discussion: """
            Each incident is a signed, clear event of stream \(IncidentRegister.stream): \(IncidentRegister.recordedType), then \
            \(IncidentRegister.updatedType) for what comes later (notices sent, measures taken). \(Self.warning)
            """,
        subcommands: [Record.self, Update.self, List.self])

    static let warning = """
        The register is kept in clear: never put a name or any detail that identifies a person (participant, \
        worker, partner) in its texts — describe categories, circumstances and measures only. \
        Ne jamais y inscrire un nom ni un détail permettant d'identifier une personne.
        """

    struct Record: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a confidentiality incident (JSON) with the eight elements of the register; prints its id and seq.",
            discussion: """
                Input: {"categories": [\(InformationCategory.allCases.map(\.rawValue).joined(separator: "|"))…], \
                "informationDetail"?, "informationUnknownReason"? (only without categories), "circumstances", \
                "occurredFrom": "YYYY-MM-DD", "occurredTo"?, "occurredApproximate": bool, "learnedOn", "learnedTo"?, \
                "personsConcerned": n ≥ 0, "personsApproximate": bool, "riskAssessment", "seriousInjuryRisk": bool, \
                "notices" (iff seriousInjuryRisk): {"ministerNotifiedOn"?, "commissionNotifiedOn"?, "personsNotifiedOn"?, \
                "publicNotice": bool, "publicNoticeReason"?}, "measures", "id"? (a UUID: retrying is idempotent)}. \
                Days are not in the future; learnedOn is not before occurredFrom. Refusals name the field and write nothing. \
                \(IncidentCommand.warning)
                """)

        @OptionGroup var store: StoreOptions
        @OptionGroup var signer: ActorOption
        @Argument(help: "A file holding one incident as JSON, or - for standard input.") var file: String

        func run() async throws {
            var object = try IncidentCommand.readObject(file)
            let id = IncidentCommand.takeID(from: &object)
            let incident: ConfidentialityIncident
            do { incident = try ConfidentialityIncident(json: object) } catch { throw AppError(error) }
            let result = try await store.caseRecord().recordIncident(incident, id: id, by: signer.identity)
            Output.json(["id": .string(result.id), "seq": .int(Int64(result.seq)), "type": .string(IncidentRegister.recordedType),
                         "existing": .bool(result.existing)])
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Update an incident of the register (JSON): notices sent, measures taken, a reassessment; prints its id and seq.",
            discussion: """
                Input: {"incident": "<id printed by incident record>", <the changed members>…, "id"?}. The changes merge \
                into the incident (RFC 7396: "notices" member by member, null removes an optional member); the incident \
                with the update applied must pass every rule of `incident record`. \(IncidentCommand.warning)
                """)

        @OptionGroup var store: StoreOptions
        @OptionGroup var signer: ActorOption
        @Argument(help: "A file holding one update as JSON, or - for standard input.") var file: String

        func run() async throws {
            var object = try IncidentCommand.readObject(file)
            let id = IncidentCommand.takeID(from: &object)
            let update: IncidentUpdate
            do { update = try IncidentUpdate(json: object) } catch { throw AppError(error) }
            let result = try await store.caseRecord().updateIncident(update, id: id, by: signer.identity)
            Output.json(["id": .string(result.id), "seq": .int(Int64(result.seq)), "type": .string(IncidentRegister.updatedType),
                         "incident": .string(update.incident), "existing": .bool(result.existing)])
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the register: each incident with its eight elements, updates applied (French); --json for programs.",
            discussion: """
                The read is recorded in the access log (view registers, purpose audit) before the answer; a refusal is \
                recorded too. Needs PARCOURS_MASTER_PASSPHRASE for the access log.
                """)

        @OptionGroup var store: StoreOptions
        @OptionGroup var signer: ActorOption
        @Flag(help: "Print the incidents, updates applied, as one JSON object.") var json = false

        func run() async throws {
            let (entries, problems) = try await store.caseRecord().incidentRegister(by: signer.identity)
            if json {
                Output.json(IncidentRegister.json(entries, problems: problems))
            } else {
                Output.line(IncidentText.render(entries, problems: problems))
            }
        }
    }

    // MARK: Shared

    /// One JSON object from a file or standard input.
    static func readObject(_ file: String) throws -> [String: JSONValue] {
        let value: JSONValue
        do { value = try JSONParser.parse(try AppendCommand.readInput(file)) } catch let error as JSONError {
            throw CommandError("input: one JSON object (\(error.description))")
        }
        guard let object = value.objectValue else { throw CommandError("input: one JSON object") }
        return object
    }

    /// Removes the optional event `id`; one that is not a string is passed as its JSON text,
    /// which the register refuses as not an id.
    static func takeID(from object: inout [String: JSONValue]) -> String? {
        object.removeValue(forKey: "id").map { $0.stringValue ?? CanonicalJSON.string($0) }
    }
}

/// The register as people read it (French first) and as programs read it.
enum IncidentText {
    static func render(_ entries: [IncidentRegister.Entry], problems: [IncidentRegister.Problem]) -> String {
        var lines = ["Registre des incidents de confidentialité — \(entries.count) incident(s)"]
        if entries.isEmpty { lines.append("Aucun incident inscrit.") }
        for entry in entries {
            let incident = entry.incident
            lines.append("")
            lines.append("Incident \(entry.id) — inscrit le \(entry.recordedAt) par \(entry.author) (seq \(entry.seq))")
            if incident.categories.isEmpty {
                lines.append("  1° Renseignements visés : description impossible — \(incident.informationUnknownReason ?? "")")
            } else {
                lines.append("  1° Renseignements visés : " + incident.categories.map(\.frenchLabel).joined(separator: ", ")
                             + (incident.informationDetail.map { " — \($0)" } ?? ""))
            }
            lines.append("  2° Circonstances : \(incident.circumstances)")
            lines.append("  3° Date ou période de l'incident : " + period(incident.occurredFrom, incident.occurredTo)
                         + (incident.occurredApproximate ? " (approximation)" : ""))
            lines.append("  4° Prise de connaissance : " + period(incident.learnedOn, incident.learnedTo))
            lines.append("  5° Personnes concernées : \(incident.personsConcerned)" + (incident.personsApproximate ? " (approximation)" : ""))
            lines.append("  6° Risque de préjudice sérieux : \(incident.seriousInjuryRisk ? "oui" : "non") — \(incident.riskAssessment)")
            if let notices = incident.notices {
                func sent(_ day: String?) -> String { day.map { "transmis le \($0)" } ?? "pas encore transmis" }
                lines.append("  7° Avis : au ministre \(sent(notices.ministerNotifiedOn)) ; à la Commission d'accès à l'information "
                             + "\(sent(notices.commissionNotifiedOn)) ; aux personnes concernées \(sent(notices.personsNotifiedOn)) ; "
                             + "avis public : " + (notices.publicNotice ? "oui — \(notices.publicNoticeReason ?? "")" : "non"))
            } else {
                lines.append("  7° Avis : sans objet (aucun risque de préjudice sérieux)")
            }
            lines.append("  8° Mesures prises : \(incident.measures)")
            for update in entry.updates {
                lines.append("  Mise à jour le \(update.recordedAt) par \(update.author) (seq \(update.seq)) : "
                             + update.members.joined(separator: ", "))
            }
        }
        if !problems.isEmpty {
            lines.append("")
            lines.append("Entrées non appliquées (écrites hors des règles du registre) :")
            for problem in problems { lines.append("  seq \(problem.seq) : \(problem.reason)") }
        }
        return lines.joined(separator: "\n")
    }

    static func period(_ from: String, _ to: String?) -> String {
        guard let to, to != from else { return "le \(from)" }
        return "du \(from) au \(to)"
    }
}
