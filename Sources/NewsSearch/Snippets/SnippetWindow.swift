/// A candidate passage for a snippet: a byte range of the section, whether either end
/// cuts a sentence, and once scored (``PassageScore``) its score and the phrases it shows.
struct SnippetWindow {
    var range: Range<Int>
    var cutStart: Bool
    var cutEnd: Bool
    var score: Double = 0
    var phrases = PhraseSet()

    init(range: Range<Int>, cutStart: Bool, cutEnd: Bool) {
        self.range = range
        self.cutStart = cutStart
        self.cutEnd = cutEnd
    }
}

/// The candidate passages of one section, for a budget in characters per fragment.
///
/// Three generators: runs of whole sentences that fit the budget (``wholeSentences()``);
/// inside a sentence longer than the budget, a window from its start and two around
/// each match (``inside(_:)``); and, only when no whole-sentence window shows every
/// matched phrase, windows anchored on each match that may cross sentence boundaries
/// (``anchored()``), so that terms in neighbouring sentences can be shown together.
/// Every cut falls on whitespace or a sentence start, so no UTF-8 sequence or grapheme
/// cluster is ever split. Only windows that can reach a match are made: the work
/// follows the matches, not the section's length.
struct SnippetWindows {
    typealias Bytes = UTF8Scanning.Bytes

    let bytes: Bytes
    let sentences: [Range<Int>]
    let spans: [MergedSpan]
    /// Characters per fragment, counted as Unicode scalars (``UTF8Scanning``).
    let budget: Int

    /// Runs of whole sentences starting at each sentence that can reach a match.
    func wholeSentences() -> [SnippetWindow] {
        var windows: [SnippetWindow] = []
        // Sentences ending more than a budget (in bytes, at most four a character)
        // before the first match can hold no useful window: their length is not counted.
        let from = (spans.first?.range.lowerBound ?? 0) - 4 * budget
        let lengths = sentences.map { $0.upperBound < from ? Int.max / 4 : UTF8Scanning.characterCount(bytes, $0) }
        for first in usefulSentences(lengths: lengths) {
            if lengths[first] > budget {
                windows += inside(sentences[first])
                continue
            }
            var last = first
            var total = lengths[first]
            while last + 1 < sentences.count, total + 1 + lengths[last + 1] <= budget {
                last += 1
                total += 1 + lengths[last]
            }
            windows.append(SnippetWindow(range: sentences[first].lowerBound..<sentences[last].upperBound,
                                         cutStart: false, cutEnd: false))
        }
        return windows
    }

    /// The sentences a window worth scoring can start at: those holding a span and the
    /// ones just before them (within one budget); with no match at all, the first.
    private func usefulSentences(lengths: [Int]) -> [Int] {
        guard !spans.isEmpty else { return sentences.isEmpty ? [] : [0] }
        var holdsSpan = [Bool](repeating: false, count: sentences.count)
        var sentence = 0
        for span in spans {
            while sentence < sentences.count, sentences[sentence].upperBound <= span.range.lowerBound { sentence += 1 }
            if sentence < sentences.count { holdsSpan[sentence] = true }
        }
        var useful = [Bool](repeating: false, count: sentences.count)
        var reach = 0
        for index in sentences.indices.reversed() {
            reach = holdsSpan[index] ? budget : max(-1, reach - lengths[index] - 1)
            useful[index] = reach > 0 || holdsSpan[index]
        }
        return sentences.indices.filter { useful[$0] }
    }

    /// Windows anchored on each match that may cross sentence boundaries: they win only
    /// when they show more of the query than any whole-sentence window (a cut costs a
    /// little, see ``PassageScore``).
    func anchored() -> [SnippetWindow] {
        guard let first = sentences.first, let last = sentences.last else { return [] }
        return inside(first.lowerBound..<last.upperBound).map { window in
            var window = window
            window.cutStart = !isBound(window.range.lowerBound, start: true)
            window.cutEnd = !isBound(window.range.upperBound, start: false)
            return window
        }
    }

    /// Whether `position` is a sentence's start (or end).
    private func isBound(_ position: Int, start: Bool) -> Bool {
        let edge: (Range<Int>) -> Int = { start ? $0.lowerBound : $0.upperBound }
        let index = SortedSearch.firstIndex(in: sentences, notBelow: position, key: edge)
        return index < sentences.count && edge(sentences[index]) == position
    }

    /// Windows inside a stretch longer than the budget: one from its start, and two
    /// around each match.
    func inside(_ sentence: Range<Int>) -> [SnippetWindow] {
        var windows: [SnippetWindow] = []
        var previousStart = -1
        for start in starts(inside: sentence) where start > previousStart {
            previousStart = start
            var end = UTF8Scanning.advance(bytes, from: start, characters: budget, limit: sentence.upperBound)
            if end < sentence.upperBound {
                var cut = end
                while cut > start, !SentenceSplitter.isSpace(bytes[cut]) { cut -= 1 }
                if cut > start { end = cut }
            }
            // Do not end in the middle of a highlight (merged spans do not overlap, so
            // only the last one starting before `end` can straddle it).
            if let straddling = spans.lastSpan(startingBefore: end), spans[straddling].range.upperBound > end {
                end = spans[straddling].range.lowerBound
                while end > start, SentenceSplitter.isSpace(bytes[end - 1]) { end -= 1 }
            }
            guard end > start else { continue }
            windows.append(SnippetWindow(range: start..<end, cutStart: start > sentence.lowerBound,
                                         cutEnd: end < sentence.upperBound))
        }
        return windows
    }

    /// Where windows inside `sentence` start, sorted: its start, and for each match a
    /// fifth of the budget before it (context) and a budget before its end (reaching back
    /// for earlier matches), so any two matches less than a budget apart share a window.
    private func starts(inside sentence: Range<Int>) -> [Int] {
        var starts = [sentence.lowerBound]
        var lastAnchor: Int?
        /// `position` moved back by `characters` (not before the sentence), then back to a word start.
        func back(from position: Int, characters wanted: Int) -> Int {
            var start = UTF8Scanning.retreat(bytes, from: position, characters: wanted, floor: sentence.lowerBound)
            while start > sentence.lowerBound, !SentenceSplitter.isSpace(bytes[start - 1]) { start -= 1 }
            return start
        }
        for span in spans where sentence.contains(span.range.lowerBound) {
            // Matches within a quarter budget of the previous anchor would give nearly the
            // same window: one anchor per stretch keeps the work linear in the text.
            if let lastAnchor, span.range.lowerBound - lastAnchor < budget / 4 { continue }
            lastAnchor = span.range.lowerBound
            starts.append(back(from: span.range.lowerBound, characters: budget / 5))
            starts.append(back(from: span.range.upperBound, characters: budget * 9 / 10))
        }
        return starts.sorted()
    }
}
