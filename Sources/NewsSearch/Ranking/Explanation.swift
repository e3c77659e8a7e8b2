/// A score taken apart, in the spirit of Lucene's `explain`: per phrase and field the
/// term frequency, field length, average length, weight and IDF, then the proximity
/// bonus and the total. Its JSON keys are snake_case, like every JSON key newssearch
/// writes (`document_frequency`, `average_length`).
public struct Explanation: Sendable, Codable, Equatable {
    /// One query phrase's share of the score.
    public struct Phrase: Sendable, Codable, Equatable {
        public var phrase: Int
        /// The phrase's words as the query has them (`border closure`, `korea*`), once
        /// the search has named them (``named(by:)``); nil inside the ranking function.
        public var text: String?
        public var documentFrequency: Int64
        public var idf: Double
        public var fields: [Field]
        /// The phrase's weight in the query: 1 when typed, less for an expansion term.
        public var weight: Double
        /// The phrase's BM25F score times its weight.
        public var score: Double

        enum CodingKeys: String, CodingKey {
            case phrase, text, idf, fields, weight, score
            case documentFrequency = "document_frequency"
        }
    }

    /// One field's contribution to a phrase's pseudo term frequency.
    public struct Field: Sendable, Codable, Equatable {
        public var field: String
        public var tf: Int
        public var length: Int
        public var averageLength: Double
        public var weight: Double
        public var b: Double

        enum CodingKeys: String, CodingKey {
            case field, tf, length, weight, b
            case averageLength = "average_length"
        }
    }

    public var sections: Int64
    public var k1: Double
    public var phrases: [Phrase]
    public var proximity: Double
    /// The coordination factor that multiplies the sum (1 when off).
    public var coordination: Double
    /// With `--recency-half-life`: the factor 0.5^(age / half-life) that multiplied the
    /// total (absent otherwise).
    public var recency: Double?
    public var total: Double

    init(statistics: QueryStatistics) {
        let parameters = statistics.scorer.parameters
        sections = statistics.rowCount
        k1 = parameters.k1
        var phrases: [Phrase] = []
        let lengths = UnsafeBufferPointer(statistics.lengths)
        for phrase in 0..<statistics.phraseCount {
            let base = phrase * statistics.columnCount
            var fields: [Field] = []
            for column in 0..<statistics.columnCount where statistics.frequencies[base + column] > 0 {
                fields.append(Field(
                    field: column < IndexSchema.columns.count ? IndexSchema.columns[column] : "\(column)",
                    tf: Int(statistics.frequencies[base + column]), length: Int(lengths[column]),
                    averageLength: statistics.averageLengths[column],
                    weight: parameters.weights[column], b: parameters.b[column]))
            }
            let score = statistics.scorer.phraseScore(
                frequencies: UnsafeBufferPointer(rebasing: statistics.frequencies[base..<(base + statistics.columnCount)]),
                lengths: lengths, averageLengths: statistics.averageLengths, idf: statistics.idf[phrase])
            let weight = statistics.phraseWeights[phrase]
            phrases.append(Phrase(phrase: phrase, text: nil, documentFrequency: statistics.documentFrequencies[phrase],
                                  idf: statistics.idf[phrase], fields: fields, weight: weight, score: weight * score))
        }
        self.phrases = phrases
        total = statistics.score()
        let matched = phrases.filter { $0.score > 0 }.reduce(0) { $0 + $1.idf }
        coordination = Coordination.factor(matchedIDF: matched, totalIDF: statistics.idf.reduce(0, +),
                                           exponent: parameters.coordination)
        proximity = (coordination > 0 ? total / coordination : 0) - phrases.reduce(0) { $0 + $1.score }
    }
}

extension Explanation {
    /// The explanation with each phrase's words, read from the MATCH expression the
    /// score was computed for (FTS5 numbers phrases in the order they are written).
    func named(by match: String) -> Explanation {
        var named = self
        let texts = Self.phraseTexts(in: match)
        for index in named.phrases.indices where named.phrases[index].phrase < texts.count {
            named.phrases[index].text = texts[named.phrases[index].phrase]
        }
        return named
    }

    /// The quoted strings of a compiled MATCH expression in order, inner `""` undone,
    /// with `*` after a prefix (`"korea" *`). Works on UTF-8 bytes, where a quote is
    /// always one byte whatever follows it.
    static func phraseTexts(in match: String) -> [String] {
        let bytes = Array(match.utf8)
        var texts: [String] = []
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "\"") else {
                index += 1
                continue
            }
            var text: [UInt8] = []
            index += 1
            while index < bytes.count {
                if bytes[index] == UInt8(ascii: "\"") {
                    if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\"") {
                        text.append(bytes[index])
                        index += 2
                        continue
                    }
                    index += 1
                    break
                }
                text.append(bytes[index])
                index += 1
            }
            var word = String(decoding: text, as: UTF8.self)
            if index + 1 < bytes.count, bytes[index] == UInt8(ascii: " "), bytes[index + 1] == UInt8(ascii: "*") { word += "*" }
            texts.append(word)
        }
        return texts
    }
}
