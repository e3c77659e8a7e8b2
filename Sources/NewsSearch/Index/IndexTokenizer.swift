import Foundation
import GRDB
import GRDBSQLite

/// The full-text index's own tokenizer, obtained from FTS5 with `xFindTokenizer`, so
/// that token boundaries used for highlighting are exactly the ones the index used:
/// never a second tokenizer that could disagree about diacritics or what a word is.
///
/// Highlighting needs only boundaries (which word is token *i*), so by default a
/// `porter` wrapper is skipped and its inner tokenizer (`unicode61 remove_diacritics 2`)
/// is used: FTS5's porter tokenizer rewrites each token's text but passes every token
/// through with the same offsets, so the boundaries are identical, without the cost of
/// stemming. Query expansion needs the indexed terms themselves (`stemming: true`).
final class IndexTokenizer {
    /// FTS5's tokenizer and its instance (internal for ``IndexTokenizer+TermNumbers``).
    var tokenizer: fts5_tokenizer
    let instance: OpaquePointer

    init?(db: Database, stemming: Bool = false) {
        guard let api = Self.fts5API(db).map(UnsafeMutablePointer.init(mutating:)) else { return nil }
        let words = stemming ? Self.stemmingWords : Self.boundaryWords
        var context: UnsafeMutableRawPointer?
        var found = fts5_tokenizer()
        guard api.pointee.xFindTokenizer(api, words[0], &context, &found) == SQLITE_OK,
              let create = found.xCreate else { return nil }
        var arguments = words.dropFirst().map { strdup($0) }
        defer { arguments.forEach { free($0) } }
        var created: OpaquePointer?
        let status = arguments.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: UnsafePointer<CChar>?.self) { pointers in
                create(context, pointers.baseAddress, Int32(pointers.count), &created)
            }
        }
        guard status == SQLITE_OK, let created else { return nil }
        tokenizer = found
        instance = created
    }

    /// The index's tokenizer and its arguments (``IndexSchema/tokenizer``), split once a
    /// process: splitting them was a tenth of a search that finds nothing (measured).
    private static let stemmingWords = IndexSchema.tokenizer.split(separator: " ").map(String.init)
    /// The same without a leading `porter` wrapper: the boundaries alone.
    private static let boundaryWords = stemmingWords.first == "porter" && stemmingWords.count > 1
        ? Array(stemmingWords.dropFirst()) : stemmingWords

    /// FTS5's API of `db`'s connection, nil without FTS5. Through a statement kept in the
    /// connection's statement cache: GRDB's `FTS5.api(_:)` prepares one every call, which
    /// was half of what making a tokenizer costs a search.
    static func fts5API(_ db: Database) -> UnsafePointer<fts5_api>? {
        guard let statement = try? db.cachedStatement(sql: "SELECT fts5(?)").sqliteStatement else { return nil }
        var api: UnsafePointer<fts5_api>?
        let type: StaticString = "fts5_api_ptr"
        withUnsafeMutablePointer(to: &api) { pointer in
            // A static string's bytes end in a NUL and live as long as the program.
            let name = UnsafeRawPointer(type.utf8Start).assumingMemoryBound(to: CChar.self)
            _ = sqlite3_bind_pointer(statement, 1, pointer, name, nil)
            _ = sqlite3_step(statement)
            // The binding points at `api`: cleared before it goes.
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
        }
        return api
    }

    /// The boundary tokenizer of `db`'s index, or an error if FTS5 does not have it.
    static func required(_ db: Database) throws -> IndexTokenizer {
        guard let tokenizer = IndexTokenizer(db: db) else {
            throw DatabaseError(message: "FTS5 has no tokenizer '\(IndexSchema.tokenizer)'")
        }
        return tokenizer
    }

    deinit {
        tokenizer.xDelete?(instance)
    }

    /// UTF-8 byte ranges of the tokens of `text`, in order: token *i* here is token
    /// offset *i* in FTS5's phrase instances. Stops after `limit` tokens.
    func tokenRanges(of text: String, limit: Int = .max) -> [Range<Int>] {
        var text = text
        return text.withUTF8 { tokenRanges(in: $0, limit: limit) }
    }

    /// UTF-8 byte ranges, relative to `bytes`, of its first `limit` tokens.
    func tokenRanges(in bytes: UnsafeBufferPointer<UInt8>, limit: Int = .max) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        appendTokenRanges(of: bytes, from: 0, limit: limit, to: &ranges)
        return ranges
    }

    /// Appends to `ranges` the byte ranges of the first `limit` tokens of `bytes` from
    /// `offset` on (ranges relative to `bytes`). The callback runs once per token and
    /// appends through a raw pointer to the caller's array: appending to a class's array
    /// property there (with its exclusivity checks) cost more than the tokenizer itself.
    func appendTokenRanges(of bytes: UnsafeBufferPointer<UInt8>, from offset: Int, limit: Int, to ranges: inout [Range<Int>]) {
        guard offset < bytes.count, limit > 0 else { return }
        // Room for every token at once (a word and its space take four bytes or more):
        // grown as it filled, the array was reallocated four times a snippet.
        ranges.reserveCapacity(ranges.count + min(limit, (bytes.count - offset) / 4 + 1))
        withUnsafeMutablePointer(to: &ranges) { rangesPointer in
            var sink = AppendSink(ranges: rangesPointer, offset: offset, remaining: limit)
            withUnsafeMutablePointer(to: &sink) { sinkPointer in
                let start = UnsafeRawPointer(bytes.baseAddress! + offset).assumingMemoryBound(to: CChar.self)
                _ = tokenizer.xTokenize(instance, sinkPointer, FTS5_TOKENIZE_DOCUMENT, start, Int32(bytes.count - offset)) { context, flags, _, _, start, end in
                    guard let sink = context?.assumingMemoryBound(to: AppendSink.self) else { return SQLITE_OK }
                    guard flags & FTS5_TOKEN_COLOCATED == 0 else { return SQLITE_OK }
                    sink.pointee.ranges.pointee.append((Int(start) + sink.pointee.offset)..<(Int(end) + sink.pointee.offset))
                    sink.pointee.remaining -= 1
                    // Any code but SQLITE_OK stops the tokenizer: no need to read further.
                    return sink.pointee.remaining > 0 ? SQLITE_OK : SQLITE_DONE
                }
            }
        }
    }

    /// Byte offsets of tokens 0, `every`, 2·`every`, … of `bytes` (``TokenMarks``).
    func tokenStarts(in bytes: UnsafeBufferPointer<UInt8>, every interval: Int) -> [Int] {
        let capacity = (bytes.count / 2 + 1) / interval + 1
        var sink = MarkSink(starts: .allocate(capacity: capacity), capacity: capacity, interval: Int32(interval))
        defer { sink.starts.deallocate() }
        withUnsafeMutablePointer(to: &sink) { sinkPointer in
            let start = UnsafeRawPointer(bytes.baseAddress)?.assumingMemoryBound(to: CChar.self)
            _ = tokenizer.xTokenize(instance, sinkPointer, FTS5_TOKENIZE_DOCUMENT, start, Int32(bytes.count)) { context, flags, _, _, start, _ in
                guard let sink = context?.assumingMemoryBound(to: MarkSink.self), flags & FTS5_TOKEN_COLOCATED == 0 else { return SQLITE_OK }
                if sink.pointee.tokens % sink.pointee.interval == 0, sink.pointee.count < sink.pointee.capacity {
                    sink.pointee.starts[sink.pointee.count] = start
                    sink.pointee.count += 1
                }
                sink.pointee.tokens += 1
                return SQLITE_OK
            }
        }
        return (0..<sink.count).map { Int(sink.starts[$0]) }
    }

    /// Every token of `text` as the index stores it (folded, stemmed), with the UTF-8
    /// byte range of the word it came from.
    func terms(of text: String) -> [(term: String, range: Range<Int>)] {
        let found = collectTerms(of: text, flags: FTS5_TOKENIZE_DOCUMENT, ranges: true)
        return zip(found.terms, found.ranges).filter { !$0.0.isEmpty }.map { ($0.0, $0.1) }
    }

    /// The tokens of a query string (``FTS5_TOKENIZE_QUERY``), as FTS5 turns a quoted
    /// string of a `MATCH` expression into a phrase.
    func queryTerms(of text: String) -> [String] {
        collectTerms(of: text, flags: FTS5_TOKENIZE_QUERY).terms
    }

    /// The tokens' texts (a token FTS5 gives no text for is ""), with `ranges` each
    /// token's byte range.
    private func collectTerms(of text: String, flags: Int32, ranges: Bool = false) -> (terms: [String], ranges: [Range<Int>]) {
        let sink = TermListSink()
        sink.keepsRanges = ranges
        var text = text
        withExtendedLifetime(sink) {
            text.withUTF8 { bytes in
                let start = UnsafeRawPointer(bytes.baseAddress)?.assumingMemoryBound(to: CChar.self)
                _ = tokenizer.xTokenize(instance, Unmanaged.passUnretained(sink).toOpaque(), flags,
                                        start, Int32(bytes.count)) { context, flags, token, length, start, end in
                    guard let context, flags & FTS5_TOKEN_COLOCATED == 0 else { return SQLITE_OK }
                    let sink = Unmanaged<TermListSink>.fromOpaque(context).takeUnretainedValue()
                    if sink.keepsRanges { sink.ranges.append(Int(start)..<Int(end)) }
                    sink.terms.append(token.map { String(decoding: UnsafeRawBufferPointer(start: $0, count: Int(length)), as: UTF8.self) } ?? "")
                    return SQLITE_OK
                }
            }
        }
        return (sink.terms, sink.ranges)
    }

    private final class TermListSink {
        var terms: [String] = []
        var ranges: [Range<Int>] = []
        var keepsRanges = false
    }

    /// Where the tokenizer callback appends token ranges for ``appendTokenRanges(of:from:limit:to:)``.
    private struct AppendSink {
        var ranges: UnsafeMutablePointer<[Range<Int>]>
        var offset: Int
        var remaining: Int
    }

    /// Where the tokenizer callback writes every `interval`-th token's start.
    private struct MarkSink {
        var starts: UnsafeMutablePointer<Int32>
        var capacity: Int
        var interval: Int32
        var tokens: Int32 = 0
        var count = 0
    }
}
