/// Which blocks of a segment carry skip tables (``PostingsCodec``), how many postings
/// an entry covers, where the tables are and how wide their entries: the segment says,
/// in `impact_segments.skip_tables`, so that a segment written under an older rule is
/// read by that rule.
///
/// A table has an entry per group of postings but the first, at the start of the
/// block's frequencies and of its positions (``SkipTable``). The reader sees only the
/// block's byte counts, tables included, and decides from them what the writer decided
/// (``table(count:positionBytes:frequencyBytes:)``); the writer decides from the counts
/// without the tables (``table(count:untabledPositionBytes:codeBytes:)``) so that it does.
enum SkipTableLayout: Int, Sendable, CaseIterable {
    /// No block has tables (segments written before schema version 9).
    case none = 0
    /// Blocks whose positions come to at least 512 bytes, position entries 4 bytes
    /// (schema version 9).
    case large = 1
    /// Blocks whose positions come to at least ``compactMinimum`` bytes (every full
    /// block: each posting has at least one offset byte), position entries 2 bytes where
    /// the block's positions are under 64 KiB, else 4 (since schema version 10). A word
    /// in one section of eight fills its 128-posting blocks with 130–190 bytes of
    /// offsets, which version 9 left without tables: a phrase or a proximity bonus that
    /// wanted a posting in one decoded the frequencies and passed the offsets of half a
    /// block on average; with tables, of half a group (at 1M sections: median phrase
    /// −5 % instructions, a phrase of a rare and a common word −13 %, AND −3 %, for 28 MB
    /// more impact index, +5 % of it, measured).
    case compact = 2
    /// Tables in every block of more than 4 postings whose offsets, without the tables,
    /// come to ``compactMinimum`` bytes or more, an entry every ``fineGroup`` postings,
    /// each as narrow as what it points into allows: 1 byte up to 255 bytes, 2 up to
    /// 64 KiB, else 4 (since schema version 13). A phrase with a common word wants
    /// that word's frequencies and offsets at one posting of most of its blocks: it
    /// decodes and passes those of at most 3 postings before it, not 15. (Both tables at
    /// the start of the frequencies, where the offsets' table needs no counting of its
    /// own, made a common word's postings rows, which a search reads whole, larger:
    /// `"the book of life"` as AND 14 % slower, measured.)
    case graded = 3

    /// What this build writes.
    static let current = SkipTableLayout.graded
    /// Position bytes from which a block gets tables under ``large``, and under
    /// ``compact`` (tables counted) and ``graded`` (not counted).
    static let largeMinimum = 512
    static let compactMinimum = 128
    /// Postings an entry covers under ``graded`` (else ``PostingsCodec/skipGroup``).
    static let fineGroup = 4

    /// The groups of a block of `count` postings that a table of `group`-posting groups
    /// would point to: all but the first.
    @inline(__always)
    static func groups(count: Int, group: Int = PostingsCodec.skipGroup) -> Int {
        count > group ? (count - 1) / group : 0
    }

    /// The table of a block of `count` postings whose positions, tables included, take
    /// `positionBytes`, and whose frequencies, tables included, `frequencyBytes`.
    @inline(__always)
    func table(count: Int, positionBytes: Int, frequencyBytes: Int) -> SkipTable {
        switch self {
        case .none:
            return SkipTable(entries: 0, group: PostingsCodec.skipGroup, frequencyWidth: 2, positionWidth: 4)
        case .large:
            let entries = positionBytes >= Self.largeMinimum ? Self.groups(count: count) : 0
            return SkipTable(entries: entries, group: PostingsCodec.skipGroup, frequencyWidth: 2, positionWidth: 4)
        case .compact:
            let entries = positionBytes >= Self.compactMinimum ? Self.groups(count: count) : 0
            return SkipTable(entries: entries, group: PostingsCodec.skipGroup, frequencyWidth: 2,
                             positionWidth: positionBytes <= Int(UInt16.max) ? 2 : 4)
        case .graded:
            // What the writer chose (``table(count:untabledPositionBytes:codeBytes:)``),
            // from the counts with the tables: each width holds for one range of them only.
            let groups = Self.groups(count: count, group: Self.fineGroup)
            guard groups > 0, positionBytes >= Self.compactMinimum else {
                return SkipTable(entries: 0, group: Self.fineGroup, frequencyWidth: 1, positionWidth: 1)
            }
            let positionWidth = positionBytes - groups <= Int(UInt8.max) ? 1
                : positionBytes - 2 * groups <= Int(UInt16.max) ? 2 : 4
            let frequencyWidth = frequencyBytes - groups <= Int(UInt8.max) ? 1 : 2
            return SkipTable(entries: groups, group: Self.fineGroup, frequencyWidth: frequencyWidth, positionWidth: positionWidth)
        }
    }

    /// The table the writer gives a block of `count` postings whose offsets take
    /// `positionBytes` and whose frequency codes `codeBytes`: the one the reader will
    /// find (``table(count:positionBytes:frequencyBytes:)``) from the block's byte counts,
    /// tables included.
    ///
    /// Under ``graded`` an entry is as narrow as what it points into allows: 1 byte up to
    /// 255 bytes, 2 up to 64 KiB, else 4 (frequency codes never take more). The reader
    /// sees the bytes `B` with `n` entries of width `w` and finds the width whose range
    /// holds `B - n · w`: `B - n` is at most 255 with 1-byte entries and over it with
    /// wider ones (`B - n` is then more than what they point into, itself over 255), and
    /// so on. A block whose offsets take under 128 bytes has no tables.
    func table(count: Int, untabledPositionBytes positionBytes: Int, codeBytes: Int) -> SkipTable {
        guard self != .graded else {
            let groups = Self.groups(count: count, group: Self.fineGroup)
            guard groups > 0, positionBytes >= Self.compactMinimum else {
                return SkipTable(entries: 0, group: Self.fineGroup, frequencyWidth: 1, positionWidth: 1)
            }
            let positionWidth = positionBytes <= Int(UInt8.max) ? 1 : positionBytes <= Int(UInt16.max) ? 2 : 4
            let frequencyWidth = codeBytes <= Int(UInt8.max) ? 1 : 2
            return SkipTable(entries: groups, group: Self.fineGroup, frequencyWidth: frequencyWidth, positionWidth: positionWidth)
        }
        let groups = Self.groups(count: count)
        // Narrow entries when the positions with a narrow table still fit them; the
        // reader, seeing the total, finds the same width.
        let narrow = table(count: count, positionBytes: positionBytes + 2 * groups, frequencyBytes: 0)
        return table(count: count, positionBytes: positionBytes + narrow.positionWidth * groups, frequencyBytes: 0)
    }
}

/// One block's skip tables (``SkipTableLayout``): `entries` entries, one per group of
/// `group` postings but the first, of `frequencyWidth` bytes at the start of its
/// frequencies and of `positionWidth` bytes at the start of its positions.
///
/// A frequency entry is where the group's first code is (the first at or after its
/// first posting: a simple posting has none), an offsets entry where the group's first
/// posting's offsets start, each counted from the end of its table.
struct SkipTable: Equatable, Sendable {
    var entries: Int
    var group: Int
    var frequencyWidth: Int
    var positionWidth: Int

    /// Bytes of the tables at the start of the block's frequencies, and of its positions.
    var frequencyBytes: Int { entries * frequencyWidth }
    var positionBytes: Int { entries * positionWidth }
}
