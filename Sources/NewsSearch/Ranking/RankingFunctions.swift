import Foundation
import GRDB
import GRDBSQLite

/// Registers newssearch's FTS5 auxiliary functions on a connection.
///
/// - `ns_rank(sections_fts, params[, expansion])`: the BM25F score (higher is better)
///   of the current row, see ``BM25F`` and ``ProximityBonus``; `params` is
///   ``RankingParameters/encoded``; `expansion`, comma-separated, the weights of the
///   query's last phrases when they are expansion terms (``PseudoRelevanceFeedback``).
/// - `ns_explain(sections_fts, params[, expansion])`: the same score taken apart, as JSON
///   (``Explanation``).
/// - `ns_spans(sections_fts)`: where each phrase matched, as UTF-8 byte ranges in each
///   column's text, found with the index's own tokenizer (`xTokenize`), so highlights
///   agree with what FTS5 matched (stems, folded diacritics, prefixes).
enum RankingFunctions {
    static func register(in db: Database) throws {
        let api = UnsafeMutablePointer(mutating: FTS5.api(db))
        let session = RankingSession.attach(to: db)
        let functions: [(String, fts5_extension_function)] = [
            ("ns_rank", { api, fts, context, count, values in
                RankingFunctions.rank(api: api, fts: fts, context: context, count: count, values: values)
            }),
            ("ns_explain", { api, fts, context, count, values in
                RankingFunctions.explain(api: api, fts: fts, context: context, count: count, values: values)
            }),
            ("ns_spans", { api, fts, context, _, _ in
                RankingFunctions.spans(api: api, fts: fts, context: context)
            }),
        ]
        for (name, function) in functions {
            let userData = Unmanaged.passRetained(session).toOpaque()
            let status = api.pointee.xCreateFunction(api, name, userData, function) { pointer in
                if let pointer { Unmanaged<RankingSession>.fromOpaque(pointer).release() }
            }
            guard status == SQLITE_OK else {
                throw DatabaseError(resultCode: ResultCode(rawValue: status), message: "cannot register \(name)")
            }
        }
    }

    private static func parameters(_ count: Int32, _ values: UnsafeMutablePointer<OpaquePointer?>?)
        -> (RankingParameters, expansionWeights: [Double]) {
        guard count >= 1, let value = values?[0], let text = sqlite3_value_text(value) else { return (.default, []) }
        let parameters = RankingParameters(encoded: String(cString: text)) ?? .default
        guard count >= 2, let value = values?[1], let weights = sqlite3_value_text(value) else { return (parameters, []) }
        return (parameters, String(cString: weights).split(separator: ",").compactMap { Double($0) })
    }

    private static func fail(_ context: OpaquePointer?, _ error: Error) {
        sqlite3_result_error(context, "\(error)", -1)
    }

    static func rank(api: UnsafePointer<Fts5ExtensionApi>?, fts: OpaquePointer?, context: OpaquePointer?,
                     count: Int32, values: UnsafeMutablePointer<OpaquePointer?>?) {
        guard let api, let fts else { return }
        do {
            let statistics = try QueryStatistics.cached(api: api, fts: fts) {
                parameters(count, values)
            } created: { statistics in
                if let session = api.pointee.xUserData(fts) {
                    let session = Unmanaged<RankingSession>.fromOpaque(session).takeUnretainedValue()
                    session.lastIDF = statistics.idf
                    session.lastDocumentFrequencies = statistics.documentFrequencies
                    session.phraseSizes = statistics.phraseSizes
                }
            }
            try statistics.load(api: api, fts: fts)
            let score = statistics.score()
            if let raw = api.pointee.xUserData(fts) {
                let session = Unmanaged<RankingSession>.fromOpaque(raw).takeUnretainedValue()
                if session.recordsInstances, session.shouldRecord(score: score, row: { api.pointee.xRowid(fts) }) {
                    try session.recordInstances(api: api, fts: fts)
                }
            }
            sqlite3_result_double(context, score)
        } catch {
            fail(context, error)
        }
    }

    static func explain(api: UnsafePointer<Fts5ExtensionApi>?, fts: OpaquePointer?, context: OpaquePointer?,
                        count: Int32, values: UnsafeMutablePointer<OpaquePointer?>?) {
        guard let api, let fts else { return }
        do {
            let statistics = try QueryStatistics.cached(api: api, fts: fts) { parameters(count, values) }
            try statistics.load(api: api, fts: fts)
            let explanation = Explanation(statistics: statistics)
            let json = String(decoding: try JSONEncoder().encode(explanation), as: UTF8.self)
            sqlite3_result_text(context, json, -1, SQLITE_TRANSIENT_DESTRUCTOR)
        } catch {
            fail(context, error)
        }
    }

    /// Encodes every phrase instance of the row as `column:start:end:phrase` (byte
    /// offsets into the column text), `;`-separated.
    static func spans(api: UnsafePointer<Fts5ExtensionApi>?, fts: OpaquePointer?, context: OpaquePointer?) {
        guard let api, let fts else { return }
        var instanceCount: Int32 = 0
        guard api.pointee.xInstCount(fts, &instanceCount) == SQLITE_OK else {
            sqlite3_result_error(context, "cannot read phrase instances", -1)
            return
        }
        var instances: [(phrase: Int32, column: Int32, offset: Int32)] = []
        var phrase: Int32 = 0, column: Int32 = 0, offset: Int32 = 0
        for index in 0..<instanceCount where api.pointee.xInst(fts, index, &phrase, &column, &offset) == SQLITE_OK {
            instances.append((phrase, column, offset))
        }
        var output = ""
        for column in Set(instances.map(\.column)).sorted() {
            var text: UnsafePointer<CChar>?
            var length: Int32 = 0
            guard api.pointee.xColumnText(fts, column, &text, &length) == SQLITE_OK, let text else { continue }
            let tokens = TokenOffsets()
            withExtendedLifetime(tokens) {
                _ = api.pointee.xTokenize(fts, text, length, Unmanaged.passUnretained(tokens).toOpaque()) { context, flags, _, _, start, end in
                    guard let context else { return SQLITE_OK }
                    if flags & FTS5_TOKEN_COLOCATED == 0 {
                        Unmanaged<TokenOffsets>.fromOpaque(context).takeUnretainedValue().ranges.append((start, end))
                    }
                    return SQLITE_OK
                }
            }
            for instance in instances where instance.column == column {
                let first = Int(instance.offset)
                let last = first + Int(api.pointee.xPhraseSize(fts, instance.phrase)) - 1
                guard first >= 0, last < tokens.ranges.count, last >= first else { continue }
                output += "\(column):\(tokens.ranges[first].start):\(tokens.ranges[last].end):\(instance.phrase);"
            }
        }
        sqlite3_result_text(context, output, -1, SQLITE_TRANSIENT_DESTRUCTOR)
    }
}

/// Byte ranges of the tokens of one text, in token order.
private final class TokenOffsets {
    var ranges: [(start: Int32, end: Int32)] = []
}

/// SQLite's `SQLITE_TRANSIENT`, a C macro Swift does not import: "copy the value now".
nonisolated(unsafe) let SQLITE_TRANSIENT_DESTRUCTOR = unsafeBitCast(-1 as Int, to: sqlite3_destructor_type.self)
