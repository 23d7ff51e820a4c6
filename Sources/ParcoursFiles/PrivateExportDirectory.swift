import Foundation
import ParcoursLog

/// An export's files, each created by `PrivateFile` (new, 0600, never through a link) in a private directory.
public struct PrivateExportDirectory: LogExportSink {
    /// The directory the files are created in.
    public let path: String

    public init(path: String) { self.path = path }

    public func create(_ name: String) throws -> any LogExportFile {
        PrivateExportFile(handle: try PrivateFile.create((path as NSString).appendingPathComponent(name)))
    }
}

/// One file of an export, made durable when closed.
public struct PrivateExportFile: LogExportFile {
    let handle: FileHandle

    public func write(_ bytes: [UInt8]) throws { try handle.write(contentsOf: bytes) }

    public func close() throws {
        try handle.synchronize()
        try handle.close()
    }
}
