import Foundation

/// A research export a researcher asked for through the web, kept on the server's shelf
/// (`CaseRecord.shelveResearchExport`): its random id, who asked and when, its manifest and
/// the files she may download.
public struct ShelvedResearchExport: Sendable, Equatable {
    /// 32 lowercase hexadecimal digits, drawn at random: it says nothing of the project or its people.
    public let id: String
    /// The researcher who asked for it, the only one it is served to.
    public let owner: String
    public let requestedAt: Date
    public let manifest: ResearchExportRequest.Manifest
    /// The SHA-256 of manifest.json, as the access log recorded the export.
    public let manifestSHA256: String

    /// The files that may be downloaded: those the manifest lists, then manifest.json.
    public var files: [String] {
        let listed = switch manifest {
        case .deidentified(let written): written.files.keys.sorted()
        case .aggregate(let written): written.files.keys.sorted()
        }
        return listed + ["manifest.json"]
    }

    /// The research project it was made for.
    public var project: String {
        switch manifest {
        case .deidentified(let written): written.parameters.project
        case .aggregate(let written): written.project
        }
    }

    /// Whether `id` has the shape of a shelf's id (and so may name a directory).
    public static func isID(_ id: String) -> Bool {
        id.utf8.count == 32 && id.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) }
    }
}

extension ShelvedResearchExport {
    /// No export of that id on the shelf for this researcher, or no such file in it: said the
    /// same way whatever the reason, so that nothing leaks of another's exports.
    public struct NotFound: Error, Equatable {}
}
