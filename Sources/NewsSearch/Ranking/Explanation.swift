/// A score taken apart, in the spirit of Lucene's `explain`: per phrase and field the
/// term frequency, field length, average length, weight and IDF, then the proximity
/// bonus and the total.
public struct Explanation: Sendable, Codable, Equatable {
    /// One query phrase's share of the score.
    public struct Phrase: Sendable, Codable, Equatable {
        public var phrase: Int
        public var documentFrequency: Int64
        public var idf: Double
        public var fields: [Field]
        /// The phrase's weight in the query: 1 when typed, less for an expansion term.
        public var weight: Double
        /// The phrase's BM25F score times its weight.
        public var score: Double
    }

    /// One field's contribution to a phrase's pseudo term frequency.
    public struct Field: Sendable, Codable, Equatable {
        public var field: String
        public var tf: Int
        public var length: Int
        public var averageLength: Double
        public var weight: Double
        public var b: Double
    }

    public var sections: Int64
    public var k1: Double
    public var phrases: [Phrase]
    public var proximity: Double
    /// The coordination factor that multiplies the sum (1 when off).
    public var coordination: Double
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
            phrases.append(Phrase(phrase: phrase, documentFrequency: statistics.documentFrequencies[phrase],
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
