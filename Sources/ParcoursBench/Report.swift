import Foundation
import ParcoursLog

/// The issue's reference: a plain C program doing the same hash + sign + insert,
/// and Ed25519 verification per core; and the fractions the store should reach.
enum Reference {
    static let singlePerSecond = 6_000.0
    static let batchPerSecond = 43_000.0
    static let verifyPerCorePerSecond = 22_000.0
    static let singleTarget = 0.70
    static let batchTarget = 0.70
    static let verifyTarget = 0.80  // of two cores' verification
    static let verifyCores = 2.0
}

struct Machine {
    var cores: Int
    var model: String
    var memoryKiB: Int

    static func read() -> Machine {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let model = cpuinfo.split(separator: "\n").first(where: { $0.hasPrefix("model name") })
            .flatMap { $0.split(separator: ":", maxSplits: 1).last }.map { $0.trimmingCharacters(in: .whitespaces) } ?? "unknown"
        let meminfo = (try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8)) ?? ""
        let memory = meminfo.split(separator: "\n").first(where: { $0.hasPrefix("MemTotal:") })
            .flatMap { $0.split(separator: " ").dropFirst().first }.flatMap { Int($0) } ?? 0
        return Machine(cores: LogVerifier.defaultWorkers, model: model, memoryKiB: memory)
    }
}

/// Everything `all` measured.
struct Results {
    var machine = Machine.read()
    var options: [String: Int] = [:]
    var primitives = Primitives()
    var fsyncPerSecond = 0.0
    var fsyncMedianMicroseconds = 0.0
    var raw: RawBaseline?
    var rawNormal: RawBaseline?
    var loadBefore = loadAverage()
    var loadAfter = ""
    var batch = AppendTimings()
    var single = AppendTimings()
    var createSeconds = 0.0
    var largeVerify: VerifyReport?
    var smallVerify: VerifyReport?
    var storeBytes = 0
    var totalSeconds = 0.0

    private func row(_ cells: [String], widths: [Int]) -> String {
        zip(cells, widths).map { cell, width in
            width < 0 ? cell.padding(toLength: -width, withPad: " ", startingAt: 0)
                : String(repeating: " ", count: max(0, width - cell.count)) + cell
        }.joined(separator: "  ")
    }

    private func ratio(_ value: Double, _ reference: Double) -> String {
        reference > 0 ? String(format: "%.2f", value / reference) : "-"
    }

    func table() -> String {
        var lines: [String] = []
        let p = primitives
        lines.append("Parcours benchmark — \(machine.cores) cores (\(machine.model)), \(formatKiB(machine.memoryKiB)) RAM")
        lines.append("synthetic events: data object \(options["dataBytes"] ?? 0) B as canonical JSON, sealed; "
            + "envelope \(p.envelopeBytes) B, record line \(p.lineBytes) B; \(options["participants"] ?? 0) participant streams")
        lines.append("")
        lines.append("Building blocks")
        let w = [-48, 12, 16, 7]
        lines.append(row(["measure", "measured", "reference", "ratio"], widths: w))
        lines.append(row(["Ed25519 sign, 1 core (/s)", formatRate(p.signPerSecond), "", ""], widths: w))
        lines.append(row(["Ed25519 verify, 1 core, 64 B message (/s)", formatRate(p.verifyShortPerSecond),
                          formatRate(Reference.verifyPerCorePerSecond), ratio(p.verifyShortPerSecond, Reference.verifyPerCorePerSecond)],
                         widths: w))
        lines.append(row(["Ed25519 verify, 1 core, envelope (/s)", formatRate(p.verifyOneCorePerSecond),
                          formatRate(Reference.verifyPerCorePerSecond), ratio(p.verifyOneCorePerSecond, Reference.verifyPerCorePerSecond)],
                         widths: w))
        let twoCores = Reference.verifyPerCorePerSecond * Reference.verifyCores
        lines.append(row(["Ed25519 verify, \(p.cores) cores, envelope (/s)", formatRate(p.verifyAllCoresPerSecond),
                          formatRate(twoCores), ratio(p.verifyAllCoresPerSecond, twoCores)], widths: w))
        lines.append(row(["disk: 4 KiB write + fdatasync (/s)", formatRate(fsyncPerSecond),
                          String(format: "median %.0f µs", fsyncMedianMicroseconds), ""], widths: w))
        if let raw {
            lines.append(row(["baseline: record + plain SQLite, 1/txn (/s)", formatRate(raw.singlePerSecond),
                              formatRate(Reference.singlePerSecond), ratio(raw.singlePerSecond, Reference.singlePerSecond)], widths: w))
            lines.append(row(["baseline: record + plain SQLite, \(options["batch"] ?? 0)/txn (/s)", formatRate(raw.batchPerSecond),
                              formatRate(Reference.batchPerSecond), ratio(raw.batchPerSecond, Reference.batchPerSecond)], widths: w))
        }
        if let rawNormal {
            lines.append(row(["baseline, synchronous=NORMAL, 1/txn (/s)", formatRate(rawNormal.singlePerSecond), "", ""], widths: w))
        }
        lines.append("")
        lines.append("CPU per event, one core (µs)")
        for (name, value) in p.makeSteps { lines.append(row(["  make: " + name, String(format: "%.1f", value)], widths: [-56, 8])) }
        lines.append(row(["  make: total (ceiling \(formatRate(1e6 / p.makeMicroseconds))/s on one core)",
                          String(format: "%.1f", p.makeMicroseconds)], widths: [-56, 8]))
        for (name, value) in p.parseSteps { lines.append(row(["  check: " + name, String(format: "%.1f", value)], widths: [-56, 8])) }
        for (name, value) in p.hashSteps { lines.append(row(["  hash: " + name, String(format: "%.2f", value)], widths: [-56, 8])) }
        lines.append(row(["  data key unwrapped into sodium_malloc, then freed", String(format: "%.1f", p.guardedKeyMicroseconds)],
                         widths: [-56, 8]))
        lines.append("")

        lines.append("Store (targets from the issue)")
        let t = [-40, 10, 10, 6, 7, 10, 6, 6]
        lines.append(row(["measure", "measured", "reference", "ratio", "target", "baseline", "ratio", "cores"], widths: t))
        let rawSingle = raw?.singlePerSecond ?? 0
        let rawBatch = raw?.batchPerSecond ?? 0
        lines.append(row(["appends/s, 1 event per transaction", formatRate(single.medianRate), formatRate(Reference.singlePerSecond),
                          ratio(single.medianRate, Reference.singlePerSecond), "≥ 0.70", raw == nil ? "-" : formatRate(rawSingle),
                          ratio(single.medianRate, rawSingle), String(format: "%.2f", median(single.coresBusy))], widths: t))
        lines.append(row(["appends/s, \(options["batch"] ?? 0) events per transaction", formatRate(batch.medianRate),
                          formatRate(Reference.batchPerSecond), ratio(batch.medianRate, Reference.batchPerSecond), "≥ 0.70",
                          raw == nil ? "-" : formatRate(rawBatch), ratio(batch.medianRate, rawBatch),
                          String(format: "%.2f", median(batch.coresBusy))], widths: t))
        for report in [largeVerify, smallVerify].compactMap({ $0 }) {
            lines.append(row(["verify events/s, \(formatRate(Double(report.events))) events", formatRate(report.medianRate),
                              formatRate(twoCores), ratio(report.medianRate, twoCores), "≥ 0.80", formatRate(p.verifyAllCoresPerSecond),
                              ratio(report.medianRate, p.verifyAllCoresPerSecond), String(format: "%.2f", median(report.coresBusy))],
                             widths: t))
        }
        lines.append("  (baseline: the same record pipeline with a plain SQLite insert for appends; the measured Ed25519 "
            + "verifications/s on \(p.cores) cores for verify. cores: CPU seconds per wall second.)")
        lines.append("")
        lines.append("Verify memory (separate process, VmHWM = peak resident set)")
        let m = [-22, 12, 14, 14, 14]
        lines.append(row(["store", "after open", "after verify", "after repeats", "VmRSS at end"], widths: m))
        for report in [smallVerify, largeVerify].compactMap({ $0 }) {
            lines.append(row(["\(formatRate(Double(report.events))) events", formatKiB(report.peakKiBAfterOpen),
                              formatKiB(report.peakKiBAfterFirst), formatKiB(report.peakKiBAfterAll), formatKiB(report.residentKiBAfterAll)],
                             widths: m))
        }
        if let small = smallVerify, let large = largeVerify, small.peakKiBAfterAll > 0 {
            lines.append(String(format: "  peak ratio %@ / %@ events: %.2f (events ratio %.1f)", formatRate(Double(large.events)),
                                formatRate(Double(small.events)), Double(large.peakKiBAfterAll) / Double(small.peakKiBAfterAll),
                                Double(large.events) / Double(small.events)))
        }
        lines.append("")
        lines.append(String(format: "single appends: median of %d segments; overall %@/s, p10 %@/s, p90 %@/s",
                            single.rates.count, formatRate(single.overall), formatRate(percentile(single.rates, 0.1)),
                            formatRate(percentile(single.rates, 0.9))))
        lines.append(String(format: "batch appends: median of %d transactions; overall %@/s, p10 %@/s, p90 %@/s",
                            batch.rates.count, formatRate(batch.overall), formatRate(percentile(batch.rates, 0.1)),
                            formatRate(percentile(batch.rates, 0.9))))
        lines.append("load average before: \(loadBefore); after: \(loadAfter)")
        lines.append(String(format: "store file %.1f MiB (%.0f B per event); whole run %.0f s", Double(storeBytes) / 1_048_576,
                            Double(storeBytes) / Double(max(1, batch.events + single.events)), totalSeconds))
        return lines.joined(separator: "\n")
    }

    /// One JSON line with every figure (rates rounded to units).
    func json() -> String {
        func number(_ value: Double, _ decimals: Int = 0) -> String { String(format: "%.\(decimals)f", value) }
        var fields: [(String, String)] = [
            ("bench", "\"parcours\""), ("cores", "\(machine.cores)"), ("cpu", "\"\(machine.model)\""),
            ("memoryKiB", "\(machine.memoryKiB)"),
        ]
        for (name, value) in options.sorted(by: { $0.key < $1.key }) { fields.append((name, "\(value)")) }
        let p = primitives
        fields += [
            ("envelopeBytes", "\(p.envelopeBytes)"), ("lineBytes", "\(p.lineBytes)"),
            ("signPerSecond", number(p.signPerSecond)), ("verify64BOneCorePerSecond", number(p.verifyShortPerSecond)),
            ("verifyOneCorePerSecond", number(p.verifyOneCorePerSecond)), ("verifyAllCoresPerSecond", number(p.verifyAllCoresPerSecond)),
            ("makeRecordMicroseconds", number(p.makeMicroseconds, 1)), ("guardedKeyMicroseconds", number(p.guardedKeyMicroseconds, 1)),
            ("fsyncPerSecond", number(fsyncPerSecond)), ("fsyncMedianMicroseconds", number(fsyncMedianMicroseconds)),
        ]
        if let raw {
            fields += [("baselineSinglePerSecond", number(raw.singlePerSecond)), ("baselineBatchPerSecond", number(raw.batchPerSecond))]
        }
        if let rawNormal { fields.append(("baselineNormalSinglePerSecond", number(rawNormal.singlePerSecond))) }
        fields += [
            ("singleAppendsPerSecond", number(single.medianRate)), ("singleAppendsOverallPerSecond", number(single.overall)),
            ("singleAppendsCoresBusy", number(median(single.coresBusy), 2)),
            ("batchAppendsPerSecond", number(batch.medianRate)), ("batchAppendsOverallPerSecond", number(batch.overall)),
            ("batchAppendsCoresBusy", number(median(batch.coresBusy), 2)),
            ("singleRatioToReference", number(single.medianRate / Reference.singlePerSecond, 3)),
            ("batchRatioToReference", number(batch.medianRate / Reference.batchPerSecond, 3)),
        ]
        for (name, report) in [("verifyLarge", largeVerify), ("verifySmall", smallVerify)] {
            guard let report else { continue }
            fields += [
                (name + "Events", "\(report.events)"), (name + "PerSecond", number(report.medianRate)),
                (name + "CoresBusy", number(median(report.coresBusy), 2)),
                (name + "RatioToReference", number(report.medianRate / (Reference.verifyPerCorePerSecond * Reference.verifyCores), 3)),
                (name + "PeakKiB", "\(report.peakKiBAfterAll)"), (name + "PeakKiBAfterOpen", "\(report.peakKiBAfterOpen)"),
            ]
        }
        fields += [("storeBytes", "\(storeBytes)"), ("totalSeconds", number(totalSeconds, 1)),
                   ("loadBefore", "\"\(loadBefore)\""), ("loadAfter", "\"\(loadAfter)\"")]
        return "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
    }
}

/// The 1, 5 and 15 minute load averages: a shared machine's other work shows here.
func loadAverage() -> String {
    let text = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? ""
    return text.split(separator: " ").prefix(3).joined(separator: " ")
}
