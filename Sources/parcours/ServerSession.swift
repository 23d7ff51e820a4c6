import Foundation
import ParcoursFiles
#if canImport(Glibc)
import Glibc
#endif

/// Where the bearer token of a server's session is kept between commands: one file per server
/// origin in `$XDG_STATE_HOME/parcours/` (by default `~/.local/state/parcours/`), the directory
/// 0700 and the file 0600 from its first byte, written whole then renamed into place; a file
/// others could read, or a symbolic link, is refused. `PARCOURS_TOKEN`, when set, is used
/// instead (a session opened by other means). The token is a secret: never printed.
struct ServerSession {
    let server: ServerClient
    /// The file of this server's session.
    let path: String

    /// The longest token read back.
    static let maxTokenBytes = 4096

    init(_ server: ServerClient, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        self.server = server
        let name = server.origin.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" ? String($0) : "_" }.joined()
        path = try Self.directory(environment) + "/session-" + name
    }

    /// `$XDG_STATE_HOME/parcours`, or `$HOME/.local/state/parcours`.
    static func directory(_ environment: [String: String]) throws -> String {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") { return state + "/parcours" }
        guard let home = environment["HOME"], home.hasPrefix("/") else {
            throw CommandError("HOME: not set; set XDG_STATE_HOME or HOME (where the session's token is kept), or give PARCOURS_TOKEN")
        }
        return home + "/.local/state/parcours"
    }

    /// The token to send: `PARCOURS_TOKEN`, else the kept one; none is a refusal saying how to sign in.
    func token(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        if let given = environment["PARCOURS_TOKEN"], !given.isEmpty {
            guard Self.isToken(given) else { throw CommandError("PARCOURS_TOKEN: not a session's token (visible ASCII characters only)") }
            return given
        }
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { throw ServerProblem(status: 401, kind: "unauthorized", detail: "not signed in", server: server.origin) }
            throw CommandError("\(path): \(String(cString: strerror(errno))) — delete it and sign in again (parcours signin --server \(server.origin))")
        }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG, status.st_uid == getuid(), status.st_mode & 0o077 == 0 else {
            throw CommandError("\(path): not a file only you can read (0600) — delete it and sign in again (parcours signin --server \(server.origin))")
        }
        var bytes = [UInt8](repeating: 0, count: Self.maxTokenBytes + 1)
        let count = read(fd, &bytes, bytes.count)
        defer { bytes.withUnsafeMutableBytes { _ = memset($0.baseAddress!, 0, $0.count) } }
        guard count > 0, count <= Self.maxTokenBytes else {
            throw CommandError("\(path): not a session's token — delete it and sign in again (parcours signin --server \(server.origin))")
        }
        let token = String(decoding: bytes[..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard Self.isToken(token) else {
            throw CommandError("\(path): not a session's token — delete it and sign in again (parcours signin --server \(server.origin))")
        }
        return token
    }

    /// Whether `text` can be a bearer token: visible ASCII only, so that nothing can be added to the request's headers.
    static func isToken(_ text: String) -> Bool { !text.isEmpty && text.utf8.allSatisfy { (0x21...0x7E).contains($0) } }

    /// Keeps `token`, replacing this server's earlier one.
    func keep(_ token: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        guard Self.isToken(token) else { throw ServerClient.unreadable("a session's token", from: server.origin) }
        try Self.prepare(directory)
        let fresh = directory + "/.session-" + UUID().uuidString
        try PrivateFile.write(Data(token.utf8), to: fresh, field: "session")
        guard rename(fresh, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(fresh)
            throw CommandError("\(path): cannot keep the session's token (\(reason))")
        }
        PrivateFile.syncDirectory(directory)
    }

    /// Deletes the kept token; false when there was none.
    @discardableResult
    func forget() -> Bool { unlink(path) == 0 }

    /// Makes `directory` a directory only its owner can enter (0700), its missing parents too.
    static func prepare(_ directory: String) throws {
        var status = stat()
        if lstat(directory, &status) != 0 {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            } catch {
                throw CommandError("\(directory): cannot create it (\(PrivateFile.reason(of: error))); set XDG_STATE_HOME to a directory of yours")
            }
            guard lstat(directory, &status) == 0 else { throw CommandError("\(directory): cannot create it") }
        }
        guard (status.st_mode & S_IFMT) == S_IFDIR, status.st_uid == getuid() else {
            throw CommandError("\(directory): not a directory of yours (a symbolic link is not followed); set XDG_STATE_HOME elsewhere")
        }
        if status.st_mode & 0o077 != 0, chmod(directory, 0o700) != 0 {
            throw CommandError("\(directory): open to others and cannot be narrowed to 0700")
        }
    }
}
