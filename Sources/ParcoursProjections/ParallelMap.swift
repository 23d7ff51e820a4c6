import Dispatch
import Foundation

extension Array where Element: Sendable {
    /// Transforms every element on all cores, keeping the order. Each result slot is
    /// written by exactly one iteration, then read once all are done.
    func parallelMap<Result: Sendable>(_ transform: @Sendable (Element) throws -> Result) throws -> [Result] {
        let slots = ResultSlots<Result>(count: count)
        defer { slots.deallocate() }
        try withoutActuallyEscaping(transform) { transform in
            let failure = FirstFailure()
            DispatchQueue.concurrentPerform(iterations: count) { index in
                do { slots.store(try transform(self[index]), at: index) } catch { failure.keep(error) }
            }
            if let error = failure.error { throw error }
        }
        return slots.values()
    }
}

/// Result slots shared by the iterations of one `parallelMap`: one writer per slot.
private final class ResultSlots<Result>: @unchecked Sendable {
    private let buffer: UnsafeMutableBufferPointer<Result?>

    init(count: Int) {
        buffer = .allocate(capacity: count)
        buffer.initialize(repeating: nil)
    }

    func store(_ result: Result, at index: Int) { buffer[index] = result }
    func values() -> [Result] { buffer.map { $0! } }
    func deallocate() {
        _ = buffer.deinitialize()
        buffer.deallocate()
    }
}

/// The first error thrown by any iteration.
private final class FirstFailure: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var error: Error?

    func keep(_ error: Error) { lock.withLock { if self.error == nil { self.error = error } } }
}
