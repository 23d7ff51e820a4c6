import ParcoursLog

extension ProjectionDigest {
    /// One value of a projection table's row, as a digest encodes it: the same for every
    /// backend, so equal contents give equal digests whatever stores them.
    public enum Cell: Sendable, Equatable {
        case null
        /// An integer, or a flag (0 or 1).
        case integer(Int64)
        case real(Double)
        case text(String)
        case blob([UInt8])
    }

    /// Folds the next row (its values in the table's column order) into the digest.
    ///
    /// The digest chains: the new hash is the SHA-256 of the previous one followed by the
    /// row's values, each tagged with its type and length, so no two rows encode alike.
    public mutating func fold(_ row: [Cell]) {
        var bytes = Array(hash.bytes)
        for cell in row {
            switch cell {
            case .null: bytes += [0]
            case .integer(let int): bytes += [1] + withUnsafeBytes(of: int.bigEndian, Array.init)
            case .real(let double): bytes += [2] + withUnsafeBytes(of: double.bitPattern.bigEndian, Array.init)
            case .text(let string): bytes += [3] + withUnsafeBytes(of: UInt64(string.utf8.count).bigEndian, Array.init) + Array(string.utf8)
            case .blob(let data): bytes += [4] + withUnsafeBytes(of: UInt64(data.count).bigEndian, Array.init) + data
            }
        }
        hash = Sodium.sha256(bytes)
        rows += 1
    }
}
