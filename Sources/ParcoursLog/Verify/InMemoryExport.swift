/// An export's files held in memory (an archive uploaded to the server, unpacked without
/// touching the disk), verified as a directory would be.
public struct InMemoryExport: ExportSource, Sendable {
    /// The five files of LOG-FORMAT.md, by name.
    public static let fileNames: Set<String> = ["log.vkey", "events.jsonl", "events.checkpoint", "access.jsonl", "access.checkpoint"]
    /// The files, by name (`log.vkey`…).
    public let files: [String: [UInt8]]

    public init(files: [String: [UInt8]]) { self.files = files }

    public func smallFile(_ name: String) throws(VerificationError) -> String {
        guard let bytes = files[name] else { throw .unreadable("the export has no \(name)") }
        guard bytes.count <= 65536 else { throw .unreadable("\(name) is larger than 64 KiB") }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw .unreadable("\(name) is not UTF-8") }
        return text
    }

    public func recordLines(_ name: String) throws(VerificationError) -> any ExportLines {
        guard let bytes = files[name] else { throw .unreadable("the export has no \(name)") }
        return MemoryLines(bytes)
    }
}

/// The lines of a file held in memory, with `LineReader`'s rules.
final class MemoryLines: ExportLines {
    private let bytes: [UInt8]
    private var offset = 0
    private var linesRead: UInt64 = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func next(_ count: Int, maxLength: Int) throws(IntegrityFailure) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        while lines.count < count, offset < bytes.count {
            let position = linesRead
            guard let end = bytes[offset...].firstIndex(of: 0x0A) else {
                throw IntegrityFailure(seq: position, reason: bytes.count - offset > maxLength
                                       ? "record line longer than the limit" : "the last line does not end in a newline")
            }
            guard end - offset <= maxLength else { throw IntegrityFailure(seq: position, reason: "record line longer than the limit") }
            lines.append(Array(bytes[offset..<end]))
            offset = end + 1
            linesRead += 1
        }
        return lines
    }
}
