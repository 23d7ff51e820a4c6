#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Runs bodies on threads of their own, all released at once, and waits for them.
///
/// Real threads, not tasks: the cooperative pool has one thread a core, so on a
/// two-core machine blocking writers in tasks would never be more than two at a time.
public enum ConcurrentThreads {
    private final class Gate: Sendable {
        let arrived = Atomic<Int>(0)
    }

    private final class Start {
        let body: () -> Void
        init(_ body: @escaping () -> Void) { self.body = body }
    }

    /// Calls `body(0)` … `body(count - 1)` at once, each on its own thread; returns when all returned.
    public static func run(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
        let gate = Gate()
        var threads: [pthread_t] = []
        for index in 0..<count {
            let start = Start {
                gate.arrived.add(1, ordering: .sequentiallyConsistent)
                while gate.arrived.load(ordering: .sequentiallyConsistent) < count { sched_yield() }
                body(index)
            }
            #if canImport(Glibc)
            var thread = pthread_t()
            #else
            var thread: pthread_t?
            #endif
            let created = pthread_create(&thread, nil, { argument in
                Unmanaged<Start>.fromOpaque(argument!).takeRetainedValue().body()
                return nil
            }, Unmanaged.passRetained(start).toOpaque())
            precondition(created == 0, "pthread_create failed: \(created)")
            #if canImport(Glibc)
            threads.append(thread)
            #else
            threads.append(thread!)
            #endif
        }
        for thread in threads { pthread_join(thread, nil) }
    }
}
