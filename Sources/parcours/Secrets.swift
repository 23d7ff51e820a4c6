import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Passphrases from the environment (scripts) or from the terminal, never echoed.
enum Secrets {
    static func passphrase(env name: String, prompt: String) throws -> String {
        if let value = ProcessInfo.processInfo.environment[name] { return value }
        guard let value = readFromTerminal(prompt: prompt) else {
            throw CommandError("no passphrase: set \(name) or run in a terminal")
        }
        return value
    }

    static func master() throws -> String {
        try passphrase(env: "PARCOURS_MASTER_PASSPHRASE", prompt: "Phrase de passe maîtresse du dépôt : ")
    }

    static func newPassphrase(for actor: String) throws -> String {
        try passphrase(env: "PARCOURS_NEW_PASSPHRASE", prompt: "Nouvelle phrase de passe pour \(actor) : ")
    }

    /// A secret typed on the terminal, not shown; nil without a terminal.
    static func hidden(prompt: String) -> String? { readFromTerminal(prompt: prompt) }

    /// A line typed on the terminal, shown as it is typed (not a secret, only kept off the command line).
    static func line(prompt: String) -> String? { readFromTerminal(prompt: prompt, echo: true) }

    /// Reads a line from /dev/tty, with echo off unless `echo`.
    private static func readFromTerminal(prompt: String, echo: Bool = false) -> String? {
        let fd = open("/dev/tty", O_RDWR)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var original = termios()
        guard tcgetattr(fd, &original) == 0 else { return nil }
        var silent = original
        if !echo { silent.c_lflag &= ~tcflag_t(ECHO) }
        _ = prompt.withCString { write(fd, $0, strlen($0)) }
        tcsetattr(fd, TCSAFLUSH, &silent)
        defer {
            tcsetattr(fd, TCSAFLUSH, &original)
            _ = write(fd, "\n", 1)
        }
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while read(fd, &byte, 1) == 1, byte != 0x0A { bytes.append(byte) }
        defer { if !bytes.isEmpty { bytes.withUnsafeMutableBytes { _ = memset($0.baseAddress!, 0, $0.count) } } }
        return String(decoding: bytes, as: UTF8.self)
    }
}
