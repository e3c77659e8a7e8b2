import Foundation
import NewsSearch

/// Prints an ``Explanation`` as an indented tree, like Lucene's explain output; each
/// phrase is named by its words as the query has them (`"border closure"`, `korea`).
struct ExplanationRenderer {
    /// Makes data text safe to print (see ``HitRenderer/text(_:)``).
    var text: (String) -> String = { TerminalText.sanitised($0) }

    func render(_ explanation: Explanation) -> String {
        var out = String(format: "    %.4f = total (BM25F over %@, k1 = %.2f)\n",
                         explanation.total, Counted.noun(Int(explanation.sections), "section"), explanation.k1)
        for phrase in explanation.phrases {
            let weight = phrase.weight == 1 ? "" : String(format: " × query weight %.2f (expansion term)", phrase.weight)
            out += String(format: "      %.4f = %@: idf %.4f = ln(1 + (N - n + 0.5) / (n + 0.5)), n = %lld%@\n",
                          phrase.score, name(of: phrase), phrase.idf, phrase.documentFrequency, weight)
            for field in phrase.fields {
                out += String(format: "        %@: tf %d, length %d (average %.1f), weight %.2f, b %.2f\n",
                              field.field, field.tf, field.length, field.averageLength, field.weight, field.b)
            }
        }
        out += String(format: "      %.4f = proximity bonus\n", explanation.proximity)
        if explanation.coordination != 1 {
            out += String(format: "      × %.4f = coordination (share of the query's IDF matched)\n", explanation.coordination)
        }
        if let recency = explanation.recency {
            out += String(format: "      × %.6f = recency (0.5 ^ (age / half-life), age back from the newest article)\n", recency)
        }
        return out
    }

    /// `korea`, `korea*` or `"border closure"`; `phrase N` only if the words are unknown.
    private func name(of phrase: Explanation.Phrase) -> String {
        guard let words = phrase.text else { return "phrase \(phrase.phrase)" }
        let bare = words.hasSuffix("*") ? String(words.dropLast()) : words
        let quoted = bare.contains(where: \.isWhitespace) ? "\"\(bare)\"" : bare
        return text(quoted + (words.hasSuffix("*") ? "*" : ""))
    }
}
