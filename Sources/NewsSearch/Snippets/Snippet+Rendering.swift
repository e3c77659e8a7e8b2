extension Snippet {
    /// The snippet with ANSI bold yellow around highlights, for a colour terminal.
    public var ansi: String {
        runs.map { $0.highlighted ? "\u{1B}[1;33m\($0.text)\u{1B}[0m" : String($0.text) }.joined()
    }

    /// The snippet with `open` and `close` around highlights (`--marker '[' ']'`).
    public func marked(open: String = "[", close: String = "]") -> String {
        runs.map { $0.highlighted ? open + $0.text + close : String($0.text) }.joined()
    }

    /// The snippet as HTML: all text escaped, highlights in `<mark>`.
    public var html: String {
        runs.map { $0.highlighted ? "<mark>\(Self.htmlEscaped($0.text))</mark>" : Self.htmlEscaped($0.text) }.joined()
    }

    /// `text` with `&`, `<`, `>`, `"` and `'` as HTML character references, safe in
    /// element content and in quoted attribute values.
    public static func htmlEscaped(_ text: some StringProtocol) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
