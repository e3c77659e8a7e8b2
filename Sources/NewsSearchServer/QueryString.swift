import Foundation

/// The parameters of a request's query string, decoded as browsers encode forms: `+` is
/// a space, `%XX` a byte of UTF-8. A key given twice keeps its last value.
struct QueryString: Sendable {
    private var values: [String: String] = [:]

    init(_ raw: String) {
        for pair in raw.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = Self.decode(parts[0])
            values[key] = parts.count > 1 ? Self.decode(parts[1]) : ""
        }
    }

    subscript(key: String) -> String? { values[key] }

    /// An integer parameter within `range`, `fallback` when absent.
    func integer(_ key: String, default fallback: Int, in range: ClosedRange<Int>) throws(APIError) -> Int {
        guard let text = values[key], !text.isEmpty else { return fallback }
        guard let value = Int(text), range.contains(value) else {
            throw APIError(.badRequest, "`\(key)` must be a whole number from \(range.lowerBound) to \(range.upperBound), not `\(text.prefix(40))`")
        }
        return value
    }

    /// A yes/no parameter: `1`, `true`, `yes`, `on` or empty (present) mean yes.
    func flag(_ key: String) throws(APIError) -> Bool {
        guard let text = values[key]?.lowercased() else { return false }
        switch text {
        case "", "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default: throw APIError(.badRequest, "`\(key)` must be true or false, not `\(text.prefix(40))`")
        }
    }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
