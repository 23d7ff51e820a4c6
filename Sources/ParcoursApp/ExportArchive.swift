import Foundation
import ParcoursLog
import ZIPFoundation

/// A zip of the directory `parcours export log` writes, unpacked in memory — never on a disk
/// another user could read — into the five files of LOG-FORMAT.md, for `ExportVerifier`.
///
/// The files may sit at the archive's top or in one folder (a zipped directory). What the
/// archive says of its own sizes is not trusted: the bytes really unpacked are counted and a
/// zip bomb stops at `expandedLimit`. A path that climbs (`..`), starts at the root or holds
/// a backslash, a link, a file of another name or one given twice refuses the archive whole.
public enum ExportArchive {
    /// The most the five files may hold together once unpacked.
    public static let expandedLimit = 512 * 1024 * 1024

    /// Why an archive was refused, before anything was verified; no personal data.
    public enum Refusal: Error, Equatable, Sendable {
        /// Not a zip archive that can be read.
        case notAnArchive
        /// An entry's path climbs out of the archive (`..`), starts at the root, or uses `\`.
        case unsafePath
        /// A link, or a file that is not one of the export's five, or one given twice.
        case unexpectedEntry
        /// One of the five files is missing; its name.
        case missing(String)
        /// Unpacked, the files would pass `expandedLimit`.
        case tooLargeExpanded
    }

    /// The export's files from the archive's bytes, limited to `limit` unpacked bytes in all.
    public static func unpack(_ bytes: [UInt8], limit: Int = expandedLimit) throws(Refusal) -> InMemoryExport {
        let archive: Archive
        do { archive = try Archive(data: Data(bytes), accessMode: .read) } catch { throw .notAnArchive }
        var files: [String: [UInt8]] = [:]
        var folder: String?
        var expanded = 0
        for entry in archive {
            let path = entry.path
            let parts = path.split(separator: "/", omittingEmptySubsequences: false)
            guard !path.hasPrefix("/"), !path.contains("\\"), !parts.contains(where: { $0 == ".." || $0 == "." }) else { throw .unsafePath }
            switch entry.type {
            case .directory: continue
            case .symlink: throw .unexpectedEntry
            case .file: break
            }
            let name = String(parts.last ?? "")
            let parent = parts.dropLast().joined(separator: "/")
            guard InMemoryExport.fileNames.contains(name), files[name] == nil, parts.count <= 2, folder == nil || folder == parent else {
                throw .unexpectedEntry
            }
            folder = parent
            guard entry.uncompressedSize <= UInt64(limit - expanded) else { throw .tooLargeExpanded }
            var content: [UInt8] = []
            content.reserveCapacity(min(Int(entry.uncompressedSize), 64 * 1024 * 1024))
            do {
                _ = try archive.extract(entry) { chunk in
                    guard chunk.count <= limit - expanded - content.count else { throw Refusal.tooLargeExpanded }
                    content.append(contentsOf: chunk)
                }
            } catch Refusal.tooLargeExpanded {
                throw .tooLargeExpanded
            } catch {
                throw .notAnArchive
            }
            expanded += content.count
            files[name] = content
        }
        if let absent = InMemoryExport.fileNames.sorted().first(where: { files[$0] == nil }) { throw .missing(absent) }
        return InMemoryExport(files: files)
    }
}
