/// Makes text from the data (titles, paths, authors, ids, dates, snippets, messages)
/// safe to print to a terminal.
///
/// Dump files and their names are untrusted: an escape sequence in a title
/// (`ESC ] 0 ; pwned BEL` sets the window title, OSC 8 makes links, U+009B is a
/// one-character CSI) would be obeyed by the terminal. Every C0 control, DEL and C1
/// control is shown as a visible escape instead (`\x1b`, `\x7f`, `\x9b`). Only the
/// renderer inserts line breaks: in a one-line field a newline, carriage return or
/// tab from the data becomes a space. JSON output does not come through here: its
/// encoder escapes controls itself.
enum TerminalText {
    /// `text` with every control shown as `\xNN`; newlines, carriage returns and tabs
    /// become spaces when `oneLine` (the default), and are escaped otherwise
    /// except for the newline.
    static func sanitised(_ text: some StringProtocol, oneLine: Bool = true) -> String {
        // Fast path: most text holds no control at all.
        guard text.unicodeScalars.contains(where: isControl) else { return String(text) }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard isControl(scalar) else {
                out.append(scalar)
                continue
            }
            if scalar == "\n", !oneLine {
                out.append(scalar)
            } else if oneLine, scalar == "\n" || scalar == "\r" || scalar == "\t" {
                out.append(" ")
            } else {
                out.append(contentsOf: escape(scalar).unicodeScalars)
            }
        }
        return String(out)
    }

    /// C0 controls (U+0000–U+001F), DEL (U+007F) and C1 controls (U+0080–U+009F).
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value <= 0x9F)
    }

    private static func escape(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16)
        return "\\x" + (hex.count < 2 ? "0" + hex : hex)
    }
}
