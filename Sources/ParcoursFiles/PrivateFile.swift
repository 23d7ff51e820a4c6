import Foundation
import ParcoursLog
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How every output file and directory is created: private to its owner from the first
/// byte, never over something that exists.
///
/// Files are opened with `O_CREAT|O_EXCL|O_NOFOLLOW` and mode 0600 (whatever the umask
/// says, they are never more open than that), so an existing file is never overwritten
/// and a symbolic link planted at the path — even a dangling one — is refused instead of
/// followed. Directories are created 0700. Errors name the field (`output` unless told) and what it
/// accepts; they carry the path the user gave, nothing else.
public enum PrivateFile {
    /// Creates `path` as a new file, mode 0600, open for writing.
    public static func create(_ path: String, field: String = "output") throws -> FileHandle {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            let code = errno
            throw LogError.invalidInput(field: field, reason: refusal(path, errno: code, wanted: "a new file name"))
        }
        return FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    }

    /// Creates `path` as a new file, mode 0600, holding `bytes`, durably; removed if the write fails.
    public static func write(_ bytes: some DataProtocol, to path: String, field: String = "output") throws {
        let handle = try create(path, field: field)
        do {
            try handle.write(contentsOf: bytes)
            try handle.synchronize()
            try handle.close()
        } catch {
            try? handle.close()
            unlink(path)
            throw LogError.invalidInput(field: field, reason: "cannot write \(path): \(reason(of: error))")
        }
    }

    /// Refuses `path` if anything exists there (a file, a directory, a symbolic link, even dangling),
    /// before work that would be wasted — the creation itself refuses again.
    public static func requireAbsent(_ path: String, field: String = "output", wanted: String = "a new file name") throws {
        var status = stat()
        guard lstat(path, &status) != 0 else {
            throw LogError.invalidInput(field: field, reason: refusal(path, errno: EEXIST, wanted: wanted))
        }
    }

    /// Creates directory `path`, mode 0700, refusing anything that exists there.
    public static func createDirectory(_ path: String, field: String = "output", wanted: String = "a new directory") throws {
        guard mkdir(path, 0o700) == 0 else {
            let code = errno
            throw LogError.invalidInput(field: field, reason: refusal(path, errno: code, wanted: wanted))
        }
    }

    /// Makes `path` a directory ready for an export: created 0700 if it does not exist (its
    /// parents too), accepted if it is an empty directory; anything else is refused.
    public static func prepareDirectory(_ path: String, field: String = "output") throws {
        let wanted = "a new or empty directory"
        var status = stat()
        if lstat(path, &status) != 0 {
            guard errno == ENOENT else { throw LogError.invalidInput(field: field, reason: refusal(path, errno: errno, wanted: wanted)) }
            let parent = (path as NSString).deletingLastPathComponent
            if !parent.isEmpty, !FileManager.default.fileExists(atPath: parent) {
                do {
                    try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true,
                                                            attributes: [.posixPermissions: 0o700])
                } catch {
                    throw LogError.invalidInput(field: field, reason: "cannot create \(parent): \(reason(of: error)); give \(wanted)")
                }
            }
            try createDirectory(path, field: field, wanted: wanted)
            return
        }
        // A symbolic link to a directory is followed: the files inside are still created O_EXCL|O_NOFOLLOW.
        guard stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR else {
            throw LogError.invalidInput(field: field, reason: refusal(path, errno: EEXIST, wanted: wanted))
        }
        let entries: [String]
        do { entries = try FileManager.default.contentsOfDirectory(atPath: path) } catch {
            throw LogError.invalidInput(field: field, reason: "cannot read \(path): \(reason(of: error)); give \(wanted)")
        }
        guard entries.isEmpty else {
            throw LogError.invalidInput(field: field, reason: "\(path) is a directory that is not empty; give \(wanted)")
        }
    }

    /// Makes a rename or a creation in `directory` durable (best effort: some file systems refuse).
    public static func syncDirectory(_ directory: String) {
        let fd = open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 { fsync(fd); close(fd) }
    }

    /// Says what is in the way at `path`, and what would be accepted.
    static func refusal(_ path: String, errno code: Int32, wanted: String) -> String {
        var status = stat()
        if code == EEXIST || code == ELOOP || code == ENOTDIR, lstat(path, &status) == 0 {
            let what = switch status.st_mode & S_IFMT {
            case S_IFLNK: "a symbolic link (it is never followed)"
            case S_IFDIR: "a directory"
            case S_IFREG: "a file"
            default: "something"
            }
            return "\(path) already exists as \(what); give \(wanted)"
        }
        return "cannot create \(path): \(String(cString: strerror(code))); give \(wanted)"
    }

    /// A Foundation or POSIX error's plain reason, without its domain: what a person can act on,
    /// never a raw `NSCocoaErrorDomain` message.
    public static func reason(of error: Error) -> String {
        if let posix = error as? POSIXError { return String(cString: strerror(posix.code.rawValue)) }
        if let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        guard let cocoa = error as? CocoaError else { return "input/output error" }
        return switch cocoa.code {
        case .fileWriteFileExists: "it already exists"
        case .fileNoSuchFile, .fileReadNoSuchFile: "no such file or directory"
        case .fileReadNoPermission, .fileWriteNoPermission: "permission denied"
        case .fileWriteOutOfSpace: "no space left on the device"
        case .fileWriteVolumeReadOnly: "read-only file system"
        default: cocoa.code.rawValue >= 512 ? "cannot write it" : "cannot read it"
        }
    }
}
