/// Reads a scraped-page text dump: one article per file.
///
/// The first non-empty line is the title; every other non-empty line is a paragraph
/// (paragraphs may be separated by blank lines or not). The paragraphs are then
/// sectioned by ``Sectionizer``.
public struct PlainTextReader: DumpReader {
    public init() {}

    public func read(text: String, path: String, emit: (Result<Article, DumpError>) -> Void) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).lazy
            .map { TextCleaning.collapseWhitespace($0) }
            .filter { !$0.isEmpty }
            .makeIterator()
        guard let title = lines.next() else {
            emit(.failure(.noArticles(path: path)))
            return
        }
        let parts = Sectionizer().split(paragraphs: Array(IteratorSequence(lines)))
        emit(.success(Article(title: title, author: parts.author, sections: parts.sections, related: parts.related)))
    }
}
