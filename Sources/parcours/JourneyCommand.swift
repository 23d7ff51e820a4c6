import ArgumentParser
import ParcoursApp
import ParcoursLog
import Foundation
import ParcoursProjections

struct JourneyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "journey",
        abstract: "Show a participant's journey: stages, plans, relapses, referrals, consents, disclosures, safety, care team, timeline.",
        discussion: """
            French text for people; --json for programs (Schemas/projections/journey.schema.json). The access policy decides \
            what the reader sees (the whole journey for the care team; consented categories for a partner; no notes for a \
            coordinator); the read is recorded in the access log before the answer. A clinician outside the care team \
            breaks the glass with a written justification: permitted, marked and raised for review. Give it with \
            --break-glass - on standard input or --break-glass-prompt; --break-glass "TEXT" works too, but the command \
            line is visible to other users of the machine (ps).
            """)

    @OptionGroup var workplace: Workplace
    @OptionGroup var read: ParticipantRead

    func run() async throws {
        let participant = try ParticipantID(checking: read.participant)
        let breakGlass = try read.glass.justification()
        let (journey, categories) = try await workplace.journey(of: participant, breakGlass: breakGlass)
        if read.json { try Output.encoded(journey); return }
        Output.line(JourneyText(journey: journey, today: CaseRecord.today(), categories: categories).render())
    }
}

struct TimelineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline",
        abstract: "List every act of a participant's journey in date order, one line each (corrected entries marked †).",
        discussion: """
            --json prints the entries (Schemas/projections/timeline.schema.json). Decided by the access policy and recorded in \
            the access log, as `journey`.
            """)

    @OptionGroup var workplace: Workplace
    @OptionGroup var read: ParticipantRead

    func run() async throws {
        let participant = try ParticipantID(checking: read.participant)
        let breakGlass = try read.glass.justification()
        let timeline = try await workplace.timeline(of: participant, breakGlass: breakGlass)
        if read.json { try Output.encoded(timeline); return }
        Output.line(JourneyText.lines(of: timeline.entries).joined(separator: "\n"))
    }
}

/// What a read of one participant's record takes: who, the glass, the form.
struct ParticipantRead: ParsableArguments {
    @Argument(help: "The participant, e.g. P-7Q4K2M.") var participant: String
    @OptionGroup var glass: BreakGlassOption
    @Flag(help: "Print JSON.") var json = false
}
