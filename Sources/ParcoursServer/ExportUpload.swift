/// Why an export sent to be verified was not received: the reasons found before its zip is
/// unpacked (`ExportArchive.Refusal` gives those found after), each answered in words.
enum ExportUpload: Error, Equatable {
    /// Every place among the exports verified at once is taken (`VerificationJobs.exportsAtOnce`).
    case busy
    /// Larger than the server takes.
    case tooLarge
    /// Not the form the page gave: no multipart body, or not its token.
    case crossSite
    /// No zip chosen.
    case missingFile
}
