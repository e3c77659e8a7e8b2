/// Chooses the best short passage(s) of a section to show under a hit.
///
/// Candidates are runs of whole sentences that fit the character budget; a sentence
/// longer than the budget yields windows inside it, cut at word boundaries and marked
/// with `…`. Each window is scored
///
///     score = Σ idf(p) over distinct phrases p wholly inside the window   (coverage)
///           + 0.25 · min(1, spans per 100 characters)                     (density)
///           + 0.10 · [two distinct phrases within 40 bytes]                (proximity)
///           + 0.05 · (1 − start / text length)                             (earlier is better)
///           − 0.20 · number of ends cut inside a sentence                  (whole sentences)
///
/// so a window with more of the rare query terms wins (a phrase's IDF is well above
/// the other terms), and among equal coverage whole sentences beat cut ones; density,
/// proximity and position break the remaining ties. Besides whole-sentence windows,
/// windows opening a few words before each match and windows closing just after each
/// match are considered, so that terms in neighbouring sentences can be shown together
/// when no whole-sentence window fits. With several fragments, later picks must not
/// overlap earlier ones, must hold a match, and are preferred when they add phrases not
/// yet shown; the picks are joined in text order with ` … `. Every cut falls on whitespace or a
/// sentence start, so no UTF-8 sequence or grapheme cluster is ever split.
public struct PassageSelector: Sendable {
    public var options: SnippetOptions

    public init(options: SnippetOptions = SnippetOptions()) {
        self.options = options
    }

    struct Window {
        var range: Range<Int>
        var cutStart: Bool
        var cutEnd: Bool
        var score: Double
        var phrases: PhraseSet
    }

    /// The snippet for `text` given where the query matched and each phrase's weight.
    ///
    /// Only the text up to a little past the last match is examined (sentences,
    /// lengths, windows), so the cost follows the matches, not the section's length.
    /// `continues`: `text` is only the start of the section,
    /// so a window reaching its end is marked as cut.
    public func snippet(text: String, spans: [MatchSpan], weights: [Double] = [], continues: Bool = false) -> Snippet {
        guard !text.isEmpty else { return Snippet(text: "", highlights: []) }
        var text = text
        return text.withUTF8 { buffer in
            let bytes = Bytes(buffer)
            let merged = MatchSpans.merge(spans, in: buffer)
            // A window holding a match never reaches further than one budget past the
            // last match: sentences starting later cannot be part of one.
            let reach = UTF8Scanning.advance(bytes, from: merged.last?.range.upperBound ?? 0, characters: budget,
                                             limit: bytes.count)
            // Nor does one start more than a budget before the first match: sentences are
            // found from the paragraph start (a newline always ends a sentence, so what
            // comes before it cannot change them) before that point.
            let origin = merged.first.map { first in
                UTF8Scanning.lastNewline(in: bytes, before: UTF8Scanning.retreat(bytes, from: first.range.lowerBound,
                                                                                 characters: budget + 1, floor: 0))
            } ?? 0
            let sentences = Self.sentences(in: bytes, from: origin, upTo: min(bytes.count, reach + 1))
            var windows = candidateWindows(bytes: bytes, sentences: sentences, spans: merged)
            for index in windows.indices {
                score(&windows[index], spans: merged, weights: weights, total: bytes.count)
            }
            // Windows across sentence boundaries can only win by showing more of the
            // query: look for them only when no sentence window shows all of it.
            let everything = merged.reduce(into: PhraseSet()) { $0.formUnion($1.phrases) }
            if !merged.isEmpty, !windows.contains(where: { everything.isSubset(of: $0.phrases) }) {
                var anchored = anchoredWindows(bytes: bytes, sentences: sentences, spans: merged)
                for index in anchored.indices {
                    score(&anchored[index], spans: merged, weights: weights, total: bytes.count)
                }
                windows += anchored
            }
            var chosen = pick(windows)
            if continues, let last = chosen.indices.last, chosen[last].range.upperBound >= bytes.count - 1 {
                chosen[last].cutEnd = true
            }
            return assemble(chosen, bytes: bytes, spans: merged)
        }
    }


    typealias Bytes = UTF8Scanning.Bytes

    /// Space, tab, newline or carriage return: the whitespace a snippet shows as one space.
    @inline(__always)
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
    }

    // MARK: - Sentences

    /// Byte ranges of sentences: a sentence ends at a newline, or after `.`, `!`, `?` or
    /// `…` (and any closing quotes or brackets) when whitespace follows.
    static func sentences(in text: String) -> [Range<Int>] {
        let bytes = Array(text.utf8)
        return sentences(in: bytes, upTo: bytes.count)
    }

    static func sentences(in bytes: [UInt8], upTo limit: Int) -> [Range<Int>] {
        bytes.withUnsafeBufferPointer { sentences(in: Bytes($0), upTo: limit) }
    }

    /// The sentences that start before `limit` (the last one may run past it), from
    /// `origin`, which must be 0 or a newline's position.
    static func sentences(in bytes: Bytes, from origin: Int = 0, upTo limit: Int) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = origin
        var index = origin
        func close(at end: Int) {
            var lower = start, upper = end
            while lower < upper, isSpace(bytes[lower]) { lower += 1 }
            while upper > lower, isSpace(bytes[upper - 1]) { upper -= 1 }
            if upper > lower { ranges.append(lower..<upper) }
            start = end
        }
        // Stop once a sentence has closed at or past `limit`.
        while index < bytes.count, start < limit {
            // Most bytes cannot end a sentence: skip them eight at a time.
            index = UTF8Scanning.nextSentenceMark(in: bytes, from: index)
            guard index < bytes.count else { break }
            let byte = bytes[index]
            if byte == 0x0A {
                close(at: index)
                index += 1
                continue
            }
            var end = -1
            if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?") {
                end = index + 1
            } else if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80, bytes[index + 2] == 0xA6 {
                end = index + 3
            }
            if end > 0 {
                // Swallow closing quotes and brackets: " ) ” ’
                while end < bytes.count {
                    if bytes[end] == 0x22 || bytes[end] == 0x29 || bytes[end] == 0x27 { end += 1; continue }
                    if end + 2 < bytes.count, bytes[end] == 0xE2, bytes[end + 1] == 0x80,
                       bytes[end + 2] == 0x9D || bytes[end + 2] == 0x99 { end += 3; continue }
                    break
                }
                if end < bytes.count, isSpace(bytes[end]), !Self.isAbbreviation(bytes, before: index) {
                    close(at: end)
                    index = end
                    continue
                }
            }
            index += 1
        }
        if start < limit { close(at: bytes.count) }
        return ranges
    }

    /// Titles and short forms after which a full stop does not end a sentence, each packed
    /// into an integer (``packed(_:)``) so that a word is looked up without allocating.
    static let abbreviations: [UInt64] = [
        "mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "gov", "sen", "rep", "prof", "inc", "ltd", "co", "corp",
        "vs", "jan", "feb", "mar", "apr", "aug", "sep", "sept", "oct", "nov", "dec", "etc", "approx",
    ].map { packed($0.utf8) }

    private static let number = packed("no".utf8)

    /// Up to eight letters, lowercased, one per byte of an integer.
    private static func packed<Letters: Collection<UInt8>>(_ letters: Letters) -> UInt64 {
        letters.reduce(0) { $0 << 8 | UInt64($1 | 0x20) }
    }

    /// `U.S.`, `Mr.`, `e.g.`: a full stop after a single letter (that follows a space or
    /// another full stop) or after a known short form does not end a sentence.
    private static func isAbbreviation(_ bytes: Bytes, before index: Int) -> Bool {
        guard bytes[index] == UInt8(ascii: ".") else { return false }
        var cursor = index - 1
        while cursor >= 0, (bytes[cursor] | 0x20) >= UInt8(ascii: "a"), (bytes[cursor] | 0x20) <= UInt8(ascii: "z") {
            cursor -= 1
        }
        let letters = index - 1 - cursor
        guard letters >= 1, cursor < 0 || isSpace(bytes[cursor]) || bytes[cursor] == UInt8(ascii: ".") else { return false }
        if letters == 1 { return true }
        guard letters <= 6 else { return false }
        let word = packed(bytes[(cursor + 1)..<index])
        // "No." is only an abbreviation before a number ("No. 10"); elsewhere it ends a sentence.
        if word == number { return index + 2 < bytes.count && bytes[index + 2] >= 0x30 && bytes[index + 2] <= 0x39 }
        return abbreviations.contains(word)
    }

    // MARK: - Windows

    /// Characters allowed per fragment: the whole budget shared among the fragments.
    /// Characters are counted as Unicode scalars (``UTF8Scanning``), without grapheme
    /// breaking: the budget is a target, and cuts fall on whitespace, so counting scalars
    /// never splits a cluster.
    private var budget: Int { max(20, options.length / options.fragments) }

    private func candidateWindows(bytes: Bytes, sentences: [Range<Int>], spans: [MergedSpan]) -> [Window] {
        var windows: [Window] = []
        // Sentences ending more than a budget (in bytes, at most four a character)
        // before the first match can hold no useful window: their length is not counted.
        let from = (spans.first?.range.lowerBound ?? 0) - 4 * budget
        let lengths = sentences.map { $0.upperBound < from ? Int.max / 4 : UTF8Scanning.characterCount(bytes, $0) }
        // Only windows that can reach a match are worth scoring: sentences holding a
        // span and the ones just before them (within one budget); with no match at all,
        // the opening window.
        var holdsSpan = [Bool](repeating: false, count: sentences.count)
        var sentence = 0
        for span in spans {
            while sentence < sentences.count, sentences[sentence].upperBound <= span.range.lowerBound { sentence += 1 }
            if sentence < sentences.count { holdsSpan[sentence] = true }
        }
        var useful = [Bool](repeating: spans.isEmpty, count: sentences.count)
        var reach = 0
        for index in sentences.indices.reversed() {
            reach = holdsSpan[index] ? budget : max(-1, reach - lengths[index] - 1)
            useful[index] = useful[index] || reach > 0 || holdsSpan[index]
        }
        if spans.isEmpty, !sentences.isEmpty { useful = [true] + [Bool](repeating: false, count: sentences.count - 1) }
        for first in sentences.indices where useful[first] {
            if lengths[first] > budget {
                windows += windowsInside(sentences[first], bytes: bytes, spans: spans)
                continue
            }
            var last = first
            var total = lengths[first]
            while last + 1 < sentences.count, total + 1 + lengths[last + 1] <= budget {
                last += 1
                total += 1 + lengths[last]
            }
            windows.append(Window(range: sentences[first].lowerBound..<sentences[last].upperBound,
                                  cutStart: false, cutEnd: false, score: 0, phrases: PhraseSet()))
        }
        return windows
    }

    /// Windows anchored on each match that may cross sentence boundaries: they win only
    /// when they show more of the query than any whole-sentence window (a cut costs a
    /// little, see `score`).
    private func anchoredWindows(bytes: Bytes, sentences: [Range<Int>], spans: [MergedSpan]) -> [Window] {
        guard let first = sentences.first, let last = sentences.last else { return [] }
        return windowsInside(first.lowerBound..<last.upperBound, bytes: bytes, spans: spans).map { window in
            var window = window
            window.cutStart = !Self.isBound(window.range.lowerBound, of: sentences, start: true)
            window.cutEnd = !Self.isBound(window.range.upperBound, of: sentences, start: false)
            return window
        }
    }

    /// Whether `position` is a sentence's start (or end): binary search, the ranges are sorted.
    private static func isBound(_ position: Int, of sentences: [Range<Int>], start: Bool) -> Bool {
        var low = 0, high = sentences.count
        while low < high {
            let middle = (low + high) / 2
            let edge = start ? sentences[middle].lowerBound : sentences[middle].upperBound
            if edge < position { low = middle + 1 } else { high = middle }
        }
        guard low < sentences.count else { return false }
        return (start ? sentences[low].lowerBound : sentences[low].upperBound) == position
    }

    /// Windows inside a sentence longer than the budget: one from its start, and one
    /// around each match, starting a few words before it.
    private func windowsInside(_ sentence: Range<Int>, bytes: Bytes, spans: [MergedSpan]) -> [Window] {
        var starts = [sentence.lowerBound]
        var lastAnchor: Int?
        /// `position` moved back by `characters` (not before the sentence), then back to a word start.
        func back(from position: Int, characters wanted: Int) -> Int {
            var start = UTF8Scanning.retreat(bytes, from: position, characters: wanted, floor: sentence.lowerBound)
            while start > sentence.lowerBound, !Self.isSpace(bytes[start - 1]) { start -= 1 }
            return start
        }
        for span in spans where sentence.contains(span.range.lowerBound) {
            // Matches within a quarter budget of the previous anchor would give nearly the
            // same window: one anchor per stretch keeps the work linear in the text.
            if let lastAnchor, span.range.lowerBound - lastAnchor < budget / 4 { continue }
            lastAnchor = span.range.lowerBound
            // A window opening a fifth of the budget before the match, giving it some
            // context, and one closing just after it, reaching back for earlier matches:
            // any two matches less than a budget apart share one of these windows.
            starts.append(back(from: span.range.lowerBound, characters: budget / 5))
            starts.append(back(from: span.range.upperBound, characters: budget * 9 / 10))
        }
        starts.sort()
        var windows: [Window] = []
        var previousStart = -1
        for start in starts where start > previousStart {
            previousStart = start
            var end = UTF8Scanning.advance(bytes, from: start, characters: budget, limit: sentence.upperBound)
            if end < sentence.upperBound {
                var cut = end
                while cut > start, !Self.isSpace(bytes[cut]) { cut -= 1 }
                if cut > start { end = cut }
            }
            // Do not end in the middle of a highlight (merged spans do not overlap, so
            // only the last one starting before `end` can straddle it).
            if let straddling = Self.lastSpan(startingBefore: end, in: spans), spans[straddling].range.upperBound > end {
                end = spans[straddling].range.lowerBound
                while end > start, Self.isSpace(bytes[end - 1]) { end -= 1 }
            }
            guard end > start else { continue }
            windows.append(Window(range: start..<end, cutStart: start > sentence.lowerBound,
                                  cutEnd: end < sentence.upperBound, score: 0, phrases: PhraseSet()))
        }
        return windows
    }

    /// Index of the last span starting before `position`.
    private static func lastSpan(startingBefore position: Int, in spans: [MergedSpan]) -> Int? {
        let first = firstSpan(startingAtOrAfter: position, in: spans)
        return first > 0 ? first - 1 : nil
    }

    /// Index of the first span starting at or after `position` (`spans.count` if none),
    /// by binary search: merged spans are sorted and do not overlap.
    private static func firstSpan(startingAtOrAfter position: Int, in spans: [MergedSpan]) -> Int {
        var low = 0, high = spans.count
        while low < high {
            let middle = (low + high) / 2
            if spans[middle].range.lowerBound < position { low = middle + 1 } else { high = middle }
        }
        return low
    }

    private func score(_ window: inout Window, spans: [MergedSpan], weights: [Double], total: Int) {
        var phrases = PhraseSet()
        var count = 0
        var previous: MergedSpan?
        var proximity = 0.0
        for span in spans[Self.firstSpan(startingAtOrAfter: window.range.lowerBound, in: spans)...] {
            if span.range.lowerBound >= window.range.upperBound { break }
            guard span.range.upperBound <= window.range.upperBound else { continue }
            count += 1
            phrases.formUnion(span.phrases)
            if span.phrases.count > 1 { proximity = 1 }
            if let previous, !previous.phrases.isSubset(of: span.phrases),
               span.range.lowerBound - previous.range.upperBound <= 40 { proximity = 1 }
            previous = span
        }
        let coverage = phrases.weight(weights)
        let density = min(1, Double(count) * 100 / Double(max(1, window.range.count)))
        let earliness = 1 - Double(window.range.lowerBound) / Double(max(1, total))
        window.phrases = phrases
        let cuts = (window.cutStart ? 1.0 : 0) + (window.cutEnd ? 1.0 : 0)
        window.score = coverage + 0.25 * density + 0.1 * proximity + 0.05 * earliness - 0.2 * cuts
    }

    private func pick(_ windows: [Window]) -> [Window] {
        guard let best = windows.max(by: { ($0.score, -$0.range.lowerBound) < ($1.score, -$1.range.lowerBound) }) else { return [] }
        var chosen = [best]
        var shown = best.phrases
        while chosen.count < options.fragments {
            let remaining = windows.filter { window in
                !window.phrases.isEmpty && chosen.allSatisfy { !$0.range.overlaps(window.range) }
            }
            // Windows adding phrases not yet shown come first; failing those, more
            // matches of the same phrases, elsewhere in the text.
            let fresh = remaining.filter { !$0.phrases.isSubset(of: shown) }
            guard let next = (fresh.isEmpty ? remaining : fresh).max(by: { $0.score < $1.score }) else { break }
            chosen.append(next)
            shown.formUnion(next.phrases)
        }
        return chosen.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    private static let ellipsis = Array("…".utf8)
    private static let separator = Array(" … ".utf8)

    private func assemble(_ windows: [Window], bytes: Bytes, spans: [MergedSpan]) -> Snippet {
        var highlights: [Range<Int>] = []
        let capacity = windows.reduce(Self.ellipsis.count) { $0 + $1.range.count + Self.separator.count }
        let text = String(unsafeUninitializedCapacity: capacity) { out in
            var count = 0
            for (index, window) in windows.enumerated() {
                let marker = index > 0 ? Self.separator : window.cutStart ? Self.ellipsis : []
                for byte in marker {
                    out[count] = byte
                    count += 1
                }
                let shift = count - window.range.lowerBound
                // Newlines and tabs show as spaces (one byte each, so highlights keep their offsets).
                for byte in bytes[window.range] {
                    out[count] = Self.isSpace(byte) ? 0x20 : byte
                    count += 1
                }
                var span = Self.firstSpan(startingAtOrAfter: window.range.lowerBound, in: spans)
                while span < spans.count, spans[span].range.lowerBound < window.range.upperBound {
                    if spans[span].range.upperBound <= window.range.upperBound {
                        highlights.append((spans[span].range.lowerBound + shift)..<(spans[span].range.upperBound + shift))
                    }
                    span += 1
                }
                if window.cutEnd && index == windows.count - 1 {
                    for byte in Self.ellipsis {
                        out[count] = byte
                        count += 1
                    }
                }
            }
            return count
        }
        return Snippet(text: text, highlights: highlights)
    }
}
