import Foundation

/// Reads Reuters-21578 SGML (`reut2-NNN.sgm`): many `<REUTERS>` records per file.
///
/// Each record gives `NEWID` (the external id), `<DATE>`, `<TITLE>`, `<AUTHOR>`,
/// `<DATELINE>` and `<BODY>`; records of type `UNPROC` keep their text directly in
/// `<TEXT>`. Character entities (`&#3;`, `&lt;`, `&amp;` …) are decoded and control
/// characters dropped. The body is hard-wrapped: paragraphs start at indented lines.
/// Wire copy has no headings, so each article is a single lead section; the closing
/// `Reuter` sign-off is dropped.
public struct ReutersSGMLReader: DumpReader {
    public init() {}

    public func read(text: String, path: String, emit: (Result<Article, DumpError>) -> Void) {
        var rest = Substring(text)
        var record = 0
        while let start = rest.range(of: "<REUTERS") {
            record += 1
            guard let end = rest.range(of: "</REUTERS>", range: start.upperBound..<rest.endIndex) else {
                emit(.failure(.malformedRecord(path: path, record: record, reason: "<REUTERS> without </REUTERS>")))
                return
            }
            emit(Self.article(rest[start.lowerBound..<end.upperBound], path: path, record: record))
            rest = rest[end.upperBound...]
        }
        if record == 0 { emit(.failure(.noArticles(path: path))) }
    }

    static func article(_ sgml: Substring, path: String, record: Int) -> Result<Article, DumpError> {
        let openTag = sgml.prefix { $0 != ">" }
        let newID = attribute("NEWID", in: openTag)
        let title = element("TITLE", in: sgml).map(TextCleaning.collapseWhitespace) ?? ""
        let dateline = element("DATELINE", in: sgml).map(TextCleaning.collapseWhitespace) ?? ""
        var bodyText = element("BODY", in: sgml)
        if bodyText == nil, title.isEmpty, let text = element("TEXT", in: sgml) {
            bodyText = text
        }
        var paragraphs = TextCleaning.wrappedParagraphs(bodyText ?? "")
        if let last = paragraphs.last, ["reuter", "reuters"].contains(last.lowercased()) {
            paragraphs.removeLast()
        }
        if !dateline.isEmpty, !paragraphs.isEmpty { paragraphs[0] = dateline + " " + paragraphs[0] }
        guard !title.isEmpty || !paragraphs.isEmpty else {
            return .failure(.malformedRecord(path: path, record: record, reason: "record \(newID ?? "?") has no title and no text"))
        }
        let author = element("AUTHOR", in: sgml).map { author in
            var name = TextCleaning.collapseWhitespace(author)
            if name.lowercased().hasPrefix("by ") { name = String(name.dropFirst(3)) }
            return name.split(separator: ",").first.map(String.init) ?? name
        }
        let sections = paragraphs.isEmpty ? [] : [Section(heading: "", text: paragraphs.joined(separator: "\n"))]
        return .success(Article(
            externalID: newID,
            title: title.isEmpty ? String(paragraphs[0].prefix(80)) : title,
            author: author,
            date: element("DATE", in: sgml).map(TextCleaning.collapseWhitespace),
            sections: sections))
    }

    /// The decoded text between `<NAME…>` and `</NAME>`, or nil.
    static func element(_ name: String, in sgml: Substring) -> String? {
        guard let open = sgml.range(of: "<\(name)"),
              let openEnd = sgml[open.upperBound...].firstIndex(of: ">"),
              let close = sgml.range(of: "</\(name)>", range: openEnd..<sgml.endIndex) else { return nil }
        let next = sgml[open.upperBound]
        guard next == ">" || next == " " else { return nil }
        return decodeEntities(sgml[sgml.index(after: openEnd)..<close.lowerBound])
    }

    static func attribute(_ name: String, in tag: Substring) -> String? {
        guard let range = tag.range(of: "\(name)=\"") else { return nil }
        let value = tag[range.upperBound...].prefix { $0 != "\"" }
        return value.isEmpty ? nil : String(value)
    }

    /// Decodes SGML character references; numeric references to control characters
    /// (`&#3;`, the wire's end-of-text mark) are dropped, tags inside the text removed.
    static func decodeEntities(_ text: Substring) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "&", let semicolon = text[index...].prefix(10).firstIndex(of: ";") {
                let name = text[text.index(after: index)..<semicolon]
                if let decoded = entity(name) {
                    out.append(contentsOf: decoded)
                    index = text.index(after: semicolon)
                    continue
                }
            }
            if character == "<", let close = text[index...].firstIndex(of: ">") {
                index = text.index(after: close)
                continue
            }
            if let scalar = character.unicodeScalars.first, scalar.value < 0x20, character != "\n", character != "\t" {
                index = text.index(after: index)
                continue
            }
            out.append(character)
            index = text.index(after: index)
        }
        return out
    }

    static func entity(_ name: Substring) -> String? {
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
