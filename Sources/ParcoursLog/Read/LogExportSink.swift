/// Where a log export's files go: the store's side of `LogExport`.
///
/// The log core writes no file itself (it has no Foundation): a store gives a sink that
/// creates each file privately (e.g. new, 0600, never through a symbolic link).
public protocol LogExportSink {
    /// Creates the new file `name` of the export, for writing.
    func create(_ name: String) throws -> any LogExportFile
}

/// One file of an export being written.
public protocol LogExportFile {
    /// Appends bytes to the file.
    func write(_ bytes: [UInt8]) throws
    /// Makes what was written durable and closes the file.
    func close() throws
}
