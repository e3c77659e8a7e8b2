import Foundation

/// What the terminal on a standard stream can show: whether it is one, its width,
/// and whether colour is wanted.
enum Terminal {
    /// Whether `fd` is a terminal.
    static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) != 0 }

    /// The width of the terminal on `fd` in columns (`TIOCGWINSZ`), or nil when `fd`
    /// is not a terminal or does not say.
    static func reportedColumns(_ fd: Int32) -> Int? {
        guard isTerminal(fd) else { return nil }
        var size = winsize()
        guard ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    /// Columns to wrap standard output to: nil when it is not a terminal (output for
    /// a pipe or file is never wrapped); otherwise `$COLUMNS` if set to a positive
    /// number, else the terminal's own width.
    static func wrapColumns(environment: [String: String] = ProcessInfo.processInfo.environment,
                            isTerminal: Bool = Terminal.isTerminal(STDOUT_FILENO)) -> Int? {
        guard isTerminal else { return nil }
        if let text = environment["COLUMNS"], let columns = Int(text), columns > 0 { return columns }
        return reportedColumns(STDOUT_FILENO)
    }

    /// Whether `--color auto` colours: on a terminal, unless `NO_COLOR` is set or
    /// `TERM` is `dumb` (a terminal that cannot show escapes).
    static func wantsColour(environment: [String: String] = ProcessInfo.processInfo.environment,
                            isTerminal: Bool = Terminal.isTerminal(STDOUT_FILENO)) -> Bool {
        isTerminal && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
    }

    /// `line` cut to fit in `columns - 1` characters (the last column is left free so
    /// the cursor never wraps to a new line); unchanged when `columns` is nil.
    static func fitted(_ line: String, columns: Int?) -> String {
        guard let columns, line.count > columns - 1 else { return line }
        return String(line.prefix(max(0, columns - 2))) + "…"
    }
}
