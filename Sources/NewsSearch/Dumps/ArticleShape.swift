import Foundation

/// Decides whether a plain-text file looks like an article, so that READMEs, word
/// lists, relevance judgements and data files lying beside a corpus are not indexed.
///
/// A plain-text file is skipped as `not an article` when any of these holds:
/// 1. Its name (before `.gz`) starts with `README`, `LICENSE`, `LICENCE`, `COPYING` or
///    `CHANGELOG`, in any case: documentation, not news.
/// 2. Its first non-empty line, the title, has fewer than two letters (`1 184 2`,
///    `.I 1`, `a`): tables of numbers, query files and word lists. (A first line over
///    ``TitleLength/maximum`` characters is cut as the reader cuts it; its rest is text.)
/// 3. Less than 5 % of the text after the title is in sentences. A sentence is a line,
///    or a paragraph of hard-wrapped lines between blank lines, of at least two words
///    that ends in `.` (or `...`) `!` `?` `…` or `:` (optionally followed by closing quotes or
///    brackets) right after a letter, a digit or `%`, possibly behind one closing
///    quote or bracket (`(£109m).`, `system".`). Lists, tables and code do not
///    (`"oil","coal"]).`). A title with no text after it is not an article either.
///
/// Tuned on the shared corpora: every BBC article has at least 12 % of its text in
/// sentences and every seed 82 %; the Reuters-21578 and IR-collection side files have
/// at most 2 %.
public enum ArticleShape {
    /// Share of the text after the title that must be in sentences.
    public static let minimumSentenceShare = 0.05

    static let documentationPrefixes = ["README", "LICENSE", "LICENCE", "COPYING", "CHANGELOG"]

    /// Why the file is not an article, or nil when it looks like one.
    public static func rejection(name: String, text: String) -> String? {
        var base = (name as NSString).lastPathComponent
        if DumpFormat.isCompressed(base) { base = (base as NSString).deletingPathExtension }
        let upper = base.uppercased()
        if let prefix = documentationPrefixes.first(where: { upper.hasPrefix($0) }) {
            return "a \(prefix) file is documentation"
        }
        // Split on the newline byte: splitting the String would walk every grapheme cluster.
        var lines = text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { Substring($0) }[...]
        while let first = lines.first, first.allSatisfy(\.isWhitespace) { lines.removeFirst() }
        guard let title = lines.popFirst() else { return "no text" }
        if title.prefix(300).filter(\.isLetter).count < 2 {
            let shown = DumpError.displayed(String(title.trimmingCharacters(in: .whitespaces).prefix(40)))
            return "first line `\(shown)` is not a title"
        }
        var total = 0, lineProse = 0, blockProse = 0
        var blockBytes = 0, blockWords = 0
        var blockEndsSentence = false
        func closeBlock() {
            if blockWords >= 2 && blockEndsSentence { blockProse += blockBytes }
            blockBytes = 0; blockWords = 0; blockEndsSentence = false
        }
        // Byte-level: this runs over every line of every plain-text dump, on the
        // parsing threads an index run waits for.
        func consume(_ line: Substring) {
            let utf8 = line.utf8
            var lower = utf8.startIndex, upper = utf8.endIndex
            while lower < upper, isBlank(utf8[lower]) { lower = utf8.index(after: lower) }
            while upper > lower, isBlank(utf8[utf8.index(before: upper)]) { upper = utf8.index(before: upper) }
            guard lower < upper else { closeBlock(); return }
            let trimmed = utf8[lower..<upper]
            let bytes = trimmed.count
            let words = trimmed.contains(where: isBlank) || Substring(trimmed).unicodeScalars.contains(where: isWideSpace) ? 2 : 1
            let endsSentence = endsLikeSentence(Substring(trimmed))
            total += bytes
            if words >= 2 && endsSentence { lineProse += bytes }
            blockBytes += bytes
            blockWords += words
            blockEndsSentence = endsSentence
        }
        // An over-long first line is cut like the title (``TitleLength``); the rest is text.
        if title.utf8.count > TitleLength.maximum, let rest = TitleLength.split(String(title)).rest { consume(rest[...]) }
        for line in lines { consume(line) }
        closeBlock()
        guard total > 0 else { return "a title with no text" }
        let share = Double(max(lineProse, blockProse)) / Double(total)
        if share < minimumSentenceShare {
            return String(format: "%.0f %% of the text is in sentences, an article needs %.0f %%",
                          share * 100, minimumSentenceShare * 100)
        }
        return nil
    }

    /// Space or tab: what separates words and is trimmed from line ends.
    @inline(__always)
    private static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    /// A non-ASCII space between words (no-break, ideographic, …); only looked for in
    /// lines with a non-ASCII byte.
    private static func isWideSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value > 0x7F && scalar.properties.isWhitespace
    }

    private static let closers: Set<Character> = ["\"", "'", "”", "’", ")", "]"]
    private static let enders: Set<Character> = [".", "!", "?", "…", ":"]

    /// Whether `line` (trimmed) ends the way a sentence does.
    static func endsLikeSentence<Line: StringProtocol>(_ line: Line) -> Bool {
        var characters = Substring(line)
        while let last = characters.last, closers.contains(last) || last.isWhitespace { characters.removeLast() }
        guard let last = characters.popLast(), enders.contains(last) else { return false }
        // An ellipsis written as dots ends a sentence too (`the outcome...`).
        if last == "." { while characters.last == "." { characters.removeLast() } }
        guard var before = characters.popLast() else { return false }
        func isWordEnd(_ character: Character) -> Bool { character.isLetter || character.isNumber || character == "%" }
        if isWordEnd(before) { return true }
        guard closers.contains(before), let earlier = characters.popLast() else { return false }
        before = earlier
        return isWordEnd(before)
    }
}
