import ArgumentParser

/// `parcours audit`: what a privacy officer takes out of the store to audit it.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Audits of the store, for the privacy officer: the access log in standard forms.",
        discussion: "For now: `audit fhir`, the access log as FHIR R4 AuditEvents. Other audit subcommands will come.",
        subcommands: [AuditFHIRCommand.self])
}
