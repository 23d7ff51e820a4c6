import Foundation
import HTTPTypes
import Hummingbird
import ParcoursAccess
import ParcoursApp
import ParcoursClinical
import ParcoursLog
import ParcoursProjections

extension WebPages {
    /// The privacy officer's home: both logs' latest signed checkpoints, the verification's
    /// button, an export's upload, the downloads. `refusals`: the upload's or the report's
    /// (status `status`), beside their field; `reportTyped`: the id as typed.
    static func privacyHome(_ overview: CheckpointOverview, refusals: Refusals = [], reportTyped: String = "",
                            exportLimit: Int, status: HTTPResponse.Status = .ok, session: WebSession) -> Response {
        var values = refusalValues(refusals)
        values["checkpoints"] = checkpointRows(overview.checkpoints, in: session.language)
        values["hasAlarms"] = !overview.alarms.isEmpty
        values["alarms"] = overview.alarms.map { alarm -> [String: Any] in
            ["at": alarm.at.description, "witness": alarm.witness, "log": logName(alarm.log.rawValue, in: session.language),
             "size": alarm.size, "status": alarm.status, "reason": alarm.reason]
        }
        values["csrf"] = session.csrfToken
        values["exportLimit"] = max(1, exportLimit / (1024 * 1024))
        values["reportTyped"] = reportTyped
        return page("privacyHome", title: Catalogue.privacy["title"]!(session.language), values, session: session, status: status)
    }

    /// A log's name as the privacy pages say it.
    static func logName(_ log: String, in language: Language) -> String { Catalogue.privacy["log-" + log]?(language) ?? log }

    private static func checkpointRows(_ checkpoints: [LogKind: SignedCheckpoint?], in language: Language) -> [[String: Any]] {
        LogKind.allCases.map { log in
            var row: [String: Any] = ["log": logName(log.rawValue, in: language), "signed": false]
            if let signed = checkpoints[log] ?? nil {
                row["signed"] = ["size": signed.size, "root": signed.root.base64,
                                 "witnesses": signed.cosigners.isEmpty ? Catalogue.privacy["noWitness"]!(language) : signed.cosigners.joined(separator: ", ")]
            }
            return row
        }
    }

    /// A verification's page: its progress while it runs (the browser reloads it every two
    /// seconds, told by the `Refresh` header), then its verdict.
    static func verification(_ job: VerificationJob, session: WebSession) -> Response {
        let language = session.language
        // Read once: a verdict arriving between two reads would show the progress without the reload.
        let (checked, total) = job.progress, verdict = job.verdict
        var values: [String: Any] = ["id": job.id, "started": minute(job.started), "finished": verdict == nil ? false : job.finished.map(minute) ?? false,
                                     "running": false, "intact": false, "damaged": false, "unreadable": false,
                                     "export": job.subject == .export]
        switch verdict {
        case nil:
            values["running"] = ["checked": checked, "total": max(total, 1)]
        case .intact(let verified):
            values["intact"] = ["logs": logRows(verified.events, verified.access, in: language),
                                "checkpointsChecked": verified.checkpointsChecked, "dataKeys": verified.dataKeysChecked]
        case .exportIntact(let events, let access):
            values["intact"] = ["logs": logRows(events, access, in: language)]
        case .damaged(let log, let failure):
            values["damaged"] = ["log": logName(log, in: language), "seq": failure.seq, "reason": failure.reason] as [String: Any]
        case .unreadable:
            values["unreadable"] = true
        }
        let title = job.subject == .export ? Catalogue.privacyForms["exportVerificationTitle"]!(language) : Catalogue.privacy["verificationTitle"]!(language)
        var response = page("privacyVerification", title: title, values, session: session)
        if verdict == nil { response.headers[HTTPField.Name("Refresh")!] = "2" }
        return response
    }
}

extension WebPages {
    /// Each log's size and root, as a verdict shows them.
    static func logRows(_ events: LogSummary, _ access: LogSummary, in language: Language) -> [[String: Any]] {
        [("events", events), ("access", access)].map { log, summary in
            ["log": logName(log, in: language), "size": summary.size, "root": summary.root.base64]
        }
    }

    /// A moment of the log, to the minute, as every page shows moments.
    static func minute(_ timestamp: Timestamp) -> String {
        minute(Date(timeIntervalSince1970: Double(timestamp.millisecondsSinceEpoch) / 1000))
    }

    /// The access log's search: the form as sent, and the records that match, newest first, at most `AccessSearch.shown`.
    static func accessLog(_ records: [RecordedAccess], search: AccessSearch, session: WebSession) -> Response {
        let language = session.language
        func option(_ value: String, _ label: String, _ chosen: String) -> [String: Any] { ["value": value, "label": label, "selected": value == chosen] }
        let shown = records.suffix(AccessSearch.shown).reversed().map { access -> [String: Any] in
            let record = access.record
            return ["seq": access.seq, "when": minute(access.recordedAt), "actor": record.actor.rawValue,
                    "role": record.role.map { VocabularyLabel.label($0, in: language) } ?? false,
                    "participant": record.participant?.rawValue ?? "—", "view": record.view.map { VocabularyLabel.label($0, in: language) } ?? "—",
                    "purpose": record.purpose.map { VocabularyLabel.label($0, in: language) } ?? "—",
                    "outcome": Catalogue.privacy["outcome-" + record.outcome.rawValue]!(language), "review": record.review]
        }
        let values: [String: Any] = [
            "search": ["participant": search.participant, "actor": search.actor, "from": search.from, "to": search.to],
            "views": AccessView.allCases.map { option($0.rawValue, VocabularyLabel.label($0, in: language), search.view) },
            "purposes": AccessPurpose.allCases.map { option($0.rawValue, VocabularyLabel.label($0, in: language), search.purpose) },
            "outcomes": ["permitted", "denied"].map { option($0, Catalogue.privacy["outcome-" + $0]!(language), search.outcome) },
            "matched": records.count, "matchedWord": Catalogue.privacy[records.count == 1 ? "matchedOne" : "matched"]!(language),
            "capped": records.count > AccessSearch.shown, "shown": shown.count,
            "records": Array(shown), "hasRecords": !shown.isEmpty,
        ]
        return page("privacyAccess", title: Catalogue.privacy["accessTitle"]!(language), values, session: session)
    }

    /// An access record's proof of inclusion in the access log's tree, and whether it verifies
    /// against the signed checkpoint (the current tree when none covers the record yet).
    static func inclusionProof(_ proof: InclusionProof, checkpoint: SignedCheckpoint?, session: WebSession) -> Response {
        let language = session.language
        let verifies = proof.verifies && (checkpoint.map { $0.root == proof.root && $0.size == proof.size } ?? true)
        let values: [String: Any] = [
            "seq": proof.seq, "size": proof.size, "leafHash": proof.leafHash.hex, "root": proof.root.base64,
            "path": proof.proof.map(\.hex), "hasPath": !proof.proof.isEmpty, "verifies": verifies,
            "checkpoint": checkpoint.map { signed -> [String: Any] in
                ["note": signed.note, "witnesses": signed.cosigners.isEmpty ? Catalogue.privacy["noWitness"]!(language) : signed.cosigners.joined(separator: ", ")]
            } ?? false,
        ]
        return page("privacyProof", title: Catalogue.privacy["proofTitle"]!(language), values, session: session)
    }

    /// The review queue: what the audit raised and no one reviewed yet, each with its form, and
    /// what was reviewed, with the comment, the reviewer and when; a break-glass read with its
    /// written justification. `refused`: the access whose
    /// comment was refused (400), and what was typed.
    static func reviewQueue(_ anomalies: [AccessAudit.Anomaly], justifications: [UInt64: String], reviews: [AccessReview], recorded: Bool = false,
                            refused: (seq: UInt64, typed: String)? = nil, session: WebSession) -> Response {
        let language = session.language
        func kind(_ anomaly: AccessAudit.Anomaly?) -> String {
            anomaly.map { Catalogue.privacy["kind-" + $0.kind.rawValue]?(language) ?? $0.kind.rawValue } ?? "—"
        }
        let reviewed = Dictionary(reviews.map { ($0.access, $0) }, uniquingKeysWith: { first, _ in first })
        var bySeq: [UInt64: AccessAudit.Anomaly] = [:]
        for anomaly in anomalies where bySeq[anomaly.seq] == nil { bySeq[anomaly.seq] = anomaly }
        let queue = bySeq.values.filter { reviewed[$0.seq] == nil }.sorted { $0.seq > $1.seq }.map { anomaly -> [String: Any] in
            let error = refused?.seq == anomaly.seq
            return ["seq": anomaly.seq, "kind": kind(anomaly), "when": Timestamp(anomaly.at).map(minute) ?? anomaly.at, "actor": anomaly.actor,
                    "participant": anomaly.participant ?? false, "justification": justifications[anomaly.seq] ?? false, "csrf": session.csrfToken, "error": error, "typed": error ? refused!.typed : ""]
        }
        let done = reviews.sorted { $0.at > $1.at }.map { review -> [String: Any] in
            ["seq": review.access, "kind": kind(bySeq[review.access]), "comment": review.comment, "reviewer": review.reviewer, "at": minute(review.at)]
        }
        let values: [String: Any] = ["queue": queue, "queueCount": queue.count, "reviewed": done, "hasReviewed": !done.isEmpty,
                                     "reviewedCount": done.count, "recorded": recorded]
        return page("privacyReview", title: Catalogue.privacy["reviewTitle"]!(language), values, session: session,
                    status: refused == nil ? .ok : .badRequest)
    }

    /// The registers the law requires: communications (what left the program) and
    /// confidentiality incidents, each with the regulation's eight elements.
    static func registers(communications: [Communication], incidents: [IncidentRegister.Entry], problems: [IncidentRegister.Problem],
                          form: WebForm? = nil, refused: ClinicalError? = nil, recorded: Bool = false,
                          update: IncidentUpdateForm.Refused? = nil, updated: Bool = false, session: WebSession) -> Response {
        let language = session.language
        func word(_ key: String) -> String { Catalogue.privacy[key]!(language) }
        func categories(_ codes: [String]) -> String {
            codes.map { code in InformationCategory(rawValue: code).map { VocabularyLabel.label($0, in: language) } ?? code }.joined(separator: ", ")
        }
        func period(_ from: String, _ to: String?, approximate: Bool) -> String {
            (to.map { "\(from) – \($0)" } ?? from) + (approximate ? " (\(word("approximate")))" : "")
        }
        let rows = communications.map { item -> [String: Any] in
            let said = CommunicationWording(item, language: language)
            return ["on": item.on, "kind": Catalogue.privacy["communication-" + item.kind.rawValue]?(language) ?? item.kind.rawValue,
                    "participant": item.participant ?? "—", "recipient": said.recipient, "categories": item.categories.isEmpty ? "—" : categories(item.categories),
                    "purpose": said.purpose, "justification": said.justification,
                    "told": item.participantTold.map { word($0 ? "yes" : "no") } ?? "—", "by": item.by ?? "—"]
        }
        let entries = incidents.map { entry -> [String: Any] in
            let incident = entry.incident
            let information = [categories(incident.categories.map(\.rawValue)), incident.informationDetail, incident.informationUnknownReason]
                .compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " — ")
            var notices: [String] = []
            if let sent = incident.notices {
                notices += [("commission", sent.commissionNotifiedOn), ("minister", sent.ministerNotifiedOn), ("persons", sent.personsNotifiedOn)]
                    .compactMap { key, day in day.map { word(key) + Catalogue.colon(language) + $0 } }
                if sent.publicNotice { notices.append(word("publicNotice")) }
            }
            return ["seq": entry.seq, "shortID": String(entry.id.prefix(8)), "recordedAt": Timestamp(entry.recordedAt).map(minute) ?? entry.recordedAt,
                    "author": entry.author, "updateCount": entry.updates.count, "updateWord": word(entry.updates.count == 1 ? "update" : "updates"), "hasUpdates": !entry.updates.isEmpty, "information": information, "circumstances": incident.circumstances,
                    "occurred": period(incident.occurredFrom, incident.occurredTo, approximate: incident.occurredApproximate),
                    "learned": period(incident.learnedOn, incident.learnedTo, approximate: false),
                    "persons": "\(incident.personsConcerned)" + (incident.personsApproximate ? " (\(word("approximate")))" : ""),
                    "risk": incident.riskAssessment + " — " + word(incident.seriousInjuryRisk ? "seriousRisk" : "noSeriousRisk"),
                    "notices": notices.isEmpty ? word("noNotice") : notices.joined(separator: Catalogue.semicolon(language)), "measures": incident.measures,
                    "id": entry.id, "update": IncidentUpdateForm.values(entry, refused: update?.incident == entry.id ? update : nil, in: language)]
        }
        var values: [String: Any] = [
            "communications": rows, "hasCommunications": !rows.isEmpty, "communicationCount": rows.count,
            "incidents": entries, "incidentCount": entries.count,
            "problems": problems.map { ["seq": $0.seq, "reason": $0.reason] as [String: Any] }, "hasProblems": !problems.isEmpty,
            "csrf": session.csrfToken, "recordedIncident": recorded, "updatedIncident": updated,
            "incidentError": refused.map { error -> [String: Any] in
                ["label": error.field, "message": language == .fr ? error.frenchReason : error.reason]
            } ?? false,
        ]
        let typed = { (name: String) in refused == nil ? "" : form?[name] ?? "" }
        let checked = Set(refused == nil ? [] : form?.values("categories") ?? [])
        var incidentForm: [String: Any] = ["id": refused == nil ? Identifiers.newEventID() : form?["id"] ?? Identifiers.newEventID(),
            "categories": InformationCategory.allCases.map { ["value": $0.rawValue, "label": VocabularyLabel.label($0, in: language), "checked": checked.contains($0.rawValue)] }]
        for name in ["informationDetail", "circumstances", "occurredFrom", "learnedOn", "personsConcerned", "riskAssessment", "commissionNotifiedOn",
                     "personsNotifiedOn", "measures"] { incidentForm[name] = typed(name) }
        for name in ["occurredApproximate", "personsApproximate", "seriousInjuryRisk"] { incidentForm[name] = !typed(name).isEmpty }
        values["form"] = incidentForm
        return page("privacyRegisters", title: word("registersTitle"), values, session: session,
                    status: refused == nil && update == nil ? .ok : .badRequest)
    }
}
