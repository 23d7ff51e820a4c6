/// Where an export's five files are read from: a directory (`ExportDirectory`), or the
/// bytes of an uploaded archive kept in memory (`InMemoryExport`). `ExportVerifier` reads
/// them the same way from either, so the verdict does not depend on where they came from.
public protocol ExportSource {
    /// The text of a small file (`log.vkey`, a checkpoint): at most 64 KiB of UTF-8.
    func smallFile(_ name: String) throws(VerificationError) -> String
    /// The record lines of `events.jsonl` or `access.jsonl`, read in chunks.
    func recordLines(_ name: String) throws(VerificationError) -> any ExportLines
}

/// A log's record lines, in chunks, without their newlines.
public protocol ExportLines {
    /// Up to `count` lines; empty at the end. A last line without its newline, or a line
    /// over `maxLength`, is a failure at its position.
    func next(_ count: Int, maxLength: Int) throws(IntegrityFailure) -> [[UInt8]]
}

extension LineReader: ExportLines {}

/// An export written to a directory (`parcours export log --out DIR`).
public struct ExportDirectory: ExportSource {
    public let path: String

    public init(path: String) { self.path = path }

    public func smallFile(_ name: String) throws(VerificationError) -> String {
        try ExportVerifier.readSmallFile(path + "/" + name)
    }

    public func recordLines(_ name: String) throws(VerificationError) -> any ExportLines {
        try LineReader(path: path + "/" + name)
    }
}
