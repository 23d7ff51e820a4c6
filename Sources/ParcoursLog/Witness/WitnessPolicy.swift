/// Which witnesses a log asks for cosignatures, and how many must vouch for a checkpoint
/// before a verifier trusts it (C2SP `tlog-witness`, `tlog-cosignature`).
///
/// The text format, one directive a line, `#` starting a comment line, blank lines ignored:
///
///     witness <name> <witness vkey> [<submission URL prefix>]
///     quorum <N>
///
/// `name` repeats the vkey's key name (a typo in a copied key is caught); the URL is what a log
/// POSTs `<URL>/add-checkpoint` to, and a verifier needs none. At most 32 witnesses, names and
/// keys unique, `1 <= N <=` the number of witnesses; the quorum line is required.
public struct WitnessPolicy: Sendable, Equatable {
    /// The most witnesses a policy may name.
    public static let maxWitnesses = 32

    /// One witness of the policy.
    public struct Witness: Sendable, Equatable {
        public var verifier: WitnessVerifier
        /// The submission prefix (`<prefix>/add-checkpoint`), when the log is to ask this witness.
        public var url: String?

        public init(verifier: WitnessVerifier, url: String?) {
            self.verifier = verifier
            self.url = url
        }

        /// The witness's key name.
        public var name: String { verifier.name }
    }

    public var witnesses: [Witness]
    /// How many witnesses must cosign a checkpoint for it to be trusted.
    public var quorum: Int

    public init(witnesses: [Witness], quorum: Int) throws(LogFormatError) {
        guard !witnesses.isEmpty, witnesses.count <= Self.maxWitnesses else {
            throw LogFormatError("witness policy: between 1 and \(Self.maxWitnesses) witnesses")
        }
        guard Set(witnesses.map(\.name)).count == witnesses.count, Set(witnesses.map(\.verifier.key)).count == witnesses.count else {
            throw LogFormatError("witness policy: each witness once, with its own key")
        }
        guard quorum >= 1, quorum <= witnesses.count else {
            throw LogFormatError("witness policy: quorum must be between 1 and \(witnesses.count), the number of witnesses")
        }
        self.witnesses = witnesses
        self.quorum = quorum
    }

    /// Parses a policy file's text; errors name the line and what it accepts.
    public init(text: String) throws(LogFormatError) {
        guard text.utf8.count <= 65536 else { throw LogFormatError("witness policy longer than 64 KiB") }
        var witnesses: [Witness] = []
        var quorum: Int?
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard let directive = fields.first, !directive.hasPrefix("#") else { continue }
            let at = "witness policy line \(index + 1)"
            switch directive {
            case "witness":
                guard fields.count == 3 || fields.count == 4 else { throw LogFormatError("\(at): `witness <name> <vkey> [<url>]`") }
                let verifier: WitnessVerifier
                do throws(LogFormatError) { verifier = try WitnessVerifier(text: String(fields[2])) } catch { throw LogFormatError("\(at): \(error.reason)") }
                guard verifier.name == fields[1] else { throw LogFormatError("\(at): the name must be the witness key's name, \(verifier.name)") }
                let url = fields.count == 4 ? String(fields[3]) : nil
                if let url, !(url.hasPrefix("http://") || url.hasPrefix("https://")) {
                    throw LogFormatError("\(at): the witness URL must be an http:// or https:// prefix")
                }
                witnesses.append(Witness(verifier: verifier, url: url.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }))
            case "quorum":
                guard quorum == nil, fields.count == 2, let number = Int(fields[1]), String(number) == fields[1] else {
                    throw LogFormatError("\(at): one `quorum <N>` line, N a number")
                }
                quorum = number
            default:
                throw LogFormatError("\(at): `witness` or `quorum` expected")
            }
        }
        guard let quorum else { throw LogFormatError("witness policy: a `quorum <N>` line is required") }
        try self.init(witnesses: witnesses, quorum: quorum)
    }

    /// The policy as text, in the format `init(text:)` reads.
    public var text: String {
        witnesses.map { "witness \($0.name) \($0.verifier.text)" + ($0.url.map { " " + $0 } ?? "") + "\n" }.joined()
            + "quorum \(quorum)\n"
    }

    /// Who vouched for a checkpoint: the checkpoint, and each policy witness whose cosignature verifies.
    public struct Vouching: Sendable, Equatable {
        public var checkpoint: Checkpoint
        public var cosignatures: [Cosignature]
        /// Whether at least `quorum` witnesses vouched.
        public var quorumMet: Bool
    }

    /// Opens a cosigned checkpoint: the log key's signature must verify, every line by a policy
    /// witness (same name and key id) must verify, and other lines are ignored. The quorum is
    /// reported, not enforced: `vouching.quorumMet`.
    public func vouching(note: String, log: NoteVerifier) throws(LogFormatError) -> Vouching {
        let checkpoint = try Checkpoint(body: log.open(note: note))
        let parsed = try SignedNote(parsing: note)
        var cosignatures: [Cosignature] = []
        for witness in witnesses {
            for signature in parsed.signatures where witness.verifier.claims(signature) {
                let cosignature = try witness.verifier.verify(signature, body: parsed.text)
                if !cosignatures.contains(where: { $0.name == cosignature.name }) { cosignatures.append(cosignature) }
            }
        }
        return Vouching(checkpoint: checkpoint, cosignatures: cosignatures, quorumMet: cosignatures.count >= quorum)
    }
}
