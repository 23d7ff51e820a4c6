/// Bytes looked at eight together, as one 64-bit word: how the JSON readers pass a string's
/// plain bytes (`JSONUnicodeEscape.skipPlainText`) and the pages' escaping passes text that
/// needs no reference (`HTMLText`). A test reads every byte value at each place of a word
/// through both.
///
/// A mark is the high bit of a byte. `equal` and `below` mark through a subtraction, whose
/// borrow can also mark a byte above a marked one, never below: the lowest mark of a word is
/// always a byte asked for, and a word without a mark holds none.
public enum ByteWords {
    @usableFromInline static let ones: UInt64 = 0x0101_0101_0101_0101
    @usableFromInline static let highs: UInt64 = 0x8080_8080_8080_8080

    /// Moves `index` eight bytes at a time while `marks` marks none of them, to the lowest
    /// marked byte of the first word it marks; stops where fewer than eight remain.
    @inlinable
    public static func skip(in bytes: UnsafeBufferPointer<UInt8>, at index: inout Int, marks: (UInt64) -> UInt64) {
        guard let base = bytes.baseAddress else { return }
        while index + 8 <= bytes.count {
            // The first byte in memory is the word's lowest, whatever the machine's order.
            let marked = marks(UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))) & highs
            if marked != 0 {
                index += marked.trailingZeroBitCount / 8
                return
            }
            index += 8
        }
    }

    /// Marks the bytes of `word` equal to `byte`.
    @inlinable
    public static func equal(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let difference = word ^ (ones &* UInt64(byte))
        return (difference &- ones) & ~difference & highs
    }

    /// Marks the bytes of `word` below `byte` (at most 0x80).
    @inlinable
    public static func below(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        (word &- ones &* UInt64(byte)) & ~word & highs
    }

    /// Marks the bytes of `word` from 0x80 up (a part of a multi-byte UTF-8 scalar).
    @inlinable
    public static func high(_ word: UInt64) -> UInt64 { word & highs }
}
