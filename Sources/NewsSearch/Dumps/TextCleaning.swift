/// Small text clean-ups shared by the dump readers.
enum TextCleaning {
    /// Trims the ends and folds every run of whitespace (including control characters)
    /// into one space. Curly quotes, dashes and all other characters are kept.
    static func collapseWhitespace(_ text: some StringProtocol) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace || scalar.value < 0x20 || scalar.value == 0x7F {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" ") }
                pendingSpace = false
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Splits text into paragraphs at blank lines and at indented lines, joining
    /// hard-wrapped lines inside a paragraph with a space (wire-service layout).
    static func wrappedParagraphs(_ text: String) -> [String] {
        var paragraphs: [String] = []
        var current: [Substring] = []
        func flush() {
            if !current.isEmpty {
                let joined = collapseWhitespace(current.joined(separator: " "))
                if !joined.isEmpty { paragraphs.append(joined) }
                current = []
            }
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.allSatisfy(\.isWhitespace) {
                flush()
            } else {
                if line.first == " " || line.first == "\t" { flush() }
                current.append(line)
            }
        }
        flush()
        return paragraphs
    }
}
