/// Splits the paragraphs of an article into headed sections, and pulls out the author
/// line and the related-article trailer.
///
/// The rules, in order:
/// 1. **Trailer.** A paragraph ending in `Read more` is a related-article teaser; the
///    paragraph before it is that teaser's title. Both are moved to ``Parts/related``
///    and never become article text.
/// 2. **Author.** A paragraph `Author: NAME` sets the author and is removed.
/// 3. **Headings.** A paragraph is a heading when it is short (at most
///    ``maxHeadingCharacters`` characters and ``maxHeadingWords`` words), is not a
///    sentence (it does not end in `.`, `?`, `!`, `"`, `”`, `’`, `:`, `;`, `,` or `…`),
///    starts with a letter or digit, and the next paragraph is body text rather than
///    another heading. A heading opens a new section.
/// 4. Paragraphs before the first heading form the lead section (empty heading); an
///    empty lead is dropped.
public struct Sectionizer: Sendable {
    public static let maxHeadingCharacters = 100
    public static let maxHeadingWords = 14

    /// Whether headings are detected at all; wire-service text (Reuters) has none.
    public var detectsHeadings: Bool

    public init(detectsHeadings: Bool = true) {
        self.detectsHeadings = detectsHeadings
    }

    /// What the sectionizer found in a list of paragraphs.
    public struct Parts: Sendable, Equatable {
        public var sections: [Section]
        public var author: String?
        public var related: [RelatedItem]
    }

    /// Sectionizes already-trimmed, non-empty paragraphs.
    public func split(paragraphs input: [String]) -> Parts {
        var paragraphs = input.filter { !$0.isEmpty }
        let related = Self.extractTrailer(from: &paragraphs)
        var author: String?
        paragraphs.removeAll { paragraph in
            guard let name = Self.authorName(in: paragraph) else { return false }
            if author == nil { author = name }
            return true
        }

        var sections: [Section] = []
        var heading = ""
        var body: [String] = []
        func close() {
            if !body.isEmpty || !heading.isEmpty {
                sections.append(Section(heading: heading, text: body.joined(separator: "\n")))
            }
        }
        for (index, paragraph) in paragraphs.enumerated() {
            let next = index + 1 < paragraphs.count ? paragraphs[index + 1] : nil
            if detectsHeadings, Self.isHeadingCandidate(paragraph),
               let next, !Self.isHeadingCandidate(next) {
                close()
                heading = paragraph
                body = []
            } else {
                body.append(paragraph)
            }
        }
        close()
        return Parts(sections: sections, author: author, related: related)
    }

    /// Whether a paragraph has the shape of a heading (ignoring what follows it).
    public static func isHeadingCandidate(_ paragraph: String) -> Bool {
        guard let first = paragraph.unicodeScalars.first, let last = paragraph.last else { return false }
        guard first.properties.isAlphabetic || first.properties.numericType != nil else { return false }
        // Cheap byte test first: a long paragraph is never a heading (a character is at
        // most 4 bytes), so only short ones pay for counting characters.
        let bytes = paragraph.utf8.count
        guard bytes <= maxHeadingCharacters * 4 else { return false }
        guard bytes <= maxHeadingCharacters || paragraph.count <= maxHeadingCharacters else { return false }
        if ".?!\"”’:;,…".contains(last) { return false }
        var words = 0
        var inWord = false
        for scalar in paragraph.unicodeScalars {
            let space = scalar.properties.isWhitespace
            if !space && !inWord { words += 1 }
            inWord = !space
        }
        return words <= maxHeadingWords
    }

    /// `NAME` from a paragraph `Author: NAME` (also `By: NAME`), else nil.
    static func authorName(in paragraph: String) -> String? {
        guard paragraph.utf8.count < 480 else { return nil }
        for prefix in ["Author:", "By:"] {
            if paragraph.prefix(prefix.count).lowercased() == prefix.lowercased() {
                let name = paragraph.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)
                return name.isEmpty ? nil : name
            }
        }
        return nil
    }

    /// Removes `title, teaser … Read more` pairs from the paragraphs and returns them.
    static func extractTrailer(from paragraphs: inout [String]) -> [RelatedItem] {
        var related: [RelatedItem] = []
        var kept: [String] = []
        kept.reserveCapacity(paragraphs.count)
        for paragraph in paragraphs {
            if let teaser = teaserText(paragraph), let title = kept.last, authorName(in: title) == nil {
                kept.removeLast()
                related.append(RelatedItem(title: title, teaser: teaser))
            } else {
                kept.append(paragraph)
            }
        }
        paragraphs = kept
        return related
    }

    /// The teaser without its `Read more` link text, if the paragraph is a teaser.
    static func teaserText(_ paragraph: String) -> String? {
        // Look only at the end of the paragraph: lowercasing all of it per paragraph
        // was the costliest step of sectioning.
        guard paragraph.utf8.last.map({ $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") || $0 > 0x7F || $0 == UInt8(ascii: ">") || $0 == 0x20 }) == true
        else { return nil }
        var text = Substring(paragraph)
        while let last = text.last, last == "»" || last == "›" || last == ">" || last.isWhitespace {
            text = text.dropLast()
        }
        guard text.suffix(9).lowercased() == "read more" else { return nil }
        return text.dropLast("read more".count).trimmingCharacters(in: .whitespaces)
    }
}

import Foundation
