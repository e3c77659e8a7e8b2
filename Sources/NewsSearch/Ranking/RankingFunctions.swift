import Foundation
import GRDB
import GRDBSQLite

/// Registers newssearch's FTS5 auxiliary functions on a connection.
///
/// - `ns_rank(sections_fts, params[, expansion[, scan]])`: the BM25F score (higher is
///   better) of the current row, see ``BM25F`` and ``ProximityBonus``; `params` is
///   ``RankingParameters/encoded``; `expansion`, comma-separated, the weights of the
///   query's last phrases when they are expansion terms (``MatchExpression``); `scan`, a
///   ``RankingScan`` passed by ``SQLPointer``, receives the phrase statistics and the
///   phrase instances of rows that can be hits.
/// - `ns_explain(sections_fts, params, expansion, recorder)`: the same score taken apart
///   (``Explanation``), left per row in a ``RowRecorder`` passed by ``SQLPointer``.
/// - `ns_spans(sections_fts, recorder)`: where each phrase matched, as UTF-8 byte ranges
///   in each column's text (``RowSpans``), found with the index's own tokenizer
///   (`xTokenize`), so highlights agree with what FTS5 matched (stems, folded
///   diacritics, prefixes).
///
/// The functions keep no state of their own between statements: what a scan needs and
/// what it learns travel in the objects passed to it.
enum RankingFunctions {
    static func register(in db: Database) throws {
        let api = UnsafeMutablePointer(mutating: FTS5.api(db))
        let functions: [(String, fts5_extension_function)] = [
            ("ns_rank", { api, fts, context, count, values in
                RankingFunctions.rank(api: api, fts: fts, context: context, count: count, values: values)
            }),
            ("ns_explain", { api, fts, context, count, values in
                RankingFunctions.explain(api: api, fts: fts, context: context, count: count, values: values)
            }),
            ("ns_spans", { api, fts, context, count, values in
                RankingFunctions.spans(api: api, fts: fts, context: context, count: count, values: values)
            }),
        ]
        for (name, function) in functions {
            let status = api.pointee.xCreateFunction(api, name, nil, function, nil)
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
        return (parameters, MatchExpression.weights(decoding: String(cString: weights)))
    }

    /// The object passed as argument `index` under `tag`, if there is one.
    private static func passed<Object: AnyObject>(_ index: Int32, _ count: Int32, _ values: UnsafeMutablePointer<OpaquePointer?>?,
                                                   tag: SQLPointer.Tag, as type: Object.Type) -> Object? {
        guard count > index else { return nil }
        return SQLPointer.object(values?[Int(index)], tag: tag, as: type)
    }

    private static func fail(_ context: OpaquePointer?, _ error: Error) {
        sqlite3_result_error(context, "\(error)", -1)
    }

    static func rank(api: UnsafePointer<Fts5ExtensionApi>?, fts: OpaquePointer?, context: OpaquePointer?,
                     count: Int32, values: UnsafeMutablePointer<OpaquePointer?>?) {
        guard let api, let fts else { return }
        do {
            // The scan argument is read once per query, with the statistics, not per row.
            let statistics = try QueryStatistics.cached(api: api, fts: fts) {
                parameters(count, values)
            } created: { statistics in
                statistics.scan = passed(2, count, values, tag: .scan, as: RankingScan.self)
                statistics.scan?.noteStatistics(statistics)
            }
            try statistics.load(api: api, fts: fts)
            let score = statistics.score()
            if let scan = statistics.scan, scan.shouldRecord(score: score, row: { api.pointee.xRowid(fts) }) {
                try scan.recordInstances(api: api, fts: fts)
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
            guard let recorder = passed(2, count, values, tag: .explanations, as: RowRecorder<Explanation>.self) else {
                throw RankingError.statistics("ns_explain needs a recorder")
            }
            let statistics = try QueryStatistics.cached(api: api, fts: fts) { parameters(count, values) }
            try statistics.load(api: api, fts: fts)
            recorder.values[api.pointee.xRowid(fts)] = Explanation(statistics: statistics)
            sqlite3_result_null(context)
        } catch {
            fail(context, error)
        }
    }

    /// Leaves every phrase instance of the row in the recorder, as byte ranges into its
    /// column's text.
    static func spans(api: UnsafePointer<Fts5ExtensionApi>?, fts: OpaquePointer?, context: OpaquePointer?,
                      count: Int32, values: UnsafeMutablePointer<OpaquePointer?>?) {
        guard let api, let fts else { return }
        guard let recorder = passed(0, count, values, tag: .spans, as: RowRecorder<RowSpans>.self) else {
            sqlite3_result_error(context, "ns_spans needs a recorder", -1)
            return
        }
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
        var output = RowSpans()
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
                output.append(MatchSpan(range: Int(tokens.ranges[first].start)..<Int(tokens.ranges[last].end),
                                        phrase: Int(instance.phrase)), column: Int(column))
            }
        }
        recorder.values[api.pointee.xRowid(fts)] = output
        sqlite3_result_null(context)
    }
}

/// Byte ranges of the tokens of one text, in token order.
private final class TokenOffsets {
    var ranges: [(start: Int32, end: Int32)] = []
}

/// SQLite's `SQLITE_TRANSIENT`, a C macro Swift does not import: "copy the value now".
nonisolated(unsafe) let SQLITE_TRANSIENT_DESTRUCTOR = unsafeBitCast(-1 as Int, to: sqlite3_destructor_type.self)
