import Foundation
import GRDB
import NewsSearch

/// Compares our snippets with FTS5's `snippet()` on the same hits.
///
/// For every hit of every query (our ranker, top 10), both snippets are cut from the
/// hit section's body, about the same length (ours: 200 characters; FTS5: 32 tokens).
/// Three shares are reported:
/// - **coverage**: snippets showing at least one highlighted instance of every query
///   phrase that matched in the section's body (phrase instances from FTS5's `xInst`);
/// - **mid-sentence cuts**: snippets that start or end inside a sentence;
/// - **whole phrases**: highlights of multi-word phrase instances that are one span.
public struct SnippetComparison {
    public let engine: SearchEngine
    public let snippet: SnippetOptions
    public init(engine: SearchEngine, snippet: SnippetOptions = SnippetOptions()) {
        (self.engine, self.snippet) = (engine, snippet)
    }

    private struct Counts {
        var snippets = 0, covering = 0, cutting = 0, phraseSpans = 0, wholePhrases = 0, characters = 0
        var shares: Shares {
            func share(_ n: Int, _ d: Int) -> Double { d > 0 ? (Double(n) / Double(d) * 10_000).rounded() / 10_000 : 0 }
            return Shares(snippets: snippets, covering_all_terms: share(covering, snippets), cutting_mid_sentence: share(cutting, snippets),
                          phrase_highlights: phraseSpans, phrases_as_one_span: share(wholePhrases, phraseSpans),
                          mean_characters: snippets > 0 ? (Double(characters) / Double(snippets)).rounded() : 0)
        }
    }

    public func run(_ queries: [BenchmarkQuery]) throws -> Report {
        var ours = Counts(), theirs = Counts()
        var used = 0
        for query in queries {
            var options = SearchOptions()
            options.mode = query.mode
            options.snippet = snippet
            guard let results = try? engine.search(query.text, options: options), !results.hits.isEmpty else { continue }
            used += 1
            try engine.store.read("comparing snippets") { db in
                for hit in results.hits {
                    let id = SectionID.make(article: hit.article.id, ordinal: hit.section.ordinal)
                    guard let row = try Row.fetchOne(db, sql: """
                        SELECT body, snippet(sections_fts, 2, char(2), char(3), '…', 32)
                        FROM sections_fts WHERE sections_fts MATCH ? AND rowid = ?
                        """, arguments: [results.match, id]) else { continue }
                    let body: String = row[0]
                    let spans = try SearchEngine.matchSpans(db, match: results.match, rows: .sections([id]))[id]?
                        .spans(in: .body) ?? []
                    guard !spans.isEmpty, let snippet = hit.snippet else { continue }
                    let wanted = Set(spans.map(\.phrase))
                    let multiWord = spans.filter { body.utf8Slice($0.range).contains(" ") }
                    // Ours: map the snippet's highlights back to the body by their text.
                    let ourFragments = Self.fragments(snippet)
                    tally(&ours, body: body, spans: spans, wanted: wanted, multiWord: multiWord,
                          fragments: ourFragments)
                    // FTS5: strip its markers, remember where they were.
                    tally(&theirs, body: body, spans: spans, wanted: wanted, multiWord: multiWord,
                          fragments: Self.fragments(fts5: row[1]))
                }
            }
        }
        return Report(queries: used, ours: ours.shares, fts5: theirs.shares)
    }

    /// A snippet fragment: its plain text and highlight ranges (bytes into that text).
    struct Fragment {
        var text: String
        var highlights: [Range<Int>]
    }

    static func fragments(_ snippet: Snippet) -> [Fragment] {
        // Split at the fragment separator, moving highlights along.
        var result: [Fragment] = []
        let bytes = Array(snippet.text.utf8)
        let separator = Array(" … ".utf8)
        var start = 0, index = 0
        var pieces: [Range<Int>] = []
        while index + separator.count <= bytes.count {
            if Array(bytes[index..<(index + separator.count)]) == separator {
                pieces.append(start..<index)
                index += separator.count
                start = index
            } else { index += 1 }
        }
        pieces.append(start..<bytes.count)
        for piece in pieces {
            var lower = piece.lowerBound, upper = piece.upperBound
            let ellipsis = Array("…".utf8)
            if upper - lower >= 3, Array(bytes[lower..<(lower + 3)]) == ellipsis { lower += 3 }
            if upper - lower >= 3, Array(bytes[(upper - 3)..<upper]) == ellipsis { upper -= 3 }
            let highlights = snippet.highlights.filter { $0.lowerBound >= lower && $0.upperBound <= upper }
                .map { ($0.lowerBound - lower)..<($0.upperBound - lower) }
            result.append(Fragment(text: String(decoding: bytes[lower..<upper], as: UTF8.self), highlights: highlights))
        }
        return result
    }

    static func fragments(fts5 text: String) -> [Fragment] {
        text.components(separatedBy: "…").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.map { piece in
            var plain: [UInt8] = []
            var highlights: [Range<Int>] = []
            var open = 0
            for byte in piece.utf8 {
                if byte == 2 { open = plain.count } else if byte == 3 { highlights.append(open..<plain.count) } else { plain.append(byte) }
            }
            return Fragment(text: String(decoding: plain, as: UTF8.self), highlights: highlights)
        }
    }

    private func tally(_ counts: inout Counts, body: String, spans: [MatchSpan], wanted: Set<Int>, multiWord: [MatchSpan],
                       fragments: [Fragment]) {
        counts.snippets += 1
        counts.characters += fragments.reduce(0) { $0 + $1.text.count }
        var shown = Set<Int>()
        var cuts = false
        let bodyBytes = Array(body.utf8)
        let sentences = SentenceSplitter.sentences(in: bodyBytes, upTo: bodyBytes.count)
        let sentenceStarts = Set(sentences.map(\.lowerBound)), sentenceEnds = Set(sentences.map(\.upperBound))
        // Snippets show paragraph breaks as spaces (same byte length), so search in that form.
        let flat = body.replacingOccurrences(of: "\n", with: " ")
        for fragment in fragments {
            let needle = fragment.text.replacingOccurrences(of: "\n", with: " ").trimmingCharacters(in: .whitespaces)
            guard let found = flat.range(of: needle) else { continue }
            let offset = flat.utf8.distance(from: flat.utf8.startIndex, to: found.lowerBound)
            let end = offset + needle.utf8.count
            if !Self.isSentenceStart(bodyBytes, offset, starts: sentenceStarts)
                || !Self.isSentenceEnd(bodyBytes, end, ends: sentenceEnds) { cuts = true }
            let lead = fragment.text.utf8.count - fragment.text.drop { $0 == " " }.utf8.count
            for highlight in fragment.highlights {
                let range = (highlight.lowerBound - lead + offset)..<(highlight.upperBound - lead + offset)
                for span in spans where span.range.overlaps(range) { shown.insert(span.phrase) }
                for span in multiWord where span.range.overlaps(range) {
                    counts.phraseSpans += 1
                    if range.lowerBound <= span.range.lowerBound && range.upperBound >= span.range.upperBound { counts.wholePhrases += 1 }
                }
            }
        }
        if wanted.isSubset(of: shown) { counts.covering += 1 }
        if cuts { counts.cutting += 1 }
    }

    static func isSentenceStart(_ bytes: [UInt8], _ offset: Int, starts: Set<Int>) -> Bool {
        var index = offset - 1
        while index >= 0, bytes[index] == 0x20 { index -= 1 }
        if index < 0 || bytes[index] == 0x0A { return true }
        return starts.contains(offset)
    }

    static func isSentenceEnd(_ bytes: [UInt8], _ end: Int, ends: Set<Int>) -> Bool {
        if end >= bytes.count || bytes[end] == 0x0A { return true }
        return ends.contains(end)
    }
}

extension String {
    func utf8Slice(_ range: Range<Int>) -> String {
        let bytes = Array(utf8)
        guard range.lowerBound >= 0, range.upperBound <= bytes.count else { return "" }
        return String(decoding: bytes[range], as: UTF8.self)
    }
}

extension SnippetComparison {
    /// One snippet maker's figures: shares are of its snippets (or of its phrase
    /// highlights, for `phrases_as_one_span`), rounded to four places.
    public struct Shares: Sendable, Codable {
        public var snippets = 0
        public var covering_all_terms = 0.0, cutting_mid_sentence = 0.0
        /// Highlights of multi-word phrase instances, and the share of them that are one span.
        public var phrase_highlights = 0
        public var phrases_as_one_span = 0.0, mean_characters = 0.0
    }

    /// The comparison over the queries that had hits.
    public struct Report: Sendable, Codable {
        public var queries: Int
        public var ours: Shares
        public var fts5: Shares
    }
}
