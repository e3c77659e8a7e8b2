/// Finds the byte range of each element of a top-level JSON array without parsing it,
/// so that a large array is decoded one element at a time (JSONSerialization on the
/// whole of a 200 MB array took 7 times the file in memory).
///
/// The scan tracks nesting of `[`/`{` and skips strings (with their `\` escapes), so a
/// `,` or `]` inside a string or a nested value never splits an element. It does not
/// validate the elements: each is handed to a JSON parser on its own.
struct JSONArrayScanner {
    /// The array ended before its closing `]` (the file is cut off).
    struct Truncated: Error { var elements: Int }

    /// Calls `element` with the range (whitespace trimmed) of each array element in order,
    /// `bytes` starting at the array's `[` (leading whitespace allowed).
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>, element: (Range<Int>) -> Void) throws(Truncated) {
        var index = 0
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }
        while index < bytes.count, isSpace(bytes[index]) { index += 1 }
        guard index < bytes.count, bytes[index] == UInt8(ascii: "[") else { throw Truncated(elements: 0) }
        index += 1
        var depth = 0
        var inString = false
        var start: Int?
        var end = index
        var count = 0
        func finish() {
            if let first = start {
                element(first..<end)
                count += 1
            }
            start = nil
        }
        while index < bytes.count {
            let byte = bytes[index]
            if inString {
                if byte == UInt8(ascii: "\\") {
                    index += 2
                    end = min(index, bytes.count)
                    continue
                }
                if byte == UInt8(ascii: "\"") { inString = false }
                index += 1
                end = index
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
            case UInt8(ascii: "]") where depth == 0:
                finish()
                return
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth -= 1
            case UInt8(ascii: ",") where depth == 0:
                finish()
                index += 1
                continue
            default:
                break
            }
            if !isSpace(byte) {
                if start == nil { start = index }
                end = index + 1
            }
            index += 1
        }
        throw Truncated(elements: count)
    }
}
