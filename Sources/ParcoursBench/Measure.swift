import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Monotonic time in nanoseconds.
func nowNanoseconds() -> UInt64 {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
}

/// CPU time (user + system) this process has used, in nanoseconds, all threads together.
func processCPUNanoseconds() -> UInt64 {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    func ns(_ time: timeval) -> UInt64 { UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_usec) * 1000 }
    return ns(usage.ru_utime) + ns(usage.ru_stime)
}

/// A stopwatch that also reads the process's CPU time, to tell waiting (fsync) from computing.
struct Stopwatch {
    let wallStart = nowNanoseconds()
    let cpuStart = processCPUNanoseconds()

    var elapsedSeconds: Double { Double(nowNanoseconds() - wallStart) / 1e9 }
    /// CPU seconds used per wall second since the start (2.0 = both cores busy).
    var coresBusy: Double {
        let wall = Double(nowNanoseconds() - wallStart)
        return wall > 0 ? Double(processCPUNanoseconds() - cpuStart) / wall : 0
    }
}

func median(_ values: [Double]) -> Double {
    guard !values.isEmpty else { return 0 }
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

func percentile(_ values: [Double], _ fraction: Double) -> Double {
    guard !values.isEmpty else { return 0 }
    let sorted = values.sorted()
    let position = min(sorted.count - 1, max(0, Int((Double(sorted.count - 1) * fraction).rounded())))
    return sorted[position]
}

/// Memory figures of this process from /proc/self/status, in KiB (nil off Linux).
struct ProcessMemory {
    var peakKiB: Int  // VmHWM: the resident set's high-water mark
    var residentKiB: Int  // VmRSS

    static func read() -> ProcessMemory? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        var values: [String: Int] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(whereSeparator: { $0 == ":" || $0 == " " || $0 == "\t" })
            if parts.count >= 2, let value = Int(parts[1]) { values[String(parts[0])] = value }
        }
        guard let peak = values["VmHWM"], let resident = values["VmRSS"] else { return nil }
        return ProcessMemory(peakKiB: peak, residentKiB: resident)
    }
}

/// How many 4 KiB write + fdatasync rounds the disk under `directory` completes per second:
/// the ceiling of any durable one-transaction-per-event design on this machine.
func probeFsync(directory: String, rounds: Int) throws -> (perSecond: Double, medianMicroseconds: Double) {
    let path = directory + "/fsync-probe.bin"
    let fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0o600)
    guard fd >= 0 else { throw BenchError("cannot create \(path)") }
    defer {
        close(fd)
        unlink(path)
    }
    let block = [UInt8](repeating: 0x5A, count: 4096)
    var latencies: [Double] = []
    let watch = Stopwatch()
    for round in 0..<rounds {
        let start = nowNanoseconds()
        // Append like a WAL does: a new block each round, then make it durable.
        let written = block.withUnsafeBytes { pwrite(fd, $0.baseAddress, 4096, off_t(round * 4096)) }
        guard written == 4096, fdatasync(fd) == 0 else { throw BenchError("write/fdatasync failed on \(path)") }
        latencies.append(Double(nowNanoseconds() - start) / 1000)
    }
    return (Double(rounds) / watch.elapsedSeconds, median(latencies))
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Human-friendly byte counts.
func formatKiB(_ kib: Int) -> String {
    kib >= 1024 ? String(format: "%.1f MiB", Double(kib) / 1024) : "\(kib) KiB"
}

/// Rates with thousands separators, e.g. 12,345.
func formatRate(_ value: Double) -> String {
    let rounded = Int(value.rounded())
    var digits = Array(String(abs(rounded)))
    var output: [Character] = []
    while digits.count > 3 {
        output.insert(contentsOf: [","] + digits.suffix(3), at: 0)
        digits.removeLast(3)
    }
    output.insert(contentsOf: digits, at: 0)
    return (rounded < 0 ? "-" : "") + String(output)
}

/// Runs an async use case to completion from the benchmark's synchronous main thread.
///
/// The benchmark keeps a synchronous `main` so that it runs under valgrind (whose callgrind
/// counts are how noisy machines are compared): an async `main` parks the main thread in
/// `dispatch_main`, which valgrind 3.19 does not survive.
func runBlocking<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
    let outcome = BlockingOutcome<T>()
    Task {
        do { outcome.result = .success(try await body()) } catch { outcome.result = .failure(error) }
        outcome.done.signal()
    }
    outcome.done.wait()
    return try outcome.result!.get()
}

/// What `runBlocking`'s task hands back; read only after the semaphore says it was written.
private final class BlockingOutcome<T>: @unchecked Sendable {
    var result: Result<T, any Error>?
    let done = DispatchSemaphore(value: 0)
}
