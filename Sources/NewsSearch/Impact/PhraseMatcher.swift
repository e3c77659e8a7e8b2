import GRDB

/// The sections where one query phrase matches, in global document order, with the
/// phrase's frequency per field and, on request, where it starts in each field.
///
/// A word is its term's postings limited to the phrase's columns; a phrase of several
/// words is the intersection of its terms' postings, kept where the words stand at
/// consecutive offsets of one field (FTS5's phrase rule). Deleted sections never match.
/// Block bounds come from the rarest term: a phrase occurs no more often than any of
/// its words.
///
/// A phrase of several words is matched once per search: the pass that counts its
/// sections for the IDF keeps the matches (``PhraseMatches``), and later passes walk
/// them, matching offsets again only for a section whose starts are asked for.
struct PhraseMatcher {
    private let cursors: [PostingCursor]
    /// The same cursors for the walk's calls, which need no retain: ``cursors`` keeps
    /// them alive as long as the matcher.
    private let unretained: [Unmanaged<PostingCursor>]
    private let columns: SIMD4<UInt32>
    private let columnMask: UInt8
    private let lead: Int
    /// The words in the order their offsets are checked: rarest first, so that a common
    /// word (`the` in `"the breakfast club"`) has its frequencies and offsets decoded only
    /// where the rarer words already stand as the phrase has them.
    private let checkOrder: [Int]
    private let directory: SegmentDirectory
    /// The current document, or ``PostingCursor/end``.
    private(set) var document = -1
    /// The phrase's occurrences per field in the current document (within its columns).
    var frequencies: SIMD4<UInt32> {
        @inline(__always) get { isSingleTerm ? cursors[0].frequencies &* columns : phraseFrequencies }
    }
    private var phraseFrequencies = SIMD4<UInt32>.zero
    /// Every live posting of the single word holds it within the phrase's columns (the
    /// live counts say so), so a posting needs no frequencies read to match.
    private let allInColumns: Bool
    /// The phrase's start offsets in the current document, field after field in one
    /// buffer that keeps its room from section to section: field *f*'s end at
    /// `startEnds[f]` and begin where field *f − 1*'s end. (Emptying an array, even
    /// keeping its room, is a call into the runtime: once per field per candidate, it
    /// and ``PostingOffsets``'s were a tenth of `"the progressive"`, measured.)
    private var startValues: [UInt32] = []
    private var startEnds = SIMD4<Int>.zero
    /// The phrase's matches found before, and which of them is current.
    private let recorded: PhraseMatches?
    private var recordedIndex = 0
    /// The document ``starts`` were matched for.
    private var startsDocument = -1

    init(postings: [TermPostings], columns: UInt8, directory: SegmentDirectory, recorded: PhraseMatches? = nil) {
        self.recorded = recorded
        cursors = postings.map(PostingCursor.init)
        unretained = cursors.map(Unmanaged.passUnretained)
        columnMask = columns
        self.columns = SIMD4((0..<4).map { columns & (1 << UInt8($0)) != 0 ? UInt32(1) : 0 })
        checkOrder = postings.indices.sorted { (postings[$0].blockCount, $0) < (postings[$1].blockCount, $1) }
        lead = checkOrder.first ?? 0
        allInColumns = postings.count == 1 && postings[0].patterns.documents(in: columns) == postings[0].patterns.documents(in: 0b1111)
        self.directory = directory
    }

    var isSingleTerm: Bool { cursors.count == 1 }

    /// A single word's cursor, walked by the matcher's own moves, and the factors (1 or 0
    /// per field) that limit its frequencies to the phrase's columns; nil for a phrase
    /// of several words. For a caller that reads the word's block in bulk
    /// (``PostingCursor/postings(_:in:)``) and then moves the matcher.
    var singleWord: (cursor: PostingCursor, columns: SIMD4<UInt32>)? {
        isSingleTerm && recorded == nil ? (cursors[0], columns) : nil
    }

    /// The bound of all the lead term's postings.
    var postingsBound: BlockBound { cursors[lead].postings.bound }

    /// Blocks of the lead term: the cost of walking this phrase.
    var blockCount: Int { cursors[lead].postings.blockCount }

    /// Moves to the first matching document at or after `target`.
    mutating func advance(to target: Int, db: Database) throws {
        guard document < target else { return }
        if let recorded {
            recordedIndex = recorded.index(atOrAfter: target, from: recordedIndex)
            guard recordedIndex < recorded.documents.count else {
                document = PostingCursor.end
                return
            }
            document = recorded.documents[recordedIndex]
            phraseFrequencies = recorded.frequencies[recordedIndex]
            return
        }
        var candidate = target
        // Called unretained (``unretained``): a retain and a release around each move were
        // a tenth of a median phrase's walk (measured).
        let leader = unretained[lead]
        while true {
            candidate = leader._withUnsafeGuaranteedRef { $0.advance(to: candidate); return $0.document }
            guard candidate != PostingCursor.end else {
                document = PostingCursor.end
                return
            }
            var aligned = true
            for index in unretained.indices where index != lead {
                let found = unretained[index]._withUnsafeGuaranteedRef { $0.advance(to: candidate); return $0.document }
                if found != candidate {
                    candidate = found
                    aligned = false
                    break
                }
            }
            guard aligned else {
                if candidate == PostingCursor.end {
                    document = PostingCursor.end
                    return
                }
                continue
            }
            if !directory.isDeleted(candidate), try matchHere(db: db) {
                document = candidate
                startsDocument = candidate
                return
            }
            candidate += 1
        }
    }

    mutating func next(db: Database) throws {
        guard document != PostingCursor.end else { return }
        try advance(to: document + 1, db: db)
    }

    /// The first document at or after `target` that may match: the current one when it is
    /// there already, the next recorded match, or else from the lead term's block headers
    /// (nothing decoded, no offsets read).
    func firstPossible(from target: Int) -> Int {
        if document >= target { return document }
        if let recorded {
            let index = recorded.index(atOrAfter: target, from: recordedIndex)
            return index < recorded.documents.count ? recorded.documents[index] : PostingCursor.end
        }
        return cursors[lead].firstPossible(from: target)
    }

    /// The cursor of the lead term, whose block headers bound the phrase: a block's
    /// bound (``PostingCursor/bound(at:)``, ``PostingCursor/maxBound(from:through:score:)``),
    /// limited to the phrase's columns by the scorer, bounds every match of the phrase in it.
    /// Pruning asks it directly: asked through the matcher, an element of an array,
    /// each call copied the matcher, as bounds are decoded into the postings' memo on
    /// first use (3.5 % more instructions in the median `--any` search, measured).
    var leadCursor: PostingCursor { cursors[lead] }

    /// Appends the start offsets of the phrase in `field` of the current document to
    /// `offsets` (which keeps its buffer from section to section).
    mutating func appendOffsets(field: Int, to offsets: inout [UInt32], db: Database) throws {
        if isSingleTerm {
            offsets.append(contentsOf: try cursors[0].offsets(field: field, db: db))
        } else {
            if startsDocument != document {
                // Matched from the recorded list: match the offsets here now.
                for cursor in cursors { cursor.advance(to: document) }
                _ = try matchHere(db: db)
                startsDocument = document
            }
            offsets.append(contentsOf: startValues[(field == 0 ? 0 : startEnds[field - 1])..<startEnds[field]])
        }
    }

    /// The field lengths of the current document's section (read a block at a time for
    /// a single word, ``PostingCursor/fieldLengths(in:)``).
    @inline(__always)
    func fieldLengths() -> SIMD4<UInt32> {
        isSingleTerm ? cursors[0].fieldLengths(in: directory) : directory.fieldLengths(document)
    }

    /// Walks every match from the start (a new matcher), keeping up to `limit` of them;
    /// returns how many sections match and, if they were all kept, the matches.
    /// `deadline` is checked every 1,024 matches.
    mutating func collect(limit: Int, deadline: SearchDeadline? = nil, db: Database) throws -> (count: Int64, matches: PhraseMatches?) {
        var matches: PhraseMatches? = PhraseMatches()
        var count: Int64 = 0
        try advance(to: 0, db: db)
        while document != PostingCursor.end {
            count += 1
            if count & 1023 == 0 { try deadline?.check() }
            if count > limit { matches = nil }
            matches?.documents.append(document)
            matches?.frequencies.append(frequencies)
            try next(db: db)
        }
        return (count, matches)
    }

    /// Whether the cursors, all on one document, hold the phrase within its columns;
    /// sets ``frequencies`` (and, for phrases, the start offsets).
    private mutating func matchHere(db: Database) throws -> Bool {
        if isSingleTerm { return allInColumns || cursors[0].frequencies &* columns != .zero }
        // Field by field, each field's starts after the last's; the lanes are set at the
        // end: a lane of a vector in memory written at a variable index went through the
        // stack and stalled the next read (two fifths of this function's time, measured).
        let title = try matchField(0, from: 0, db: db)
        let heading = try matchField(1, from: title, db: db)
        let body = try matchField(2, from: title + heading, db: db)
        let author = try matchField(3, from: title + heading + body, db: db)
        phraseFrequencies = SIMD4(UInt32(title), UInt32(heading), UInt32(body), UInt32(author))
        startEnds = SIMD4(title, title + heading, title + heading + body, title + heading + body + author)
        return phraseFrequencies != .zero
    }

    /// How many times the phrase starts in `field` of the current document; writes the
    /// starts into ``startValues`` from `base`.
    @inline(__always)
    private mutating func matchField(_ field: Int, from base: Int, db: Database) throws -> Int {
        guard columnMask & (1 << UInt8(field)) != 0 else { return 0 }
        // Where the phrase would start, from the rarest word's offsets (word `w` of the
        // phrase stands `w` tokens after its start), then narrowed word by word in
        // ``checkOrder``, in place.
        let first = checkOrder[0]
        let leading = try unretained[first]._withUnsafeGuaranteedRef { cursor -> UnsafeBufferPointer<UInt32> in
            cursor.frequencies[field] > 0 ? try cursor.offsets(field: field, db: db) : UnsafeBufferPointer(start: nil, count: 0)
        }
        guard !leading.isEmpty else { return 0 }
        if startValues.count < base + leading.count {
            startValues.append(contentsOf: repeatElement(0, count: base + leading.count - startValues.count))
        }
        var count = startValues.withUnsafeMutableBufferPointer { buffer in
            var count = 0
            for offset in leading where offset >= UInt32(first) {
                buffer[base + count] = offset - UInt32(first)
                count += 1
            }
            return count
        }
        // By index: a slice of `checkOrder` retained and released it at every field.
        for position in 1..<checkOrder.count where count > 0 {
            let word = checkOrder[position]
            let later = try unretained[word]._withUnsafeGuaranteedRef { cursor -> UnsafeBufferPointer<UInt32> in
                cursor.frequencies[field] > 0 ? try cursor.offsets(field: field, db: db) : UnsafeBufferPointer(start: nil, count: 0)
            }
            guard !later.isEmpty else { return 0 }
            count = startValues.withUnsafeMutableBufferPointer { buffer in
                Self.keepFollowed(UnsafeMutableBufferPointer(rebasing: buffer[base..<(base + count)]), by: later,
                                  distance: UInt32(word))
            }
        }
        return count
    }
}
