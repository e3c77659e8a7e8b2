import Foundation

/// The dump formats newssearch reads, detected by extension and by content.
public enum DumpFormat: String, Sendable, CaseIterable, Codable {
    case plainText = "text"
    case jsonLines = "json"
    case reutersSGML = "reuters-sgml"

    /// Extensions that are read as dumps; any other file is ignored by the walker.
    public static let knownExtensions: Set<String> = ["", "txt", "text", "json", "jsonl", "ndjson", "sgm", "sgml"]

    /// Whether a file name has a dump extension, directly or inside a gzip name:
    /// `a.txt`, `a.jsonl.gz`, `reut2-000.sgm.gz` and `a.gz` (an extensionless text) all are.
    public static func isDumpName(_ name: String) -> Bool {
        knownExtensions.contains(innerExtension(of: name))
    }

    /// Whether `name` ends in `.gz` (read through zlib, ``Gzip``).
    public static func isCompressed(_ name: String) -> Bool {
        (name as NSString).pathExtension.lowercased() == "gz"
    }

    /// The extension that says the format, lowercased: the one before `.gz` for a compressed file.
    public static func innerExtension(of name: String) -> String {
        let base = (name as NSString).lastPathComponent
        let inner = isCompressed(base) ? (base as NSString).deletingPathExtension : base
        return (inner as NSString).pathExtension.lowercased()
    }

    /// Picks the format from the extension and, for ambiguous files, the first bytes:
    /// `<REUTERS` or a `.sgm` extension means Reuters SGML; a leading `{` or `[` or a
    /// JSON extension means JSON; anything else is a plain-text article.
    public static func detect(pathExtension: String, text: String) -> DumpFormat {
        switch pathExtension.lowercased() {
        case "sgm", "sgml": return .reutersSGML
        case "json", "jsonl", "ndjson": return .jsonLines
        default: break
        }
        let head = text.utf8.prefix(4096)
        guard let first = head.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x09 }) else { return .plainText }
        if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") { return .jsonLines }
        if ReutersSGMLReader.find(ReutersSGMLReader.open, in: Array(head), from: 0) != nil { return .reutersSGML }
        return .plainText
    }

    public var reader: any DumpReader {
        switch self {
        case .plainText: PlainTextReader()
        case .jsonLines: JSONArticleReader()
        case .reutersSGML: ReutersSGMLReader()
        }
    }
}
