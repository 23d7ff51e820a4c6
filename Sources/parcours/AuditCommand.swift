import ArgumentParser

/// `parcours audit`: what a privacy officer takes out of the store to audit it.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Audits of the store, for the privacy officer: the access log, its anomalies, the register of communications, FHIR AuditEvents.",
        discussion: "Every audit is itself a read of the access log, recorded there before its answer.",
        subcommands: [AuditAccessCommand.self, AuditAnomaliesCommand.self, AuditCommunicationsCommand.self, AuditFHIRCommand.self])
}
