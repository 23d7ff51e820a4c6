import Testing
import ParcoursLog
import ParcoursLogTesting

/// The in-memory reference passes the conformance suite every `LogStore` backend runs.
@Suite("LogStore conformance: memory")
struct MemoryLogStoreConformanceTests {
    @Test("MemoryLogStore", arguments: LogStoreConformance.checks)
    func conforms(_ check: LogStoreConformance.Check) throws {
        try check.run(with: { try ConformanceLog.founded(MemoryLogStore()) })
    }
}
