import GRDB
import GRDBSQLite

/// Tokens as numbers: the index's stemming tokenizer's terms numbered from their bytes in
/// a ``TermVocabulary``, no `String` made or hashed per token. The index run's pass for the
/// impact index, and query expansion's over its feedback sections.
extension IndexTokenizer {
    /// Every token of `text` as the index stores it (folded, stemmed), as its number in
    /// `vocabulary`, in order; with `marksEvery`, also the byte offsets of tokens 0,
    /// `every`, 2·`every`, … (``TokenMarks``). The parsing threads' pass for the impact
    /// index: tokens are numbered from their bytes, no `String` is made per token.
    func termNumbers(of text: String, vocabulary: inout TermVocabulary,
                     marksEvery interval: Int = 0) -> (terms: SectionTerms.FieldTokens, marks: [Int]) {
        var marks: [Int] = []
        let terms = withUnsafeMutablePointer(to: &marks) { marks in
            numberTerms(of: text, vocabulary: &vocabulary, marks: marks, interval: interval, firstRanges: nil)
        }
        return (SectionTerms.FieldTokens(terms: terms), marks)
    }

    /// Every token of `text` as its term's number in `vocabulary`, in order, and for each
    /// term new to `vocabulary`, in the order they are numbered, the UTF-8 byte range of
    /// the word it first came from, appended to `firstRanges`. Query expansion's pass over
    /// its feedback sections: no `String` made or hashed per token.
    func termNumbers(of text: String, vocabulary: inout TermVocabulary, firstRanges: inout [Range<Int>]) -> [Int32] {
        withUnsafeMutablePointer(to: &firstRanges) { ranges in
            numberTerms(of: text, vocabulary: &vocabulary, marks: nil, interval: 0, firstRanges: ranges)
        }
    }

    /// The two passes' tokenizing: marks every `interval` tokens into `marks` when it is
    /// above 0, new terms' first ranges into `firstRanges` when it is given.
    private func numberTerms(of text: String, vocabulary: inout TermVocabulary, marks: UnsafeMutablePointer<[Int]>?,
                             interval: Int, firstRanges: UnsafeMutablePointer<[Range<Int>]>?) -> [Int32] {
        var terms: [Int32] = []
        var text = text
        text.withUTF8 { bytes in
            withUnsafeMutablePointer(to: &vocabulary) { vocabulary in
                withUnsafeMutablePointer(to: &terms) { terms in
                    var sink = NumberSink(vocabulary: vocabulary, terms: terms, marks: marks, interval: interval,
                                          firstRanges: firstRanges)
                    withUnsafeMutablePointer(to: &sink) { sinkPointer in
                        let start = UnsafeRawPointer(bytes.baseAddress)?.assumingMemoryBound(to: CChar.self)
                        _ = tokenizer.xTokenize(instance, sinkPointer, FTS5_TOKENIZE_DOCUMENT, start, Int32(bytes.count)) {
                            context, flags, token, length, start, end in
                            guard let sink = context?.assumingMemoryBound(to: NumberSink.self),
                                  flags & FTS5_TOKEN_COLOCATED == 0 else { return SQLITE_OK }
                            if sink.pointee.interval > 0, sink.pointee.terms.pointee.count % sink.pointee.interval == 0 {
                                sink.pointee.marks?.pointee.append(Int(start))
                            }
                            let known = sink.pointee.vocabulary.pointee.count
                            let number = sink.pointee.vocabulary.pointee.number(
                                bytes: UnsafeRawBufferPointer(start: token, count: token == nil ? 0 : Int(length)))
                            if Int(number) == known { sink.pointee.firstRanges?.pointee.append(Int(start)..<Int(end)) }
                            sink.pointee.terms.pointee.append(number)
                            return SQLITE_OK
                        }
                    }
                }
            }
        }
        return terms
    }

    /// Where the tokenizer callback of ``numberTerms(of:vocabulary:marks:interval:firstRanges:)`` writes.
    private struct NumberSink {
        var vocabulary: UnsafeMutablePointer<TermVocabulary>
        var terms: UnsafeMutablePointer<[Int32]>
        /// Where marks go, when they are wanted (``interval`` above 0).
        var marks: UnsafeMutablePointer<[Int]>?
        var interval: Int
        /// Where new terms' first byte ranges go, when they are wanted.
        var firstRanges: UnsafeMutablePointer<[Range<Int>]>?
    }
}
