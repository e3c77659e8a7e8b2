/// The bounds every query must stay within, so that any text a person (or a script)
/// types is refused with a clear message or answered in bounded time and memory.
///
/// Why these numbers:
///
/// - ``maxBytes``: lexing and parsing are linear, but FTS5 and the ranker pay per word
///   and per byte; 10,000 bytes is far beyond any typed query (about 1,500 English words).
/// - ``maxDepth``: the parser recurses once per nesting level, so the level is checked
///   *before* it recurses. FTS5's own expression parser (a Lemon parser with a
///   100-entry stack) overflows with "fts5: parser stack overflow" at 32 levels of
///   `({title} : "oil" OR (…))` (three stack entries per level: `(`, operand, `OR`) and
///   at 98 bare `(`, measured on SQLite 3.40.1. Same-operator nesting is flattened, but
///   one query level can still cost two parenthesis levels (`(a b OR c (…))` is an AND
///   inside an OR); that shape fails in FTS5 at 16 query levels, so 10 leaves a margin
///   of six levels for every shape.
/// - ``maxCompiledParentheses``: the compiler's own bound for any ``QueryNode``, also
///   hand-built ones: two parenthesis levels per query level, plus the outermost.
/// - ``maxTerms``: FTS5 reads one doclist per word, phrase and NEAR words included, and
///   the tokenizer splits `a.b.c` into three words; all are counted as the index would.
/// - ``maxPrefixTerms``, ``minPrefixLength``: FTS5 (without a prefix index) expands a
///   prefix into every indexed word that starts with it. In the BBC corpus (20,653
///   distinct words) a one-letter prefix expands to 574 words on average and `s*` to
///   2,056 (71,200 postings); two letters to 29 on average and at most 532 (`co*`).
///   512 one-letter prefixes OR-ed took 75 s; 16 two-letter ones take well under a
///   second on that corpus in a debug build.
/// - ``maxDistance``: a NEAR window wider than 10,000 words is "anywhere in the section".
public enum QueryLimits {
    /// The longest query, in UTF-8 bytes.
    public static let maxBytes = 10_000
    /// The deepest nesting of `(` groups (and of fields directly inside fields, `title:body:…`).
    public static let maxDepth = 10
    /// The most search words (terms, and words of phrases and NEAR groups, as the index's
    /// tokenizer splits them).
    public static let maxTerms = 512
    /// The most prefix searches (`word*`) in one query.
    public static let maxPrefixTerms = 16
    /// The fewest letters or digits the last word of a prefix search must have before `*`.
    public static let minPrefixLength = 2
    /// The largest NEAR / `~N` distance.
    public static let maxDistance = 10_000
    /// The deepest parenthesis nesting the compiler writes (parsed queries stay within
    /// it; hand-built trees beyond it are refused): 22 levels, about 70 of FTS5's 100
    /// parser stack entries.
    static let maxCompiledParentheses = 2 * maxDepth + 2
    /// The deepest ``QueryNode`` tree the compiler walks (a group level is at most an
    /// OR, an AND, a NOT and a field node).
    static let maxCompiledNodes = 4 * maxDepth + 4
}

/// How the index's tokenizer (`unicode61`) sees a piece of text: words are runs of
/// letters, digits and private-use characters; combining marks stay inside a word (and
/// are folded away); everything else separates words.
enum TokenizerView {
    /// Whether a scalar is a word character for the tokenizer (categories `L* N* Co`).
    /// ASCII is answered without the Unicode tables: its letters and digits.
    static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let value = scalar.value, folded = value | 0x20
            return (0x30...0x39).contains(value) || (0x61...0x7A).contains(folded)
        }
        return switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber, .privateUse: true
        default: false
        }
    }

    /// Whether a scalar is a combining mark, which the tokenizer keeps inside a word.
    static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return false }
        return switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: true
        default: false
        }
    }

    /// The number of words the tokenizer finds in `text`.
    static func wordCount(_ text: String) -> Int {
        var count = 0
        var inWord = false
        for scalar in text.unicodeScalars {
            if isWordCharacter(scalar) {
                if !inWord { count += 1 }
                inWord = true
            } else if !isMark(scalar) {
                inWord = false
            }
        }
        return count
    }

    /// The number of letters and digits in the last word of `text` (the word a prefix
    /// search `text*` expands).
    static func lastWordLength(_ text: String) -> Int {
        var length = 0
        var seenWord = false
        for scalar in text.unicodeScalars.reversed() {
            if isWordCharacter(scalar) {
                length += 1
                seenWord = true
            } else if isMark(scalar) {
                continue
            } else if seenWord {
                break
            }
        }
        return length
    }
}
