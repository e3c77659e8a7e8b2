import Foundation

/// Reads JSON Lines (`.jsonl`, `.ndjson`) or a JSON array of article objects.
///
/// Keys follow the usual news-export conventions: `id`; `title`; the text in `text`,
/// `maintext`, `body` or `content`; `author` or `authors` (string or list);
/// `date`, `date_publish`, `published`, `published_at` or `pubDate`; `url`; `source` or
/// `domain`; `category` or `section`; `place` or `country`; `lang` or `language`. The text is sectioned by
/// ``Sectionizer``. A line that is not a JSON object is reported and skipped; an
/// object with neither title nor text too.
public struct JSONArticleReader: DumpReader {
    static let textKeys = ["text", "maintext", "body", "content"]
    static let authorKeys = ["author", "authors"]
    static let dateKeys = ["date", "date_publish", "published", "published_at", "pubDate", "pubdate", "date_published"]
    static let sourceKeys = ["source", "source_domain", "domain"]
    static let categoryKeys = ["category", "categories", "section", "topics"]
    static let placeKeys = ["place", "places", "country"]
    static let langKeys = ["lang", "language"]

    public init() {}

    public func read(text: String, path: String, emit: (Result<Article, DumpError>) -> Void) {
        let trimmed = text.drop { $0.isWhitespace }
        if trimmed.first == "[" {
            readArray(text: text, path: path, emit: emit)
            return
        }
        // Lines are cut on UTF-8 bytes: splitting the String cost a grapheme break test
        // per character of every article.
        var text = text
        text.withUTF8 { bytes in
            var record = 0
            var start = 0
            while start <= bytes.count {
                let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
                let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
                start = end + 1
                record += 1
                guard !Self.isBlank(line) else { continue }
                guard let object = try? JSONSerialization.jsonObject(with: Data(buffer: line)) else {
                    emit(.failure(.malformedRecord(path: path, record: record, reason: "line is not valid JSON")))
                    continue
                }
                emit(Self.article(from: object, path: path, record: record))
            }
        }
    }

    /// Whether a line holds only white space (ASCII, or any Unicode space).
    private static func isBlank(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        if line.allSatisfy({ $0 == 0x20 || (0x09...0x0D).contains($0) }) { return true }
        guard line.contains(where: { $0 >= 0x80 }) else { return false }
        return String(decoding: line, as: UTF8.self).allSatisfy(\.isWhitespace)
    }

    /// Reads a JSON array one element at a time (``JSONArrayScanner``): memory stays
    /// near the file's size however many articles it holds, and one bad element is
    /// reported as that record while the others are read.
    private func readArray(text: String, path: String, emit: (Result<Article, DumpError>) -> Void) {
        var text = text
        text.makeContiguousUTF8()
        text.utf8.withContiguousStorageIfAvailable { bytes in
            var record = 0
            do throws(JSONArrayScanner.Truncated) {
                try JSONArrayScanner.scan(bytes) { range in
                    record += 1
                    let slice = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[range])
                    let data = Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: slice.baseAddress!), count: slice.count,
                                    deallocator: .none)
                    guard let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else {
                        emit(.failure(.malformedRecord(path: path, record: record, reason: "array element is not valid JSON")))
                        return
                    }
                    emit(Self.article(from: object, path: path, record: record))
                }
            } catch {
                emit(.failure(.malformedRecord(path: path, record: error.elements + 1,
                                               reason: "the JSON array is cut off before its closing `]`")))
            }
        }
    }

    static func article(from value: Any, path: String, record: Int) -> Result<Article, DumpError> {
        guard let object = value as? [String: Any] else {
            return .failure(.malformedRecord(path: path, record: record, reason: "not a JSON object"))
        }
        let body = textKeys.lazy.compactMap { string(object[$0]) }.first ?? ""
        var paragraphs = TextCleaning.lines(body)
        // A missing title stays empty: promoting the text to a title would make every
        // word of it count as a title match. An over-long one is cut (``TitleLength``).
        let (title, rest) = TitleLength.split(string(object["title"]).map(TextCleaning.collapseWhitespace) ?? "")
        if let rest { paragraphs.insert(rest, at: 0) }
        guard !title.isEmpty || !paragraphs.isEmpty else {
            return .failure(.malformedRecord(path: path, record: record, reason: "no title and no text",
                                             id: string(object["id"]).map { "id \(DumpError.displayed(String($0.prefix(80))))" }))
        }
        let parts = Sectionizer().split(paragraphs: paragraphs)
        let author = authorKeys.lazy.compactMap { string(object[$0]) }.first ?? parts.author
        var article = Article(
            externalID: string(object["id"]),
            title: title,
            author: author,
            date: dateKeys.lazy.compactMap { string(object[$0]) }.first,
            url: string(object["url"]),
            sections: parts.sections,
            related: parts.related)
        article.source = sourceKeys.lazy.compactMap { string(object[$0]) }.first
        article.categories = categoryKeys.lazy.map { strings(object[$0]) }.first { !$0.isEmpty } ?? []
        article.places = placeKeys.lazy.map { strings(object[$0]) }.first { !$0.isEmpty } ?? []
        article.lang = langKeys.lazy.compactMap { string(object[$0]) }.first
        return .success(article)
    }

    /// The values of a string or list field, each trimmed and on one line.
    static func strings(_ value: Any?) -> [String] {
        let items = (value as? [Any]).map { $0.compactMap { string($0) } } ?? string(value).map { [$0] } ?? []
        return items.map(TextCleaning.collapseWhitespace).filter { !$0.isEmpty }
    }

    /// A non-empty string from a JSON value: strings as they are, numbers printed,
    /// lists of strings joined with `, `.
    static func string(_ value: Any?) -> String? {
        switch value {
        case let text as String:
            let trimmed = TextCleaning.trimmingWhitespace(text)
            return trimmed.isEmpty ? nil : trimmed
        case let number as NSNumber:
            return number.stringValue
        case let list as [Any]:
            let joined = list.compactMap { string($0) }.joined(separator: ", ")
            return joined.isEmpty ? nil : joined
        default:
            return nil
        }
    }
}
