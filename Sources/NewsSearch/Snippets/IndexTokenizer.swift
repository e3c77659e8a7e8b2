import Foundation
import GRDB
import GRDBSQLite

/// The full-text index's own tokenizer, obtained from FTS5 with `xFindTokenizer`, so
/// that token boundaries used for highlighting are exactly the ones the index used:
/// never a second tokenizer that could disagree about diacritics or what a word is.
///
/// Only boundaries are needed (which word is token *i*), so a `porter` wrapper is
/// skipped and its inner tokenizer (`unicode61 remove_diacritics 2`) is used: FTS5's
/// porter tokenizer rewrites each token's text but passes every token through with the
/// same offsets, so the boundaries are identical, without the cost of stemming.
final class IndexTokenizer {
    private var tokenizer: fts5_tokenizer
    private let instance: OpaquePointer

    init?(db: Database) {
        let api = UnsafeMutablePointer(mutating: FTS5.api(db))
        var words = IndexSchema.tokenizer.split(separator: " ").map(String.init)
        if words.first == "porter", words.count > 1 { words.removeFirst() }
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

    deinit {
        tokenizer.xDelete?(instance)
    }

    /// UTF-8 byte ranges of the tokens of `text`, in order: token *i* here is token
    /// offset *i* in FTS5's phrase instances. Stops after `limit` tokens.
    func tokenRanges(of text: String, limit: Int = .max) -> [Range<Int>] {
        let ranges = Ranges()
        ranges.limit = limit
        var text = text
        text.withUTF8 { bytes in
            let start = UnsafeRawPointer(bytes.baseAddress)?.assumingMemoryBound(to: CChar.self)
            _ = tokenizer.xTokenize(instance, Unmanaged.passUnretained(ranges).toOpaque(), FTS5_TOKENIZE_DOCUMENT,
                                    start, Int32(bytes.count)) { context, flags, _, _, start, end in
                guard let context else { return SQLITE_OK }
                let ranges = Unmanaged<Ranges>.fromOpaque(context).takeUnretainedValue()
                if flags & FTS5_TOKEN_COLOCATED == 0 {
                    ranges.values.append(Int(start)..<Int(end))
                }
                // Any code but SQLITE_OK stops the tokenizer: no need to read further.
                return ranges.values.count >= ranges.limit ? SQLITE_DONE : SQLITE_OK
            }
        }
        return ranges.values
    }

    private final class Ranges {
        var values: [Range<Int>] = []
        var limit = Int.max
    }
}
