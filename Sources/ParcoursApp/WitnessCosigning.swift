import Foundation
import ParcoursLog

/// Asks a policy's witnesses to cosign a log's checkpoint (the client side of C2SP
/// `tlog-witness`), keeps the cosignatures that verify with the checkpoint, and records as
/// alarms the refusals that may mean a fork or a tampered witness.
///
/// Each witness is sent the size it last cosigned (from the store) and the consistency proof
/// from there; on 409 the proof is made again from the size the witness states. A witness
/// that cannot be reached is reported, not alarmed: it is asked again at the next checkpoint,
/// and no clinical write ever waits for it.
public struct WitnessCosigning: Sendable {
    let store: any CaseStore
    let policy: WitnessPolicy
    let transport: any WitnessTransport

    public init(store: any CaseStore, policy: WitnessPolicy, transport: any WitnessTransport = HTTPWitnessTransport()) {
        (self.store, self.policy, self.transport) = (store, policy, transport)
    }

    /// What one round of asking gave.
    public struct Outcome: Sendable {
        /// The checkpoint with every cosignature kept for its size.
        public var note: String
        public var size: UInt64
        /// Who vouched for it (verified against the policy).
        public var vouching: WitnessPolicy.Vouching
        /// Refusals recorded as alarms in this round.
        public var alarms: [WitnessAlarm]
        /// Witnesses not reached in this round, with why.
        public var unreachable: [String: String]
    }

    /// What one witness answered.
    enum Reply: Sendable {
        case cosigned(String)
        case alarm(status: Int, reason: String)
        case unreachable(String)
    }

    /// Asks every witness with a URL that has not cosigned `note` (a checkpoint the store keeps)
    /// yet, but those `skipping` names (already alarmed about this checkpoint, say).
    public func cosign(note: String, log: LogKind, skipping: Set<String> = []) async throws -> Outcome {
        let verifier = store.noteVerifier(log)
        let body = try verifier.open(note: note)
        let checkpoint = try Checkpoint(body: body)
        let kept = try await store.cosignedCheckpoint(log, size: checkpoint.size)
        let already = try policy.vouching(note: kept ?? note, log: verifier)
        let known = try await store.witnessedSizes(log)
        let asked = policy.witnesses.filter { witness in
            witness.url != nil && !skipping.contains(witness.name) && !already.cosignatures.contains { $0.name == witness.name }
        }
        let replies = await withTaskGroup(of: (String, Reply).self) { group in
            for witness in asked {
                group.addTask { (witness.name, await ask(witness, note: note, body: body, checkpoint: checkpoint, known: known[witness.name], log: log)) }
            }
            return await group.reduce(into: [(String, Reply)]()) { $0.append($1) }
        }
        var alarms: [WitnessAlarm] = []
        var unreachable: [String: String] = [:]
        var lines: [String] = []
        for (name, reply) in replies {
            switch reply {
            case .cosigned(let line): lines.append(line)
            case .unreachable(let reason): unreachable[name] = reason
            case .alarm(let status, let reason):
                let alarm = WitnessAlarm(at: .now(), witness: name, log: log, size: checkpoint.size, status: status, reason: reason)
                try await store.recordWitnessAlarm(alarm)
                alarms.append(alarm)
            }
        }
        if !lines.isEmpty { try await store.saveCosignatures(lines, log: log, size: checkpoint.size) }
        let cosigned = try await store.cosignedCheckpoint(log, size: checkpoint.size) ?? note
        return Outcome(note: cosigned, size: checkpoint.size, vouching: try policy.vouching(note: cosigned, log: verifier),
                       alarms: alarms, unreachable: unreachable)
    }

    /// One witness, up to three requests (a 409 tells the size to prove from).
    func ask(_ witness: WitnessPolicy.Witness, note: String, body: String, checkpoint: Checkpoint, known: UInt64?, log: LogKind) async -> Reply {
        guard let base = witness.url, let url = URL(string: base + "/add-checkpoint") else { return .unreachable("no URL in the policy") }
        var old = known ?? 0
        for _ in 0..<3 {
            guard old <= checkpoint.size else {
                return .alarm(status: 409, reason: "the witness has cosigned size \(old) of this log, beyond its size \(checkpoint.size): "
                                  + "it was shown another tree of this log")
            }
            var proof: [Hash] = []
            if old != 0 && old != checkpoint.size {
                do { proof = try await store.consistencyProof(from: old, to: checkpoint.size, table: log).proof } catch {
                    return .unreachable("no consistency proof from size \(old): \(error)")
                }
            }
            let request = AddCheckpointRequest(oldSize: old, proof: proof, note: note)
            let answer: WitnessAnswer
            do { answer = try await transport.post(request.body, to: url) } catch { return .unreachable("\(error)") }
            switch answer.status {
            case 200:
                for line in answer.body.split(separator: "\n") {
                    guard let signature = try? NoteSignature(line: String(line)), witness.verifier.claims(signature) else { continue }
                    guard (try? witness.verifier.verify(signature, body: body)) != nil else { break }
                    return .cosigned(signature.line)
                }
                return .alarm(status: 200, reason: "the witness answered no cosignature that verifies with its key")
            case 409:
                let stated = answer.body.hasSuffix("\n") ? answer.body.dropLast() : Substring(answer.body)
                guard answer.contentType?.hasPrefix("text/x.tlog.size") == true, let size = UInt64(stated), String(size) == stated else {
                    return .unreachable("a 409 without a text/x.tlog.size body")
                }
                if let known, size < known {
                    return .alarm(status: 409, reason: "the witness states size \(size) though it cosigned size \(known) of this log: "
                                      + "its state was rolled back")
                }
                old = size
            case 403, 404, 422:
                return .alarm(status: answer.status, reason: Self.said(answer.body))
            default:
                return .unreachable("HTTP \(answer.status)")
            }
        }
        return .unreachable("the witness kept stating other sizes")
    }

    /// The first line of a witness's answer, printable ASCII only, at most 200 characters.
    static func said(_ body: String) -> String {
        let line = body.split(separator: "\n").first.map(String.init) ?? ""
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: line.unicodeScalars.lazy.filter { $0.value >= 0x20 && $0.value < 0x7F }.prefix(200))
        let printable = String(scalars)
        return printable.isEmpty ? "(no reason given)" : printable
    }
}
