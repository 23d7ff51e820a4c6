import Foundation
import ParcoursAccess
import ParcoursClinical
import ParcoursLog

/// Journeys as the access policy lets each reader see them: the request decided, the
/// decision recorded in the access log by `record` (durably, before the answer: if it
/// throws, nothing is returned), then the journey redacted to the permitted categories.
public struct ConsentAwareReader: Sendable {
    public let projections: ProjectionReader
    /// Writes access records durably, in order, with one sync (all or none); a failure refuses
    /// the reads they record.
    let record: @Sendable ([AccessRecord]) async throws -> Void

    public init(projections: ProjectionReader, record: @escaping @Sendable ([AccessRecord]) async throws -> Void) {
        self.projections = projections
        self.record = record
    }

    /// A read the policy refused, after its record was written.
    public struct Denied: Error, CustomStringConvertible {
        public var decision: AccessDecision
        public var view: AccessView

        public init(decision: AccessDecision, view: AccessView) {
            self.decision = decision
            self.view = view
        }

        public var description: String {
            let french = decision.denial?.frenchLabel ?? "accès non permis"
            let roles = decision.denial == .roleNotPermitted ? AccessPolicy.roles(for: view, purpose: decision.purpose).map(\.rawValue) : []
            // Each front adds how to break the glass in its own words (a flag, a form).
            return "\(view.rawValue) : accès refusé — \(french)"
                + (decision.denial == .notInCareTeam ? " (en cas de besoin, briser la vitre avec une justification écrite)" : "")
                + ". — \(view.rawValue): refused — \(decision.denial?.rawValue ?? "not permitted")"
                + (roles.isEmpty ? "" : "; the \(roles.joined(separator: " or ")) role is needed")
                + (decision.denial == .notInCareTeam ? "; if needed, break the glass with a written justification" : "")
        }
    }

    /// The journey of `participant` as `reader` may see it on `today` (`YYYY-MM-DD`);
    /// `organizations` gives each actor's organization (the directory).
    public func journey(of participant: String, for reader: Reader, view: AccessView = .journey, breakGlass: String? = nil,
                        organizations: [String: String], today: String) async throws -> (Journey, AccessDecision) {
        let (journey, decision, _, _) = try await journey(of: participant, for: reader, view: view, breakGlass: breakGlass,
                                                          organizations: organizations, today: today) { _, _ in nil }
        return (journey, decision)
    }

    /// The journey as `journey(of:for:view:breakGlass:organizations:today:)` gives it, and a
    /// second read that comes with it in the same request: once the journey's read is decided
    /// and permitted, `alongside` is given that decision and the participant's context, and
    /// answers the second request (nil for none). Both are decided on that one context and
    /// recorded in one durable write, the journey's read first; the second's decision is
    /// returned, a refusal included (recorded, not thrown). With `latestActs`, the journey's
    /// timeline keeps only that many of the latest acts the reader may see, the others never
    /// read out (a page's worth); `acts` counts them all.
    public func journey(of participant: String, for reader: Reader, view: AccessView = .journey, breakGlass: String? = nil,
                        organizations: [String: String], today: String, latestActs: Int? = nil,
                        alongside: (AccessDecision, ParticipantContext) -> AccessRequest?) async throws
        -> (journey: Journey, decision: AccessDecision, alongside: AccessDecision?, acts: Int) {
        // The journey as the decision lets the reader see it (redacted once permitted), and its count of acts.
        let journey: Journey, acts: Int, request: AccessRequest, decision: AccessDecision
        @Sendable func decide(_ journey: Journey) -> (AccessRequest, AccessDecision) {
            let request = AccessRequest(reader: reader, view: view, participant: journey.accessContext(organizations: organizations, today: today),
                                        breakGlass: breakGlass)
            return (request, AccessPolicy.decide(request))
        }
        do {
            if let latestActs {
                let read = try await projections.journey(of: participant) { journey in
                    let decided = decide(journey)
                    return (decided, TimelineWindow(latest: latestActs, categories: decided.1.categories))
                }
                (request, decision) = read.decision
                journey = decision.permitted ? read.journey.redacted(to: decision.categories) : read.journey
                acts = read.acts
            } else {
                let whole = try await projections.journey(of: participant)
                (request, decision) = decide(whole)
                journey = decision.permitted ? whole.redacted(to: decision.categories) : whole
                acts = journey.timeline.count
            }
        } catch let error as ProjectionError {
            let denial: AccessDecision.Denial = if case .erased = error { .erasedParticipant } else { .unknownParticipant }
            let unknown = AccessDecision(outcome: .denied, categories: [], purpose: .care, denial: denial, brokeGlass: false)
            try await record([.decided(unknown, reader: reader, view: view, participant: ParticipantID(participant), justification: nil)])
            throw error
        }
        var decided = [(request, decision)]
        if decision.permitted, let context = request.participant, let second = alongside(decision, context) {
            decided.append((second, AccessPolicy.decide(second)))
        }
        try await record(decided.map { Self.record(of: $1, on: $0) })
        guard decision.permitted else { throw Denied(decision: decision, view: view) }
        return (journey, decision, decided.count > 1 ? decided[1].1 : nil, acts)
    }

    /// Decides a request and records the decision; throws `Denied` once the refusal is recorded.
    /// `noting` adds to the record what the request is about (a stream, a command, a report).
    @discardableResult
    public func decide(_ request: AccessRequest, kind: AccessRecord.Kind? = nil,
                       noting details: (inout AccessRecord) -> Void = { _ in }) async throws -> AccessDecision {
        let decision = AccessPolicy.decide(request)
        try await record([Self.record(of: decision, on: request, kind: kind, noting: details)])
        guard decision.permitted else { throw Denied(decision: decision, view: request.view) }
        return decision
    }

    /// The access record of `decision` on `request`.
    private static func record(of decision: AccessDecision, on request: AccessRequest, kind: AccessRecord.Kind? = nil,
                               noting details: (inout AccessRecord) -> Void = { _ in }) -> AccessRecord {
        .decided(decision, reader: request.reader, view: request.view, participant: request.participant.flatMap { ParticipantID($0.participant) },
                 justification: request.breakGlass, kind: kind, noting: details)
    }
}
