/// Finds the UTF-8 bytes of a body's tokens by number (the offsets of FTS5's phrase
/// instances) with the index's own tokenizer, tokenizing only from the nearest
/// ``TokenMarks`` mark before a wanted token and only as far as that token.
///
/// It keeps the last run of consecutive tokens it tokenized: a token inside the run is
/// answered at once, a token a little past it extends the run, and one past the next
/// mark starts a new run there. Asked in increasing order (instances come in text
/// order), it reads each byte of the body at most once.
struct TokenLocator {
    private let tokenizer: IndexTokenizer
    private let bytes: UnsafeBufferPointer<UInt8>
    private let marks: [Int]
    private let interval: Int
    /// Token number of `run[0]`.
    private var first = 0
    private var run: [Range<Int>] = []

    /// `marks`: the body's ``TokenMarks``, or nil (an index made before marks were
    /// kept) to tokenize from the start.
    init(tokenizer: IndexTokenizer, bytes: UnsafeBufferPointer<UInt8>, marks: TokenMarks?) {
        self.tokenizer = tokenizer
        self.bytes = bytes
        if let marks, !marks.offsets.isEmpty {
            self.marks = marks.offsets
            interval = TokenMarks.interval
        } else {
            self.marks = [0]
            interval = Int.max
        }
    }

    /// The byte range of token `token`, or nil if the text ends before it.
    mutating func range(ofToken token: Int) -> Range<Int>? {
        guard token >= 0 else { return nil }
        if token >= first, token < first + run.count { return run[token - first] }
        let mark = min(token / interval, marks.count - 1)
        let markToken = mark * (interval == Int.max ? 0 : interval)
        let runEnd = first + run.count
        // Tokenizing starts at a token's first byte (a mark) or between tokens (just
        // after the run's last token), where the tokenizer finds the same tokens.
        if let last = run.last, token >= runEnd, runEnd >= markToken {
            // Going on from the run is no more work than starting again at the mark.
            tokenizer.appendTokenRanges(of: bytes, from: last.upperBound, limit: token - runEnd + 1, to: &run)
        } else {
            first = markToken
            run.removeAll(keepingCapacity: true)
            tokenizer.appendTokenRanges(of: bytes, from: marks[mark], limit: token - markToken + 1, to: &run)
        }
        return token >= first && token < first + run.count ? run[token - first] : nil
    }
}
