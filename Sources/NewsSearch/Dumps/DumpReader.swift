/// A reader for one dump format: turns a decoded file into articles.
///
/// Readers report each article, or each record that could not be read, through `emit`,
/// so that one bad record never loses the rest of the file.
public protocol DumpReader: Sendable {
    func read(text: String, path: String, emit: (Result<Article, DumpError>) -> Void)
}
