import Foundation
import HTTPTypes
import Hummingbird
import ParcoursApp

/// The researcher's pages: her workspace (the request form, her exports) and one export's
/// manifest, said in words and numbers.
extension WebPages {
    /// The request form as typed (blank: the command line's defaults), each refusal beside its
    /// field and in a summary at the top; below, her exports, newest first.
    static func research(_ form: ResearchRequestForm, errors: [FieldError] = [], exports: [ShelvedResearchExport],
                         session: WebSession) -> Response {
        let language = session.language, words = Catalogue.research
        func error(_ field: String) -> String? { errors.first { $0.field == field }?.message }
        func field(_ id: String, value: String, inputmode: String? = nil, required: Bool = false) -> [String: Any] {
            var item: [String: Any] = ["id": id, "label": words[id]!(language), "hint": words[id + "Hint"]!(language), "value": value,
                                       "required": required]
            if let inputmode { item["inputmode"] = inputmode }
            if let message = error(id) { item["error"] = message }
            return item
        }
        let labels = ["project": "project", "kind": "kind", "k": "k", "maxSuppressed": "maxSuppressed", "epsilon": "epsilon"]
        var values: [String: Any] = [
            "csrf": session.csrfToken,
            "projectField": field("project", value: form.project, required: true),
            "kField": field("k", value: form.k, inputmode: "numeric"),
            "maxSuppressedField": field("maxSuppressed", value: form.maxSuppressed, inputmode: "decimal"),
            "epsilonField": field("epsilon", value: form.epsilon, inputmode: "decimal"),
            "months": form.months,
            "kinds": ResearchRequestForm.Kind.allCases.map { kind -> [String: Any] in
                ["value": kind.rawValue, "label": words[kind.rawValue]!(language), "hint": words[kind.rawValue + "Hint"]!(language),
                 "checked": form.kind == kind.rawValue]
            },
            "hasErrors": !errors.isEmpty,
            "errors": errors.map { error -> [String: Any] in
                let anchor = error.field == "kind" ? "kind-deidentified" : error.field.isEmpty ? "demande" : error.field
                return ["anchor": anchor, "label": labels[error.field].map { words[$0]!(language) } ?? words["requestHeading"]!(language),
                        "message": error.message]
            },
            "hasExports": !exports.isEmpty,
            "exports": exports.map { export -> [String: Any] in
                ["id": export.id, "project": export.project, "requestedAt": minute(export.requestedAt),
                 "kind": words[export.isAggregate ? "kindAggregate" : "kindDeidentified"]!(language), "measured": measured(export)]
            },
        ]
        if let message = error("kind") { values["kindError"] = message }
        return page("research", title: words["title"]!(language), values, session: session, status: errors.isEmpty ? .ok : .badRequest)
    }

    /// What an export achieved, in a few words: k and l with the people exported, or ε.
    private static func measured(_ export: ShelvedResearchExport) -> String {
        switch export.manifest {
        case .deidentified(let written): "k = \(written.achieved.k), l = \(written.achieved.l), n = \(written.exported)"
        case .aggregate(let written): "ε = \(number(written.epsilon))"
        }
    }

    /// One export's manifest in words and numbers, and a download link per file.
    static func researchExport(_ export: ShelvedResearchExport, made: Bool = false, session: WebSession) -> Response {
        let language = session.language, words = Catalogue.research
        let path = "/recherche/exports/\(export.id)/"
        var values: [String: Any] = [
            "project": export.project, "made": made, "requestedAt": minute(export.requestedAt),
            "kind": words[export.isAggregate ? "kindAggregate" : "kindDeidentified"]!(language),
            "manifestSHA256": export.manifestSHA256,
        ]
        let listed: [String: String]
        switch export.manifest {
        case .deidentified(let written):
            listed = written.files
            values["exportedOn"] = written.parameters.exportedOn
            values["statement"] = words["statement-" + written.statement].map { $0(language) } ?? written.statement
            values["reason"] = written.reason
            values["deidentified"] = [
                "kAsked": written.parameters.k, "kAchieved": written.achieved.k, "lAchieved": written.achieved.l,
                "classes": written.achieved.equivalenceClasses, "eligible": written.eligible, "exported": written.exported,
                "suppressed": written.suppressed, "maxSuppressed": number(written.parameters.maxSuppressedFraction),
                "timeUnit": words[written.parameters.timeUnit.hasPrefix("months") ? "timeMonths" : "timeDays"]!(language),
                "generalization": written.quasiIdentifiers.map { identifier -> [String: Any] in
                    let level = written.generalization[identifier] ?? 0
                    return ["name": words["qi-" + identifier].map { $0(language) } ?? identifier,
                            "precision": words["qi-\(identifier)-\(level)"].map { $0(language) } ?? "\(words["level"]!(language)) \(level)"]
                },
            ] as [String: Any]
        case .aggregate(let written):
            listed = written.files
            values["exportedOn"] = written.exportedOn
            values["statement"] = words["statement-" + written.statement].map { $0(language) } ?? written.statement
            values["reason"] = written.reason
            values["aggregate"] = [
                "epsilon": number(written.epsilon), "mechanism": written.mechanism,
                "tables": written.epsilonPerTable.sorted { $0.key < $1.key }.map { ["file": $0.key, "epsilon": number($0.value)] },
            ] as [String: Any]
        }
        values["files"] = export.files.map { name -> [String: Any] in
            ["name": name, "path": path + name, "sha256": listed[name] ?? export.manifestSHA256]
        }
        return page("researchExport", title: "\(words["manifestOf"]!(language)) \(export.project)", values, session: session)
    }

    /// A number as the manifest holds it, without trailing zeros (0.05, 1, 0.333…).
    private static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}

extension ShelvedResearchExport {
    var isAggregate: Bool { if case .aggregate = manifest { true } else { false } }
}
