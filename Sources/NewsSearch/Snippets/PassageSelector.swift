/// Chooses the best short passage(s) of a section to show under a hit.
///
/// The candidates are runs of whole sentences that fit the character budget, windows
/// inside sentences longer than the budget (cut at words and marked with `…`), and,
/// when no whole-sentence window shows every matched phrase, windows across sentence
/// boundaries around each match (``SnippetWindows``); each is scored by
/// ``PassageScore`` (the IDF of the phrases it shows, then density, proximity,
/// position, and a cost per cut sentence), and the best wins. With several fragments,
/// later picks must not overlap earlier ones, must hold a match, and are preferred when
/// they add phrases not yet shown; the picks are joined in text order with ` … `.
/// Sentences come from ``SentenceSplitter``.
public struct PassageSelector: Sendable {
    public var options: SnippetOptions

    public init(options: SnippetOptions = SnippetOptions()) {
        self.options = options
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
            let sentences = SentenceSplitter.sentences(in: bytes, from: origin, upTo: min(bytes.count, reach + 1))
            let generator = SnippetWindows(bytes: bytes, sentences: sentences, spans: merged, budget: budget)
            var windows = generator.wholeSentences()
            for index in windows.indices {
                PassageScore.score(&windows[index], spans: merged, weights: weights, textLength: bytes.count)
            }
            // Windows across sentence boundaries can only win by showing more of the
            // query: look for them only when no sentence window shows all of it.
            let everything = merged.reduce(into: PhraseSet()) { $0.formUnion($1.phrases) }
            if !merged.isEmpty, !windows.contains(where: { everything.isSubset(of: $0.phrases) }) {
                var anchored = generator.anchored()
                for index in anchored.indices {
                    PassageScore.score(&anchored[index], spans: merged, weights: weights, textLength: bytes.count)
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

    /// Characters allowed per fragment: the whole budget shared among the fragments.
    /// Characters are counted as Unicode scalars (``UTF8Scanning``), without grapheme
    /// breaking: the budget is a target, and cuts fall on whitespace, so counting scalars
    /// never splits a cluster.
    private var budget: Int { max(20, options.length / options.fragments) }

    typealias Bytes = UTF8Scanning.Bytes

    private func pick(_ windows: [SnippetWindow]) -> [SnippetWindow] {
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

    private func assemble(_ windows: [SnippetWindow], bytes: Bytes, spans: [MergedSpan]) -> Snippet {
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
                    out[count] = SentenceSplitter.isSpace(byte) ? 0x20 : byte
                    count += 1
                }
                var span = spans.firstSpan(startingAtOrAfter: window.range.lowerBound)
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
