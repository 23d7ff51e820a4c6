import Testing
@testable import ParcoursLog

@Suite("The subtrees a run of leaves completes, a level at a time")
struct StoredSubtreeHashesTests {
    /// What `MerkleFrontier.append` completes leaf by leaf, grouped by level.
    static func completedByAppending(_ leaves: Range<UInt64>) -> [Int: [UInt64]] {
        var byLevel: [Int: [UInt64]] = [:]
        for leaf in leaves {
            var level = 0
            while (leaf + 1) & ((UInt64(1) << level) - 1) == 0 {
                byLevel[level, default: []].append(leaf >> level)
                level += 1
            }
        }
        return byLevel
    }

    @Test("each level's range holds exactly the subtrees the leaves complete, for every run within 0..<300 and runs of a chunk")
    func rangesMatchTheLeaves() {
        var runs: [Range<UInt64>] = []
        for start in UInt64(0)..<300 { for end in start..<300 where (end - start) % 7 == 0 || end - start < 9 { runs.append(start..<end) } }
        runs += [0..<2048, 2048..<4096, 4096..<4200, 1_000_000..<1_002_048, 1_046_528..<1_048_576, 1_048_575..<1_048_577]
        for run in runs {
            let expected = Self.completedByAppending(run)
            for level in 0..<64 {
                let range = Subtree.completed(atLevel: level, by: run)
                #expect(Array(range) == (expected[level] ?? []), "level \(level) of \(run)")
                if range.isEmpty && run.upperBound >> level == 0 { break }
            }
        }
    }

    @Test("a subtree's last leaf is the leaf whose append completes it, and names it back; a leaf no subtree of the level ends at names none")
    func lastLeaves() {
        for (level, indices) in Self.completedByAppending(0..<1024) {
            for index in indices {
                let subtree = Subtree(level: level, index: index)
                #expect(Self.completedByAppending(subtree.lastLeaf..<(subtree.lastLeaf + 1))[level] == [index], "level \(level), index \(index)")
                #expect(Subtree(level: level, lastLeaf: subtree.lastLeaf) == subtree)
            }
        }
        #expect(Subtree(level: 2, lastLeaf: 5) == nil)
        #expect(Subtree(level: 1, lastLeaf: 0) == nil)
        #expect(Subtree(level: 64, lastLeaf: .max) == nil)
        #expect(Subtree(level: -1, lastLeaf: 0) == nil)
        #expect(Subtree(level: 63, index: 1).lastLeaf == .max)
        #expect(Subtree(level: 63, lastLeaf: .max) == Subtree(level: 63, index: 1))
    }
}
