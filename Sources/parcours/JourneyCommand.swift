import ArgumentParser
import Foundation
import ParcoursProjections

struct JourneyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "journey",
        abstract: "Show a participant's journey: stages, plans, relapses, referrals, consents, disclosures, safety, care team, timeline.",
        discussion: "French text for people; --json for programs (Schemas/projections/journey.schema.json). The read is recorded in the access log.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var signer: ActorOption
    @Argument(help: "The participant, e.g. P-7Q4K2M.") var participant: String
    @Flag(help: "Print the journey as JSON.") var json = false

    func run() throws {
        let session = try ReadSession.open(store, as: signer, view: "journey", participant: participant)
        let journey = try session.projections.journey(of: participant)
        if json { try Output.encoded(journey) } else { Output.line(JourneyText(journey: journey, today: JourneyText.today()).render()) }
    }
}

struct TimelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline",
        abstract: "List every act of a participant's journey in date order, one line each (corrected entries marked †).",
        discussion: "--json prints the entries (Schemas/projections/timeline.schema.json). The read is recorded in the access log.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var signer: ActorOption
    @Argument(help: "The participant, e.g. P-7Q4K2M.") var participant: String
    @Flag(help: "Print the timeline as JSON.") var json = false

    func run() throws {
        let session = try ReadSession.open(store, as: signer, view: "timeline", participant: participant)
        let journey = try session.projections.journey(of: participant)
        if json {
            try Output.encoded(TimelineView(participant: journey.participant, voidedCount: journey.voidedCount, entries: journey.timeline))
        } else {
            Output.line(JourneyText(journey: journey, today: JourneyText.today()).timeline().joined(separator: "\n"))
        }
    }

    struct TimelineView: Encodable {
        var participant: String
        var voidedCount: Int
        var entries: [Journey.TimelineEntry]
    }
}
