import Foundation
import ParcoursClinical

/// The one policy that decides every read and every write, for the CLI and the server alike.
///
/// - A clinician of the care team sees the whole journey; another clinician sees nothing
///   unless she or he breaks the glass with a written justification (permitted, marked,
///   raised for review).
/// - A participant's refusal of a named clinician or of an organization wins over
///   care-team membership and over the glass: what remains is the legal-obligation
///   disclosures, recorded as such.
/// - A partner worker sees the categories the participant consented to share with her or
///   his organization, while the consent is in force.
/// - A coordinator sees the program picture, the caseloads of her or his organization's
///   clinicians, and the journeys of her or his organization without notes, unless breaking
///   the glass.
/// - The administrator administers the directory (purpose `administration`) and reads it.
/// - The privacy officer sees the directory, event metadata, the access log and the
///   registers — never clinical content — and, on a participant's request, writes her or
///   his report for her or him. Researchers never read journeys.
/// - The care team's clinicians see who opened the record they follow (the access log about
///   that participant, for care), without the glass.
/// - Writing into a participant's record is decided the same way (`decideWrite`), before
///   any clinical rule is checked, so a refused writer learns nothing of the record.
public enum AccessPolicy {
    /// The shortest break-glass justification accepted: a sentence, not a word.
    public static let minimumJustification = 20
    /// The roles that may break the glass to read a record: a clinician's or a coordinator's.
    /// A partner sees what the participant consented to share with her or his organization,
    /// and no justification widens it.
    public static let glassRoles: [Role] = [.clinician, .coordinator]

    public static func decide(_ request: AccessRequest) -> AccessDecision {
        let reader = request.reader
        let all = Set(InformationCategory.allCases)
        switch request.view {
        case .accessLog where request.purpose == .care:
            // Who opened one participant's record, for the care team that follows her or him.
            guard let participant = request.participant else { return .deny(.roleNotPermitted, .care) }
            return decideOpenings(reader, participant)
        case .directory where request.purpose == .administration:
            // Administering the directory (enrolling, roles, keys, revocation) is the administrator's alone.
            return reader.holds(.admin) ? .permit([], .administration) : .deny(.roleNotPermitted, .administration)
        case .directory, .metadata, .accessLog, .registers:
            return reader.holds(.privacyOfficer) || reader.holds(.admin) && request.view == .directory
                ? .permit([], .audit) : .deny(.roleNotPermitted, .audit)
        case .program:
            return reader.holds(.coordinator) ? .permit([], .supervision) : .deny(.roleNotPermitted, .supervision)
        case .caseload:
            // Her or his own caseload for a clinician; for a coordinator (supervision), those of her or his organization's clinicians.
            if request.purpose == .supervision {
                guard reader.holds(.coordinator) else { return .deny(.roleNotPermitted, .supervision) }
                if let clinician = request.clinician, clinician.organization == nil || clinician.organization != reader.organization {
                    return .deny(.notOwnOrganization, .supervision)
                }
                return .permit([], .supervision)
            }
            return reader.holds(.clinician) || reader.holds(.coordinator) ? .permit([], .care) : .deny(.roleNotPermitted, .care)
        case .events, .export, .backup, .maintenance:
            // Metadata and sealed records only: an administrator never reads a participant's clinical content.
            return reader.holds(.admin) ? .permit([], .administration) : .deny(.roleNotPermitted, .administration)
        case .participantReport:
            // The person in charge of access requests answers them; the report goes to the participant.
            return reader.holds(.privacyOfficer) ? .permit(all, .participantRequest) : .deny(.roleNotPermitted, .participantRequest)
        case .researchExport:
            // Researchers receive exports, de-identified by construction; they never read journeys.
            return reader.holds(.researcher) ? .permit([], .research) : .deny(.roleNotPermitted, .research)
        case .journey, .timeline:
            guard let participant = request.participant else { return .deny(.roleNotPermitted, request.purpose) }
            return decideRecord(reader, participant, breakGlass: request.breakGlass)
        case .record:
            return decideWrite(reader, request.act ?? .clinicalAct, request.participant, breakGlass: request.breakGlass)
        case .signIn:
            // Proven by the keys, never asked of the policy: nothing to read behind it.
            return .deny(.roleNotPermitted, request.purpose)
        }
    }

    /// A write into one participant's record.
    ///
    /// - An admission is a clinician's; it creates the care team with her or him.
    /// - Any other act needs a clinician of the care team. A care-team change may also come
    ///   from a coordinator of an organization following the participant (or of the one
    ///   that admitted her or him, when the team is empty).
    /// - The participant's refusal of the writer, by name or by organization, wins over
    ///   membership and over the glass — but a clinician of the care team still records a
    ///   legal-obligation disclosure, which the law requires whatever the consent.
    /// - Anyone else is refused, or breaks the glass with a written justification: permitted,
    ///   marked and raised for review like a read.
    static func decideWrite(_ writer: Reader, _ act: WriteAct, _ participant: ParticipantContext?, breakGlass: String?) -> AccessDecision {
        let all = Set(InformationCategory.allCases)
        if act == .admission {
            return writer.holds(.clinician) ? .permit(all, .care) : .deny(.roleNotPermitted, .care)
        }
        guard let participant else { return .deny(.unknownParticipant, .care) }
        let changesTeam = if case .careTeamChange = act { true } else { false }
        guard writer.holds(.clinician) || changesTeam && writer.holds(.coordinator) else { return .deny(.roleNotPermitted, .care) }
        if participant.refuses(writer) {
            // A legal-obligation disclosure is made whatever the consent: the care team's clinician records hers.
            if act == .legalDisclosure, writer.holds(.clinician), participant.careTeam.contains(writer.id) {
                return .permit([.disclosures], .legalObligation)
            }
            return .deny(.refusedByParticipant, .care)
        }
        if writer.holds(.clinician), participant.careTeam.contains(writer.id) { return .permit(all, .care) }
        if changesTeam, writer.holds(.coordinator), let organization = writer.organization,
           participant.careTeamOrganizations.contains(organization)
            || participant.careTeam.isEmpty && participant.admittingOrganization == organization {
            return .permit(all, .supervision)
        }
        if let justification = breakGlass {
            guard justification.trimmingCharacters(in: .whitespacesAndNewlines).count >= minimumJustification else {
                return .deny(.justificationTooShort, .breakGlass)
            }
            return .permit(all, .breakGlass, brokeGlass: true)
        }
        return .deny(writer.holds(.clinician) ? .notInCareTeam : .notOwnOrganization, .care)
    }

    /// The roles the policy lets read `view` for `purpose`, whoever the participant: what a
    /// refusal for the role tells the reader to hold instead. Empty for the views of one
    /// participant's record, which depend on her or his care team and consents; for a write,
    /// the roles a member of the care team holds.
    public static func roles(for view: AccessView, purpose: AccessPurpose) -> [Role] {
        // A write is asked of a member of the care team: which roles may be one.
        let member = view == .record ? ParticipantContext(participant: "", careTeam: [""]) : nil
        return Role.allCases.filter { role in
            decide(AccessRequest(reader: Reader(id: "", roles: [role.rawValue], organization: nil), view: view, participant: member,
                                 purpose: purpose)).permitted
        }
    }

    /// Who opened one participant's record (the access log about her or him, metadata only),
    /// for care: a clinician of the care team, as for the whole journey — not a coordinator or
    /// a partner, not someone the participant refused, and never through the glass.
    static func decideOpenings(_ reader: Reader, _ participant: ParticipantContext) -> AccessDecision {
        guard reader.holds(.clinician) else { return .deny(.roleNotPermitted, .care) }
        if participant.refuses(reader) { return .deny(.refusedByParticipant, .care) }
        guard participant.careTeam.contains(reader.id) else { return .deny(.notInCareTeam, .care) }
        return .permit([], .care)
    }

    /// A view of one participant's record.
    static func decideRecord(_ reader: Reader, _ participant: ParticipantContext, breakGlass: String?) -> AccessDecision {
        let all = Set(InformationCategory.allCases)
        let clinical = reader.holds(.clinician) || reader.holds(.coordinator) || reader.holds(.partner)
        guard clinical else { return .deny(.roleNotPermitted, .care) }
        if participant.refuses(reader) {
            // The refusal wins; the legal-obligation disclosures stay readable, and are recorded as such.
            return .permit([.disclosures], .legalObligation)
        }
        if reader.holds(.clinician), participant.careTeam.contains(reader.id) { return .permit(all, .care) }
        if let justification = breakGlass {
            guard glassRoles.contains(where: reader.holds) else { return .deny(.roleNotPermitted, .breakGlass) }
            guard justification.trimmingCharacters(in: .whitespacesAndNewlines).count >= minimumJustification else {
                return .deny(.justificationTooShort, .breakGlass)
            }
            return .permit(all, .breakGlass, brokeGlass: true)
        }
        if reader.holds(.coordinator) {
            guard let organization = reader.organization, participant.careTeamOrganizations.contains(organization) else {
                return .deny(.notOwnOrganization, .supervision)
            }
            return .permit(all.subtracting([.notes]), .supervision)
        }
        if reader.holds(.partner) {
            guard let organization = reader.organization, let shared = participant.sharedWith[organization], !shared.isEmpty else {
                return .deny(.noConsent, .care)
            }
            return .permit(shared, .care)
        }
        return .deny(.notInCareTeam, .care)
    }
}
