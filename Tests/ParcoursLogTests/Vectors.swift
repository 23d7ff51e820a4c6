import Foundation
import ParcoursLog

/// The conformance vectors of LOG-FORMAT.md, copied into this target's fixtures.
enum Vectors {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/vectors")

    static func url(_ path: String) -> URL { root.appendingPathComponent(path) }

    static func text(_ path: String) throws -> String { try String(contentsOf: url(path), encoding: .utf8) }

    static func json(_ path: String) throws -> JSONValue { try JSONParser.parse(Array(try Data(contentsOf: url(path)))) }

    /// The record lines of a `.jsonl` file, without their newlines.
    static func lines(_ path: String) throws -> [[UInt8]] {
        let data = try Data(contentsOf: url(path))
        return data.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast().map { Array($0) }
    }

    static var keys: JSONValue { get throws { try json("keys.json") } }

    static func seed(_ name: String) throws -> [UInt8] {
        Hex.decode(try keys["seeds"]![name]!.stringValue!)!
    }

    static func signingKey(_ name: String) throws -> SigningKey {
        var seed = try seed(name)
        return try SigningKey(seed: &seed)
    }

    static func hashes(_ value: JSONValue?) -> [Hash] {
        (value?.arrayValue ?? []).map { Hash(hex: $0.stringValue!)! }
    }
}

/// A tree kept in memory from its leaf hashes: every complete subtree hash, as a store keeps them.
struct MemoryTree {
    var stored: [String: Hash] = [:]
    var frontier = MerkleFrontier()

    init(leaves: [Hash]) {
        for leaf in leaves { append(leaf) }
    }

    mutating func append(_ leaf: Hash) {
        for node in frontier.append(leaf) { stored["\(node.level)/\(node.index)"] = node.hash }
    }

    var reader: MerkleTree.HashReader {
        { [stored] level, index in
            guard let hash = stored["\(level)/\(index)"] else { throw LogFormatError("missing subtree \(level)/\(index)") }
            return hash
        }
    }
}
