import Foundation

/// Reads a scraped-page text dump: one article per file.
///
/// The first non-empty line is the title; every other non-empty line is a paragraph
/// (paragraphs may be separated by blank lines or not). The paragraphs are then
/// sectioned by ``Sectionizer``. A title over ``TitleLength/maximum`` characters is cut
/// and the rest becomes the first paragraph.
public struct PlainTextReader: DumpReader {
    public init() {}

    public func read(text: String, path: String, emit: (Result<Article, DumpError>) -> Void) {
        if let headers = MailHeaders(text), let message = Self.message(headers) {
            emit(.success(message))
            return
        }
        var lines = TextCleaning.lines(text)
        guard !lines.isEmpty else {
            emit(.failure(.noArticles(path: path)))
            return
        }
        let (title, rest) = TitleLength.split(lines.removeFirst())
        if let rest { lines.insert(rest, at: 0) }
        let date = Self.takeDateLine(from: &lines)
        let parts = Sectionizer().split(paragraphs: lines)
        emit(.success(Article(title: title, author: parts.author, date: date,
                              sections: SectionLines.located(parts.sections, in: text), related: parts.related)))
    }

    /// A mail or Usenet message: `Subject:` is the title, `From:` the author, `Date:`
    /// the date, `Newsgroups:` the categories; the body is sectioned as usual.
    static func message(_ headers: MailHeaders) -> Article? {
        let lines = TextCleaning.lines(String(headers.body))
        let title = headers.fields["subject"].map(TextCleaning.collapseWhitespace) ?? ""
        guard !title.isEmpty || !lines.isEmpty else { return nil }
        let parts = Sectionizer().split(paragraphs: lines)
        var article = Article(title: TitleLength.split(title).0, author: headers.fields["from"], date: headers.fields["date"],
                              sections: parts.sections, related: parts.related)
        article.categories = (headers.fields["newsgroups"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        return article
    }

    /// Removes a `Date: …` line among the first few and returns its value, when the
    /// value is a date ``PublicationDate`` reads (so that prose starting `Date:` stays).
    static func takeDateLine(from lines: inout [String]) -> String? {
        for index in lines.indices.prefix(8) where lines[index].hasPrefix("Date:") || lines[index].hasPrefix("Published:") {
            let value = lines[index].drop { $0 != ":" }.dropFirst().trimmingCharacters(in: .whitespaces)
            guard PublicationDate.seconds(from: value) != nil else { continue }
            lines.remove(at: index)
            return value
        }
        return nil
    }
}
