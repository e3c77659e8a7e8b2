/// Turns the raw bytes of a dump file into text.
///
/// UTF-8 is tried first (a byte-order mark is dropped). When the bytes are not valid
/// UTF-8 the whole file is decoded as Windows-1252, the usual encoding of older Western
/// news text (a superset of Latin-1 in the printable range), so that a stray `0xA3`
/// becomes `£` instead of the file being lost. Line endings are normalised to `\n`.
public enum TextDecoding {
    /// The encoding that was used to decode a file.
    public enum Encoding: String, Sendable { case utf8, windows1252 }

    /// Whether the bytes look like a binary file: a NUL byte, or more than 10 % control
    /// characters other than tab, CR, LF and form feed, in the first 8 KiB.
    public static func looksBinary(_ bytes: some Collection<UInt8>) -> Bool {
        var controls = 0
        var seen = 0
        for byte in bytes.prefix(8192) {
            seen += 1
            if byte == 0 { return true }
            if byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D && byte != 0x0C {
                controls += 1
            }
        }
        return seen > 0 && controls * 10 > seen
    }

    /// Decodes `bytes`, returning the text with `\n` line endings and the encoding used.
    public static func decode(_ bytes: [UInt8]) -> (text: String, encoding: Encoding) {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        let text: String
        let encoding: Encoding
        if let utf8 = String(validating: body, as: UTF8.self) {
            text = utf8
            encoding = .utf8
        } else {
            text = decodeWindows1252(body)
            encoding = .windows1252
        }
        return (normaliseLineEndings(text), encoding)
    }

    static func normaliseLineEndings(_ text: String) -> String {
        guard text.utf8.contains(0x0D) else { return text }
        return text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }

    /// Code points of bytes 0x80–0x9F in Windows-1252; the five undefined bytes map to
    /// their Latin-1 control code points so that no byte is lost.
    private static let highControls: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    static func decodeWindows1252(_ bytes: ArraySlice<UInt8>) -> String {
        var utf8: [UInt8] = []
        utf8.reserveCapacity(bytes.count + bytes.count / 8)
        for byte in bytes {
            if byte < 0x80 {
                utf8.append(byte)
                continue
            }
            let value = byte <= 0x9F ? highControls[Int(byte) - 0x80] : UInt32(byte)
            utf8.append(contentsOf: Unicode.UTF8.encode(Unicode.Scalar(value)!)!)
        }
        return String(decoding: utf8, as: UTF8.self)
    }
}
