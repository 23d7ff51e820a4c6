import Dispatch
import Synchronization

/// One chunk of record lines being read and their signatures checked, on every core.
///
/// The lines are handed out a few at a time from one counter, so no thread runs out of
/// work while another still holds a long share of it (the tail a fixed split leaves), and
/// the thread that waits for the chunk takes lines from it too. A verifier keeps one chunk
/// in flight while it checks the one before in order, so the cores stay busy to the end.
///
/// The waiting thread never waits for a worker that has not started: when every thread of
/// the global queue is busy (a store's own threads verifying, tests in parallel), it reads
/// all the lines itself and waits only for lines another thread is reading.
final class ParseBatch: @unchecked Sendable {
    /// A check of a read record that needs no order (a store's columns against it): a reason, or nil.
    typealias Check = @Sendable (_ offset: Int, _ record: ParsedRecord) -> String?

    let lines: [[UInt8]]
    private let check: Check?
    /// Each line's record, initialized only where `failures` holds nil.
    private let records: UnsafeMutableBufferPointer<ParsedRecord>
    /// Why each line is malformed, or nil.
    private let failures: UnsafeMutableBufferPointer<LogFormatError?>
    private let checked: UnsafeMutableBufferPointer<String?>
    private let next = Atomic<Int>(0)
    private let completed = Atomic<Int>(0)
    private let allRead = DispatchSemaphore(value: 0)
    /// Lines taken at a time: enough to make the counter's cost nothing, few enough to end together.
    private static let grain = 4

    init(lines: [[UInt8]], workers: Int, check: Check?) {
        self.lines = lines
        self.check = check
        records = .allocate(capacity: lines.count)
        failures = .allocate(capacity: lines.count)
        checked = .allocate(capacity: lines.count)
        for _ in 0..<min(workers, (lines.count + Self.grain - 1) / Self.grain) {
            DispatchQueue.global().async { [self] in work() }
        }
    }

    /// How many records `take` has moved out, from the first: those left are deinitialized with the batch.
    private var taken = 0

    deinit {
        // Every line is read before deinit: a worker holds the batch until it finds no line left.
        for index in taken..<lines.count where (failures.baseAddress! + index).move() == nil {
            (records.baseAddress! + index).deinitialize(count: 1)
        }
        (checked.baseAddress! + taken).deinitialize(count: lines.count - taken)
        records.deallocate()
        failures.deallocate()
        checked.deallocate()
    }

    private func work() {
        let count = lines.count
        var recall = RecordLineReader.Recall()
        while true {
            let start = next.wrappingAdd(Self.grain, ordering: .relaxed).oldValue
            if start >= count { return }
            for index in start..<min(count, start + Self.grain) {
                var reason: String?
                do throws(LogFormatError) {
                    let record = try ParsedRecord(verifying: lines[index], recall: &recall)
                    reason = check?(index, record)
                    (records.baseAddress! + index).initialize(to: record)
                    (failures.baseAddress! + index).initialize(to: nil)
                } catch {
                    (failures.baseAddress! + index).initialize(to: error)
                }
                (checked.baseAddress! + index).initialize(to: reason)
                if completed.add(1, ordering: .acquiringAndReleasing).newValue == count { allRead.signal() }
            }
        }
    }

    /// Takes lines too until none is left, and waits for those other threads are still reading.
    func finish() {
        work()
        if completed.load(ordering: .acquiring) < lines.count { allRead.wait() }
    }

    /// After `finish()`, moves out the next line's record with the unordered check's finding,
    /// or throws why the line is malformed: each once, in order, without copying the record.
    func take() throws(LogFormatError) -> (record: ParsedRecord, checked: String?) {
        precondition(taken < lines.count, "every record of the batch was taken")
        let index = taken
        taken += 1
        let checked = (self.checked.baseAddress! + index).move()
        if let failure = (failures.baseAddress! + index).move() { throw failure }
        return ((records.baseAddress! + index).move(), checked)
    }
}
