/// A request to read or to write: who, what, about whom, why, and — to break the glass —
/// the written justification. A write (`view` `.record`) names the act it records.
public struct AccessRequest: Sendable {
    public var reader: Reader
    public var view: AccessView
    /// The participant concerned, for the views of one participant's record.
    public var participant: ParticipantContext?
    public var purpose: AccessPurpose
    /// A written justification: the reader breaks the glass.
    public var breakGlass: String?
    /// What a write records; nil for a read.
    public var act: WriteAct?
    /// The clinician whose caseload is read for supervision, as the directory gives her or him
    /// (nil: the reader's own, or the caseloads of the reader's organization).
    public var clinician: Reader?

    public init(reader: Reader, view: AccessView, participant: ParticipantContext? = nil, purpose: AccessPurpose = .care,
                breakGlass: String? = nil, act: WriteAct? = nil, clinician: Reader? = nil) {
        self.reader = reader
        self.view = view
        self.participant = participant
        self.purpose = purpose
        self.breakGlass = breakGlass
        self.act = act
        self.clinician = clinician
    }
}
