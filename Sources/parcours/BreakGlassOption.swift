import ArgumentParser
import Foundation

/// `--break-glass TEXT|-` or `--break-glass-prompt`: the written justification of a read
/// outside the care team.
///
/// Given as TEXT on the command line it is visible to every user of the machine (`ps`,
/// /proc/PID/cmdline) for as long as the command runs; `-` reads it from standard input and
/// `--break-glass-prompt` asks for it on the terminal, so it is seen only in the access log.
struct BreakGlassOption: ParsableArguments {
    @Option(name: .customLong("break-glass"), help: ArgumentHelp(
        "A written justification (20 characters or more) to read outside the care team; - reads it from standard input. "
            + "Written here it is visible to other users of the machine (ps): prefer - or --break-glass-prompt.",
        valueName: "TEXT|-"))
    var text: String?

    @Flag(name: .customLong("break-glass-prompt"), help: "Ask for the break-glass justification on the terminal (not visible in ps).")
    var prompt = false

    /// The longest justification read from standard input or the terminal.
    static let maxBytes = 4096

    func validate() throws {
        if prompt, text != nil { throw ValidationError("--break-glass-prompt: give the justification one way, not with --break-glass too") }
    }

    /// The justification, from wherever it was given; nil when the glass is not broken.
    func justification() throws -> String? {
        if prompt {
            guard let line = Secrets.line(prompt: "Justification écrite de l'accès (bris de glace) : ") else {
                throw CommandError("--break-glass-prompt: no terminal to ask on; give the justification with --break-glass - on standard input")
            }
            return line.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        guard let text, text == "-" else { return text }
        let data = try FileHandle.standardInput.read(upToCount: Self.maxBytes + 1) ?? Data()
        guard data.count <= Self.maxBytes else { throw CommandError("--break-glass -: a justification of at most \(Self.maxBytes) bytes on standard input") }
        let justification = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !justification.isEmpty else { throw CommandError("--break-glass -: no justification on standard input (20 characters or more)") }
        return justification
    }
}
