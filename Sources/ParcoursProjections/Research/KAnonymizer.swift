/// k-anonymity over the declared quasi-identifiers: the least generalization whose
/// classes smaller than k hold few enough subjects, then those are suppressed.
enum KAnonymizer {
    struct Outcome {
        var kept: [ResearchSubject]
        /// The level chosen for each quasi-identifier.
        var levels: [QuasiIdentifier: Int]
        var suppressed: Int
    }

    /// Tries every combination of levels, least generalized first (the sum of each
    /// hierarchy's fraction used), and takes the first that suppresses at most
    /// `maxSuppressed` subjects; if none does, the one that suppresses fewest.
    static func anonymize(_ subjects: [ResearchSubject], k: Int, maxSuppressed: Int) -> Outcome {
        let identifiers = QuasiIdentifier.allCases
        var combinations: [[Int]] = [[]]
        for identifier in identifiers {
            combinations = combinations.flatMap { prefix in (0..<identifier.levels).map { prefix + [$0] } }
        }
        func cost(_ levels: [Int]) -> Double {
            zip(identifiers, levels).reduce(0) { $0 + ($1.0.levels > 1 ? Double($1.1) / Double($1.0.levels - 1) : 0) }
        }
        combinations.sort { cost($0) != cost($1) ? cost($0) < cost($1) : $0.lexicographicallyPrecedes($1) }
        var best: (levels: [Int], suppressed: Int, classes: [[String]: [Int]])?
        for levels in combinations {
            var classes: [[String]: [Int]] = [:]
            for (index, subject) in subjects.enumerated() {
                classes[zip(identifiers, levels).map { $0.value(subject, level: $1) }, default: []].append(index)
            }
            let suppressed = classes.values.filter { $0.count < k }.reduce(0) { $0 + $1.count }
            if best == nil || suppressed < best!.suppressed { best = (levels, suppressed, classes) }
            if suppressed <= maxSuppressed { best = (levels, suppressed, classes); break }
        }
        guard let best else { return Outcome(kept: [], levels: [:], suppressed: 0) }
        let keptIndexes = best.classes.values.filter { $0.count >= k }.flatMap { $0 }.sorted()
        return Outcome(kept: keptIndexes.map { subjects[$0] },
                       levels: Dictionary(uniqueKeysWithValues: zip(identifiers, best.levels)), suppressed: best.suppressed)
    }
}
