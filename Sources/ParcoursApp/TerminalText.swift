/// Text made safe for a terminal: what a person wrote (a name, a note, a justification)
/// is shown, never obeyed.
///
/// A terminal acts on control characters: ESC sequences set the window title, clear the
/// screen or rewrite earlier lines, and bidirectional overrides reorder what is displayed.
/// Every text the CLI prints for people, and the participant's report, passes through `neutralized` (in `Output.line` and
/// `Output.error`), which writes each such character in the visible form `\u{1B}`:
/// C0 controls except line feed and tab, DEL, C1 controls (U+0080–U+009F), and the
/// bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069).
/// JSON output is for programs and stays canonical JSON, byte for byte what was signed
/// (it escapes every C0 control as `\u00XX`).
public enum TerminalText {
    /// Whether a character would act on the terminal instead of being displayed.
    public static func isNeutralized(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: false
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// `text` with every character that would act on the terminal written as `\u{XX}`.
    public static func neutralized(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isNeutralized) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isNeutralized(scalar) {
                result.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }
}
