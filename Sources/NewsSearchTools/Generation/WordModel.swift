import NewsSearch

/// A bigram model of running text, trained on a real corpus, for generating text whose
/// term statistics look real (Zipf-like frequencies, real collocations).
///
/// Each word keeps the list of words seen after it, repeats included, so drawing one
/// uniformly draws in proportion to the bigram's frequency. Memory is about 8 bytes per
/// training token; training stops at ``maxTokens``.
public struct WordModel: Sendable {
    public static let maxTokens = 2_000_000

    /// Distinct words, by id.
    public private(set) var words: [String] = []
    private var successors: [[Int32]] = []
    /// Ids of words that start a sentence (follow a sentence end).
    private var starts: [Int32] = []

    /// Trains on the article text of every dump under `roots` (read with the normal
    /// dump readers).
    public init(trainingOn roots: [String]) throws(EvaluationError) {
        var ids: [String: Int32] = [:]
        var previous: Int32?
        var tokens = 0
        func id(_ word: String) -> Int32 {
            if let known = ids[word] { return known }
            let new = Int32(words.count)
            ids[word] = new
            words.append(word)
            successors.append([])
            return new
        }
        for entry in DumpWalker().walk(roots).files where tokens < Self.maxTokens {
            guard let contents = try? DumpFile(path: entry.path).read() else { continue }
            for (_, article) in contents.articles {
                for section in article.sections {
                    for word in section.text.split(whereSeparator: \.isWhitespace) {
                        let current = id(String(word))
                        if let previous {
                            successors[Int(previous)].append(current)
                            if Self.endsSentence(words[Int(previous)]) { starts.append(current) }
                        } else {
                            starts.append(current)
                        }
                        previous = current
                        tokens += 1
                    }
                }
            }
        }
        guard tokens > 100, !starts.isEmpty else { throw .noDocuments(roots.joined(separator: " ")) }
    }

    static func endsSentence(_ word: String) -> Bool {
        guard let last = word.last else { return false }
        return last == "." || last == "?" || last == "!"
    }

    /// A sentence of `minWords`… words, ending with a full stop.
    public func sentence(_ random: inout SplitMix64, minWords: Int = 8, maxWords: Int = 30) -> String {
        var current = starts[random.int(in: 0...(starts.count - 1))]
        var out = [words[Int(current)]]
        while out.count < maxWords {
            if out.count >= minWords, Self.endsSentence(out[out.count - 1]) { break }
            let next = successors[Int(current)]
            current = next.isEmpty ? starts[random.int(in: 0...(starts.count - 1))] : next[random.int(in: 0...(next.count - 1))]
            out.append(words[Int(current)])
        }
        var text = out.joined(separator: " ")
        if !Self.endsSentence(text) {
            while let last = text.last, !last.isLetter && !last.isNumber { text.removeLast() }
            text += "."
        }
        return text
    }

    /// A short title-cased line with no closing punctuation (a title or a heading).
    public func headline(_ random: inout SplitMix64, words count: Int) -> String {
        let raw = sentence(&random, minWords: count, maxWords: count)
        let parts = raw.split(separator: " ").prefix(count).map { word -> String in
            let trimmed = word.filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "’" || $0 == "'" }
            return trimmed.prefix(1).uppercased() + trimmed.dropFirst()
        }.filter { !$0.isEmpty }
        return parts.isEmpty ? "News" : parts.joined(separator: " ")
    }
}
