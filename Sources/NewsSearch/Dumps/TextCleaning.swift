/// Small text clean-ups shared by the dump readers, done on UTF-8 bytes (the Unicode
/// property look-ups of `Character.isWhitespace` cost more than the rest of parsing).
enum TextCleaning {
    /// `text` without leading and trailing white space, as Foundation's
    /// `.whitespacesAndNewlines` has it: the Unicode White_Space property and U+200B
    /// ZERO WIDTH SPACE (a test compares the two). Foundation's `trimmingCharacters(in:)`
    /// goes through NSString and UTF-16 and copies: on JSON Lines dumps it cost more than
    /// parsing the JSON. A text with nothing to trim is returned as it is.
    static func trimmingWhitespace(_ text: String) -> String {
        let scalars = text.unicodeScalars
        let kept = { (scalar: Unicode.Scalar) in !scalar.properties.isWhitespace && scalar != "\u{200B}" }
        guard let first = scalars.firstIndex(where: kept), let last = scalars.lastIndex(where: kept) else { return "" }
        if first == scalars.startIndex, scalars.index(after: last) == scalars.endIndex { return text }
        return String(scalars[first...last])
    }

    /// Trims the ends and folds every run of whitespace (ASCII and Unicode spaces, line
    /// separators, control characters) into one space. All other characters, curly
    /// quotes and dashes included, are kept.
    static func collapseWhitespace(_ text: some StringProtocol) -> String {
        collapseWhitespace(bytes: Array(text.utf8)[...])
    }

    static func collapseWhitespace(bytes: ArraySlice<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var pendingSpace = false
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let width = whitespaceWidth(bytes, at: index)
            if width > 0 {
                pendingSpace = !out.isEmpty
                index += width
            } else {
                if pendingSpace { out.append(0x20) }
                pendingSpace = false
                out.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The byte length of the whitespace or control character at `index`, or 0.
    @inline(__always)
    static func whitespaceWidth(_ bytes: ArraySlice<UInt8>, at index: Int) -> Int {
        let byte = bytes[index]
        if byte <= 0x20 || byte == 0x7F { return 1 }
        if byte < 0xC2 { return 0 }
        let end = bytes.endIndex
        switch byte {
        case 0xC2:  // U+0085 NEL, U+00A0 NO-BREAK SPACE
            return index + 1 < end && (bytes[index + 1] == 0x85 || bytes[index + 1] == 0xA0) ? 2 : 0
        case 0xE1:  // U+1680 OGHAM SPACE MARK
            return index + 2 < end && bytes[index + 1] == 0x9A && bytes[index + 2] == 0x80 ? 3 : 0
        case 0xE2:  // U+2000–200A, U+2028, U+2029, U+202F, U+205F
            guard index + 2 < end else { return 0 }
            let second = bytes[index + 1], third = bytes[index + 2]
            if second == 0x80, third <= 0x8A || third == 0xA8 || third == 0xA9 || third == 0xAF { return 3 }
            if second == 0x81, third == 0x9F { return 3 }
            return 0
        case 0xE3:  // U+3000 IDEOGRAPHIC SPACE
            return index + 2 < end && bytes[index + 1] == 0x80 && bytes[index + 2] == 0x80 ? 3 : 0
        default:
            return 0
        }
    }

    /// Non-empty lines of `text` with whitespace collapsed.
    static func lines(_ text: String) -> [String] {
        Array(text.utf8).split(separator: 0x0A).map { collapseWhitespace(bytes: $0) }.filter { !$0.isEmpty }
    }

    /// Splits text into paragraphs at blank lines and at indented lines, joining
    /// hard-wrapped lines inside a paragraph with a space (wire-service layout).
    static func wrappedParagraphs(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        var paragraphs: [String] = []
        var current: [UInt8] = []
        func flush() {
            if !current.isEmpty {
                let joined = collapseWhitespace(bytes: current[...])
                if !joined.isEmpty { paragraphs.append(joined) }
                current = []
            }
        }
        for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) {
                flush()
            } else {
                if line.first == 0x20 || line.first == 0x09 { flush() }
                if !current.isEmpty { current.append(0x20) }
                current += line
            }
        }
        flush()
        return paragraphs
    }
}
