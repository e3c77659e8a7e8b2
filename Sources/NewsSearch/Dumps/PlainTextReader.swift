/// Reads a scraped-page text dump: one article per file.
///
/// The first non-empty line is the title; every other non-empty line is a paragraph
/// (paragraphs may be separated by blank lines or not). The paragraphs are then
/// sectioned by ``Sectionizer``. A title over ``TitleLength/maximum`` characters is cut
/// and the rest becomes the first paragraph.
public struct PlainTextReader: DumpReader {
    public init() {}

    public func read(text: String, path: String, emit: (Result<Article, DumpError>) -> Void) {
        var lines = TextCleaning.lines(text)
        guard !lines.isEmpty else {
            emit(.failure(.noArticles(path: path)))
            return
        }
        let (title, rest) = TitleLength.split(lines.removeFirst())
        if let rest { lines.insert(rest, at: 0) }
        let parts = Sectionizer().split(paragraphs: lines)
        emit(.success(Article(title: title, author: parts.author, sections: parts.sections, related: parts.related)))
    }
}
