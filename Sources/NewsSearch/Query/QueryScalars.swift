/// The text a query lexer reads (``QueryLexer``): the query's Unicode scalars, control
/// characters other than white space dropped (``QueryLexer/isDropped(_:)``), each with
/// the 1-based column (`Character` of the typed text) it came from, for messages.
///
/// ASCII text is read from its bytes, without breaking it into `Character`s (a fifth of
/// parsing a short query, measured): every byte is a character but for `\r\n`, which is
/// one. A token's text is then its bytes.
struct QueryScalars {
    private(set) var scalars: [Unicode.Scalar] = []
    private(set) var columns: [Int] = []
    /// Whether every scalar is ASCII.
    private var isASCII = false

    init(_ text: String) {
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            readASCII(text)
            return
        }
        var column = 0
        for character in text {
            column += 1
            for scalar in character.unicodeScalars where !QueryLexer.isDropped(scalar) {
                scalars.append(scalar)
                columns.append(column)
            }
        }
    }

    private mutating func readASCII(_ text: String) {
        scalars.reserveCapacity(text.utf8.count)
        columns.reserveCapacity(text.utf8.count)
        var column = 0
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if !(byte == 0x0A && previous == 0x0D) { column += 1 }
            previous = byte
            let scalar = Unicode.Scalar(byte)
            guard !QueryLexer.isDropped(scalar) else { continue }
            scalars.append(scalar)
            columns.append(column)
        }
        isASCII = true
    }

    /// The text of the scalars in `range`.
    func text(_ range: Range<Int>) -> String {
        if isASCII {
            return String(unsafeUninitializedCapacity: range.count) { buffer in
                for (slot, index) in range.enumerated() { buffer[slot] = UInt8(truncatingIfNeeded: scalars[index].value) }
                return range.count
            }
        }
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars[range])
        return text
    }
}
