import Foundation
import GRDB

/// The outcome of reading one file of a chunk.
struct ParsedFile: Sendable {
    enum Outcome: Sendable {
        /// Read and parsed.
        case read(DumpFile.Contents)
        /// Its bytes hash to the manifest's: unchanged, so not parsed.
        case unchanged
        /// Skipped whole, for this reason.
        case failed(DumpError)
    }

    var entry: DumpWalker.Entry
    var outcome: Outcome
    /// The file's articles ready to write, in record order (empty if it failed).
    var articles: [PreparedArticle] = []
    /// The terms its articles' ``SectionTerms`` are numbered in.
    var vocabulary: [String] = []
}

/// An article as it will be stored: its sections fitted to the section limit
/// (``ArticleWriter/fitted(_:)``), each with its body's ``TokenMarks`` in stored form
/// (nil if no tokenizer was available: snippets then tokenize from the start).
struct PreparedArticle: Sendable {
    var record: Int
    var article: Article
    var sections: [Section]
    var marks: [[UInt8]?]
    /// Each section's terms for the impact index (nil if no tokenizer was available).
    var terms: [SectionTerms?] = []
}

/// Parses a chunk of files in the background on all cores but one (which the index
/// writer keeps busy); ``wait()`` returns the results in the chunk's order. A file whose
/// content hash is the one given for its path in `knownHashes` (the manifest's) stops
/// right after its bytes are read and hashed: it is unchanged, there is nothing to parse.
///
/// The parsing threads also find each body's token marks, so that the writer, the
/// run's bottleneck, does not tokenize every text a second time: each thread has the
/// index's tokenizer from a private in-memory SQLite connection (the same FTS5 module,
/// created with the same arguments).
final class ParseJob: @unchecked Sendable {
    private let group = DispatchGroup()
    private let lock = NSLock()
    private var results: [ParsedFile?]

    init(files: [DumpWalker.Entry], maxBytes: Int, knownHashes: [String: UInt64] = [:]) {
        results = Array(repeating: nil, count: files.count)
        let workers = max(1, min(files.count, ProcessInfo.processInfo.activeProcessorCount - 1))
        let next = ManagedCounter()
        for _ in 0..<workers {
            DispatchQueue.global().async(group: group) { [self] in
                let marker = SectionMarker()
                while let index = next.take(below: files.count) {
                    let entry = files[index]
                    let outcome: ParsedFile.Outcome
                    do throws(DumpError) {
                        let contents = try DumpFile(path: entry.path, maxBytes: maxBytes).read(unlessHash: knownHashes[entry.path])
                        outcome = contents.map { .read($0) } ?? .unchanged
                    } catch {
                        outcome = .failed(error)
                    }
                    var parsed = ParsedFile(entry: entry, outcome: outcome)
                    if case .read(let contents) = outcome {
                        var vocabulary = TermVocabulary()
                        parsed.articles = contents.articles.map { marker.prepare($0.article, record: $0.record, vocabulary: &vocabulary) }
                        parsed.vocabulary = vocabulary.terms
                    }
                    lock.withLock { results[index] = parsed }
                }
            }
        }
    }

    func wait() -> [ParsedFile] {
        group.wait()
        return lock.withLock { results.compactMap { $0 } }
    }
}

/// The index's tokenizer on a private in-memory connection, for one parsing thread.
private final class SectionMarker {
    private let connection: DatabaseQueue?
    private let tokenizer: IndexTokenizer?
    private let stemmer: IndexTokenizer?
    /// Scratch for ``SectionTerms/init(fields:slotOf:)``, reused from section to section.
    private var slotOf: [Int32] = []

    init() {
        connection = try? DatabaseQueue()
        tokenizer = connection?.inDatabase { IndexTokenizer(db: $0) }
        stemmer = connection?.inDatabase { IndexTokenizer(db: $0, stemming: true) }
    }

    func prepare(_ article: Article, record: Int, vocabulary: inout TermVocabulary) -> PreparedArticle {
        let sections = ArticleWriter.fitted(article.sections)
        guard let stemmer else {
            let marks = sections.map { section in tokenizer.map { TokenMarks(of: section.text, tokenizer: $0).encoded } }
            return PreparedArticle(record: record, article: article, sections: sections, marks: marks)
        }
        // One stemming pass per body gives its terms and its token marks (porter keeps
        // the offsets of the words it stems); the title and author are every section's,
        // tokenized once per article.
        let title = stemmer.termNumbers(of: article.title, vocabulary: &vocabulary).terms
        let author = stemmer.termNumbers(of: article.author ?? "", vocabulary: &vocabulary).terms
        var marks: [[UInt8]?] = []
        var terms: [SectionTerms?] = []
        for section in sections {
            let body = stemmer.termNumbers(of: section.text, vocabulary: &vocabulary, marksEvery: TokenMarks.interval)
            marks.append(TokenMarks(offsets: body.marks).encoded)
            let heading = stemmer.termNumbers(of: section.heading, vocabulary: &vocabulary).terms
            terms.append(SectionTerms(fields: [title, heading, body.terms, author], slotOf: &slotOf))
        }
        var prepared = PreparedArticle(record: record, article: article, sections: sections, marks: marks)
        prepared.terms = terms
        return prepared
    }
}

/// A thread-safe counter handing out the next index to parse.
private final class ManagedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func take(below limit: Int) -> Int? {
        lock.withLock {
            guard value < limit else { return nil }
            defer { value += 1 }
            return value
        }
    }
}
