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
        let text = ParticipantReport(journey: journey, accesses: accesses, today: CaseRecord.today()).text
        try PrivateFile.write(Data(text.utf8), to: out)
        Output.json(["participant": .string(participant), "out": .string(out), "accesses": .int(Int64(accesses.count))])
    }
}
