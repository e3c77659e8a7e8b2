/// Which blocks of a segment carry skip tables (``PostingsCodec``), and how wide their
/// entries are: the segment says, in `impact_segments.skip_tables`, so that a segment
/// written under an older rule is read by that rule.
///
/// A table has an entry per group of ``PostingsCodec/skipGroup`` postings but the first:
/// 2 bytes in the block's frequencies, and in its positions 2 or 4. The writer decides
/// with its tables counted in its position bytes, so that the reader, which sees only
/// the block's position byte count, decides the same (``entries(count:positionBytes:)``,
/// ``positionWidth(positionBytes:)``).
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

    /// What this build writes.
    static let current = SkipTableLayout.compact
    /// Position bytes from which a block gets tables under ``large`` and ``compact``.
    static let largeMinimum = 512
    static let compactMinimum = 128

    /// The groups of a block of `count` postings that a table would point to: all but
    /// the first.
    @inline(__always)
    static func groups(count: Int) -> Int {
        count > PostingsCodec.skipGroup ? (count - 1) / PostingsCodec.skipGroup : 0
    }

    /// The table entries of a block of `count` postings whose positions, tables
    /// included, take `positionBytes`: one per group but the first, or none.
    @inline(__always)
    func entries(count: Int, positionBytes: Int) -> Int {
        switch self {
        case .none: 0
        case .large: positionBytes >= Self.largeMinimum ? Self.groups(count: count) : 0
        case .compact: positionBytes >= Self.compactMinimum ? Self.groups(count: count) : 0
        }
    }

    /// The width in bytes of a position entry in a block whose positions, tables
    /// included, take `positionBytes`.
    @inline(__always)
    func positionWidth(positionBytes: Int) -> Int {
        self == .compact && positionBytes <= Int(UInt16.max) ? 2 : 4
    }

    /// The table a block of `count` postings gets whose positions without tables take
    /// `positionBytes`: its entries and their width in its positions.
    func table(count: Int, untabledPositionBytes positionBytes: Int) -> (entries: Int, positionWidth: Int) {
        let groups = Self.groups(count: count)
        // Narrow entries when the positions with a narrow table still fit them; the
        // reader, seeing the total, finds the same width.
        let width = positionWidth(positionBytes: positionBytes + 2 * groups)
        let entries = entries(count: count, positionBytes: positionBytes + width * groups)
        return (entries, width)
    }
}
