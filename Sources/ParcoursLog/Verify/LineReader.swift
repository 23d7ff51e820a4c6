#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a JSON Lines file in chunks of lines, without holding the whole file.
final class LineReader {
    private let file: UnsafeMutablePointer<FILE>
    private var buffer: UnsafeMutablePointer<CChar>?
    private var capacity = 0
    private(set) var linesRead: UInt64 = 0

    init(path: String) throws(VerificationError) {
        guard let file = fopen(path, "rb") else { throw .unreadable("cannot open \(path)") }
        self.file = file
    }

    deinit {
        free(buffer)
        fclose(file)
    }

    /// Up to `count` lines without their newline; empty at the end of the file.
    /// A last line without its newline, or a line over the limit, is a failure at its position.
    func next(_ count: Int, maxLength: Int) throws(IntegrityFailure) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        lines.reserveCapacity(count)
        while lines.count < count {
            let length = getline(&buffer, &capacity, file)
            if length < 0 { break }
            let position = linesRead
            guard length <= maxLength + 1 else { throw IntegrityFailure(seq: position, reason: "record line longer than the limit") }
            guard let buffer, buffer[length - 1] == 0x0A else {
                throw IntegrityFailure(seq: position, reason: "the last line does not end in a newline")
            }
            lines.append(Array(UnsafeRawBufferPointer(start: buffer, count: length - 1).bindMemory(to: UInt8.self)))
            linesRead += 1
        }
        return lines
    }
}
