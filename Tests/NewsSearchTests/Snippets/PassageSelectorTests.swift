import Foundation
import Testing
@testable import NewsSearch

@Suite struct PassageSelectorTests {
    /// Spans for every occurrence of each word (in order = phrase index).
    func spans(_ text: String, _ words: [String]) -> [MatchSpan] {
        var result: [MatchSpan] = []
        let bytes = Array(text.utf8)
        for (phrase, word) in words.enumerated() {
            let needle = Array(word.utf8)
            guard needle.count <= bytes.count else { continue }
            for start in 0...(bytes.count - needle.count) where Array(bytes[start..<(start + needle.count)]) == needle {
                result.append(MatchSpan(range: start..<(start + needle.count), phrase: phrase))
            }
        }
        return result
    }

    @Test func picksTheSentenceWithTheRarestTermsAndHighlightsThem() {
        let text = "The market was calm. Rain fell on the harbour all week. The harbour council cut the budget on Friday. Nothing else happened."
        let snippet = PassageSelector(options: SnippetOptions(length: 60)).snippet(
            text: text, spans: spans(text, ["harbour", "budget"]), weights: [1, 3])
        #expect(snippet.text == "The harbour council cut the budget on Friday.")
        #expect(snippet.highlightedTexts == ["harbour", "budget"])
    }

    @Test func keepsWholeSentencesWhenTheyFit() {
        let text = "First sentence is here. Second one has the keyword in it. Third sentence closes."
        let snippet = PassageSelector(options: SnippetOptions(length: 200)).snippet(text: text, spans: spans(text, ["keyword"]))
        #expect(snippet.text == text)
        #expect(snippet.marked() == "First sentence is here. Second one has the [keyword] in it. Third sentence closes.")
    }

    @Test func cutsAVeryLongSentenceAtWordsWithEllipses() {
        let words = (0..<120).map { "w\($0)" }
        let text = words.joined(separator: " ") + " target " + words.joined(separator: " ") + "."
        let snippet = PassageSelector(options: SnippetOptions(length: 80)).snippet(text: text, spans: spans(text, ["target"]))
        #expect(snippet.text.hasPrefix("…"))
        #expect(snippet.text.hasSuffix("…"))
        #expect(snippet.highlightedTexts == ["target"])
        #expect(snippet.text.count <= 84)
        #expect(!snippet.text.dropFirst().hasPrefix(" "))
    }

    @Test func termsInNeighbouringLongSentencesAreShownTogetherWhenTheyFitTheBudget() {
        // Each sentence alone is longer than the budget, and the first term is near the
        // end of its sentence: only a window reaching back from the second term shows both.
        let filler = (0..<30).map { "w\($0)" }.joined(separator: " ")
        let text = filler + " the ceasefire held. " + "Talks resumed " + filler + "."
        let snippet = PassageSelector(options: SnippetOptions(length: 80)).snippet(
            text: text, spans: spans(text, ["ceasefire", "Talks"]))
        #expect(snippet.highlightedTexts == ["ceasefire", "Talks"])
        #expect(snippet.text.count <= 82)
    }

    @Test func anUnmatchedTailIsNotExaminedButTheSnippetIsTheSame() {
        // Text past the last match cannot change the chosen window.
        let head = "The harbour council cut the budget on Friday. Rain fell all week."
        let tail = String(repeating: " Nothing else happened that day.", count: 500)
        let short = PassageSelector().snippet(text: head, spans: spans(head, ["budget"]))
        let long = PassageSelector().snippet(text: head + tail, spans: spans(head, ["budget"]))
        #expect(long.highlightedTexts == ["budget"])
        #expect(long.text.hasPrefix(short.text))
    }

    @Test func aSectionReadOnlyInPartEndsWithAnEllipsis() {
        let text = "The harbour council cut the budget on Friday."
        let snippet = PassageSelector().snippet(text: text, spans: spans(text, ["budget"]), continues: true)
        #expect(snippet.text == text + "…")
        #expect(snippet.highlightedTexts == ["budget"])
    }

    @Test func adjacentTermsMergeIntoOneSpan() {
        let text = "They spoke of calibrated pressure on the regime."
        let snippet = PassageSelector().snippet(text: text, spans: spans(text, ["calibrated", "pressure"]))
        #expect(snippet.highlightedTexts == ["calibrated pressure"])
    }

    @Test func severalFragmentsForFarApartTerms() {
        let filler = String(repeating: "Filler words go on and on without end here. ", count: 8)
        let text = "The alpha result came first. " + filler + "Then the omega result came last."
        let snippet = PassageSelector(options: SnippetOptions(length: 80, fragments: 2)).snippet(
            text: text, spans: spans(text, ["alpha", "omega"]))
        #expect(snippet.text == "The alpha result came first. … Then the omega result came last.")
        #expect(snippet.highlightedTexts == ["alpha", "omega"])
    }

    @Test func noMatchInTextShowsTheLead() {
        let text = "Lead sentence of the section. More text follows later on."
        let snippet = PassageSelector(options: SnippetOptions(length: 40)).snippet(text: text, spans: [])
        #expect(snippet.text == "Lead sentence of the section.")
        #expect(snippet.highlights.isEmpty)
    }

    @Test func neverSplitsMultibyteCharactersOrGraphemes() {
        // Clusters of several scalars on both sides of the match, so that a cut at either
        // end of a fragment could fall inside one.
        let text = String(repeating: "Straße café 日本語ニュース 👩‍👩‍👧 naïve e\u{301} ", count: 20) + "zielwort "
            + String(repeating: "ß 🙂 e\u{301}e\u{301} 👩‍👩‍👧👩‍👩‍👧 ", count: 40)
        for length in 20...90 {
            let snippet = PassageSelector(options: SnippetOptions(length: length)).snippet(text: text, spans: spans(text, ["zielwort"]))
            #expect(snippet.highlightedTexts == ["zielwort"])
            #expect(!snippet.text.contains("\u{FFFD}"))
            // Every fragment is a piece of the text that starts and ends between grapheme
            // clusters: no lone combining accent, no half of a family emoji (which the
            // check itself tells apart: the first two pieces occur only mid-cluster).
            #expect(!Self.occursOnGraphemeBoundaries("\u{301} Straße", in: text))
            #expect(!Self.occursOnGraphemeBoundaries("\u{200D}👧 naïve", in: text))
            #expect(Self.occursOnGraphemeBoundaries("e\u{301} Straße", in: text))
            for fragment in snippet.text.components(separatedBy: " … ") {
                let piece = fragment.trimmingCharacters(in: CharacterSet(charactersIn: "…"))
                #expect(Self.occursOnGraphemeBoundaries(piece, in: text), "length \(length): `\(piece)`")
            }
        }
    }

    /// Whether `piece`'s bytes occur in `text` starting and ending at grapheme-cluster boundaries.
    static func occursOnGraphemeBoundaries(_ piece: String, in text: String) -> Bool {
        let bytes = Array(text.utf8), needle = Array(piece.utf8)
        guard !needle.isEmpty, needle.count <= bytes.count else { return needle.isEmpty }
        var boundaries = Set(text.indices.map { text.utf8.distance(from: text.utf8.startIndex, to: $0) })
        boundaries.insert(bytes.count)
        for start in 0...(bytes.count - needle.count) where boundaries.contains(start) && boundaries.contains(start + needle.count) {
            if bytes[start..<(start + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }

    @Test func shortSectionIsShownWhole() {
        let snippet = PassageSelector().snippet(text: "Tiny.", spans: spans("Tiny.", ["Tiny"]))
        #expect(snippet.marked() == "[Tiny].")
    }
}
