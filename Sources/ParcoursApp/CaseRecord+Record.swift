import ParcoursAccess
import ParcoursClinical
import ParcoursLog
import ParcoursProjections

extension CaseRecord {
    /// Records a batch of clinical acts, atomically (every act or none) and durably on return,
    /// each decided by the access policy before any rule is checked, then by the framework's rules.
    ///
    /// - Parameters:
    ///   - breakGlass: the written justification of a writer outside the participant's care team.
    ///   - participantIDs: draws the id an admission creates; given only by imports and the
    ///     benchmark, whose later acts already name the participant.
    /// - Returns: each act as written, with its warnings; the care team an admission creates is marked `implied`.
    /// - Throws: `ConsentAwareReader.Denied` (recorded first), `ActRefused` naming the field,
    ///   and the identity's refusal.
    public func record(_ acts: [ActRequest], by identity: Identity, breakGlass: String? = nil,
                       participantIDs: @escaping @Sendable () -> String = ClinicalRecorder.newParticipantID) async throws -> [ConsentAwareWriter.Written] {
        guard !acts.isEmpty else { throw AppError.invalidInput(field: "acts", reason: "at least one act") }
        let session = try await session(identity, view: .record, participant: acts.count == 1 ? acts[0].participant : nil)
        return try await session.record(acts, breakGlass: breakGlass, participantIDs: participantIDs)
    }
}

extension Session {
    /// Records acts as this session's reader; see `CaseRecord.record(_:by:breakGlass:participantIDs:)`.
    public func record(_ acts: [ActRequest], breakGlass: String? = nil,
                       participantIDs: @escaping @Sendable () -> String = ClinicalRecorder.newParticipantID) async throws -> [ConsentAwareWriter.Written] {
        let writer = ConsentAwareWriter.Writer(reader: reader, author: try await signingKey(), breakGlass: breakGlass, directory: directory)
        return try await self.writer.record(acts, by: writer, today: CaseRecord.today(), newParticipantID: participantIDs)
    }
}
