import Foundation

/// Reads Reuters-21578 SGML (`reut2-NNN.sgm`): many `<REUTERS>` records per file.
///
/// Each record gives `NEWID` (the external id), `<DATE>`, `<TITLE>`, `<AUTHOR>`,
/// `<DATELINE>`, `<BODY>`, `<TOPICS>` (categories) and `<PLACES>`; records of type `UNPROC` keep their text directly in
/// `<TEXT>`. Character entities (`&#3;`, `&lt;`, `&amp;` …) are decoded and control
/// characters dropped. The body is hard-wrapped: paragraphs start at indented lines.
/// Wire copy has no headings, so each article is a single lead section; the closing
/// `Reuter` sign-off is dropped.
public struct ReutersSGMLReader: DumpReader {
    public init() {}

    public func read(text: String, path: String, emit: (Result<Article, DumpError>) -> Void) {
        let bytes = Array(text.utf8)
        var cursor = 0
        var record = 0
        while let start = Self.find(Self.open, in: bytes, from: cursor) {
            record += 1
            guard let end = Self.find(Self.close, in: bytes, from: start) else {
                emit(.failure(.malformedRecord(path: path, record: record, reason: "<REUTERS> without </REUTERS>")))
                return
            }
            emit(Self.article(bytes[start..<(end + Self.close.count)], path: path, record: record))
            cursor = end + Self.close.count
        }
        if record == 0 { emit(.failure(.noArticles(path: path))) }
    }

    static let open = Array("<REUTERS".utf8)
    static let close = Array("</REUTERS>".utf8)

    /// The first index of `needle` in `haystack` at or after `from`, found with the C
    /// library's `memchr` and `memcmp` (vectorised; a byte-by-byte Swift loop was 9 % of
    /// indexing).
    static func find<Bytes: RandomAccessCollection<UInt8>>(_ needle: [UInt8], in haystack: Bytes, from: Int) -> Int?
        where Bytes.Index == Int {
        let start = max(from, haystack.startIndex)
        guard !needle.isEmpty, haystack.endIndex - start >= needle.count else { return nil }
        let found: Int?? = haystack.withContiguousStorageIfAvailable { buffer -> Int? in
            let offset = start - haystack.startIndex
            guard let base = buffer.baseAddress else { return nil }
            return needle.withUnsafeBytes { needleBytes -> Int? in
                var position = offset
                let last = buffer.count - needle.count
                while position <= last {
                    guard let hit = memchr(base + position, Int32(needle[0]), last - position + 1) else { return nil }
                    let index = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
                    if memcmp(hit, needleBytes.baseAddress!, needle.count) == 0 { return haystack.startIndex + index }
                    position = index + 1
                }
                return nil
            }
        }
        if let found { return found }
        // Non-contiguous collections: a plain scan.
        var index = start
        while index <= haystack.endIndex - needle.count {
            if haystack[index] == needle[0], haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    static func article(_ sgml: ArraySlice<UInt8>, path: String, record: Int) -> Result<Article, DumpError> {
        let tagEnd = sgml.firstIndex(of: UInt8(ascii: ">")) ?? sgml.endIndex
        let newID = attribute("NEWID", in: sgml[sgml.startIndex..<tagEnd])
        let (title, rest) = TitleLength.split(element(.title, in: sgml).map(TextCleaning.collapseWhitespace) ?? "")
        let dateline = element(.dateline, in: sgml).map(TextCleaning.collapseWhitespace) ?? ""
        var bodyText = element(.body, in: sgml)
        if bodyText == nil, title.isEmpty, let text = element(.text, in: sgml) {
            bodyText = text
        }
        var paragraphs = TextCleaning.wrappedParagraphs(bodyText ?? "")
        if let last = paragraphs.last, ["reuter", "reuters"].contains(last.lowercased()) {
            paragraphs.removeLast()
        }
        if !dateline.isEmpty, !paragraphs.isEmpty { paragraphs[0] = dateline + " " + paragraphs[0] }
        if let rest { paragraphs.insert(rest, at: 0) }
        guard !title.isEmpty || !paragraphs.isEmpty else {
            return .failure(.malformedRecord(path: path, record: record, reason: "no title and no text",
                                             id: newID.map { "NEWID \($0)" }))
        }
        let author = element(.author, in: sgml).map { author in
            var name = TextCleaning.collapseWhitespace(author)
            if name.lowercased().hasPrefix("by ") { name = String(name.dropFirst(3)) }
            return name.split(separator: ",").first.map(String.init) ?? name
        }
        let sections = paragraphs.isEmpty ? [] : [Section(heading: "", text: paragraphs.joined(separator: "\n"))]
        var article = Article(
            externalID: newID,
            title: title.isEmpty ? String(paragraphs[0].prefix(80)) : title,
            author: author,
            date: element(.date, in: sgml).map(TextCleaning.collapseWhitespace),
            sections: sections)
        article.categories = items(.topics, in: sgml)
        article.places = items(.places, in: sgml)
        return .success(article)
    }

    /// The decoded text between `<NAME…>` and `</NAME>`, or nil.
    /// An element name with its opening and closing tag bytes, built once.
    struct Tag {
        let open: [UInt8]
        let close: [UInt8]
        init(_ name: String) {
            open = Array("<\(name)".utf8)
            close = Array("</\(name)>".utf8)
        }
        static let title = Tag("TITLE"), dateline = Tag("DATELINE"), body = Tag("BODY")
        static let text = Tag("TEXT"), author = Tag("AUTHOR"), date = Tag("DATE")
        static let topics = Tag("TOPICS"), places = Tag("PLACES"), item = Tag("D")
    }

    static func element(_ tag: Tag, in sgml: ArraySlice<UInt8>) -> String? {
        let openTag = tag.open
        var from = sgml.startIndex
        while let open = find(openTag, in: sgml, from: from) {
            let next = open + openTag.count
            guard next < sgml.endIndex else { return nil }
            if sgml[next] == UInt8(ascii: ">") || sgml[next] == UInt8(ascii: " ") {
                guard let openEnd = sgml[next...].firstIndex(of: UInt8(ascii: ">")),
                      let close = find(tag.close, in: sgml, from: openEnd) else { return nil }
                return decodeEntities(sgml[(openEnd + 1)..<close])
            }
            from = next
        }
        return nil
    }

    /// The `<D>` items of a list element such as `<TOPICS><D>grain</D><D>wheat</D></TOPICS>`.
    static func items(_ tag: Tag, in sgml: ArraySlice<UInt8>) -> [String] {
        guard let open = find(tag.open, in: sgml, from: sgml.startIndex),
              let close = find(tag.close, in: sgml, from: open) else { return [] }
        let list = sgml[open..<close]
        var values: [String] = []
        var from = list.startIndex
        while let start = find(Tag.item.open, in: list, from: from), let end = find(Tag.item.close, in: list, from: start) {
            let value = decodeEntities(list[(start + Tag.item.open.count + 1)..<end]).trimmingCharacters(in: .whitespaces)
            if !value.isEmpty { values.append(value) }
            from = end
        }
        return values
    }

    static func attribute(_ name: String, in tag: ArraySlice<UInt8>) -> String? {
        let needle = Array("\(name)=\"".utf8)
        guard let start = find(needle, in: tag, from: tag.startIndex) else { return nil }
        let valueStart = start + needle.count
        let valueEnd = tag[valueStart...].firstIndex(of: UInt8(ascii: "\"")) ?? tag.endIndex
        return valueEnd > valueStart ? String(decoding: tag[valueStart..<valueEnd], as: UTF8.self) : nil
    }

    /// Decodes SGML character references; numeric references to control characters
    /// (`&#3;`, the wire's end-of-text mark) are dropped, as are tags inside the text
    /// and raw control characters other than newline and tab.
    static func decodeEntities(_ text: ArraySlice<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var index = text.startIndex
        while index < text.endIndex {
            let byte = text[index]
            if byte == UInt8(ascii: "&"),
               let semicolon = text[index..<min(index + 10, text.endIndex)].firstIndex(of: UInt8(ascii: ";")),
               let decoded = entity(String(decoding: text[(index + 1)..<semicolon], as: UTF8.self)) {
                out += decoded.utf8
                index = semicolon + 1
                continue
            }
            if byte == UInt8(ascii: "<"), let close = text[index...].firstIndex(of: UInt8(ascii: ">")) {
                index = close + 1
                continue
            }
            if byte < 0x20 && byte != 0x0A && byte != 0x09 {
                index += 1
                continue
            }
            out.append(byte)
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func entity(_ name: String) -> String? {
        switch name {
        case "lt": return "<"
        case "gt": return ">"
        case "amp": return "&"
        case "quot": return "\""
        case "apos": return "'"
        default:
            guard name.first == "#", let code = UInt32(name.dropFirst()), let scalar = Unicode.Scalar(code) else { return nil }
            return code < 0x20 && code != 0x0A && code != 0x09 ? "" : String(Character(scalar))
        }
    }
}
