import ParcoursLog

/// The store's errors are the log's: one vocabulary from the writer to the CLI.
public typealias StoreError = LogError
