import Foundation
import GRDB

/// Every segment of the impact index, decoded for searching: which section each local
/// document is, its field lengths, and which documents were deleted since.
///
/// A search numbers documents globally: segment *s*'s local document *d* is
/// `base[s] + d`, so one increasing number orders postings across segments, and, since
/// later segments hold higher section ids, also orders them by section id (what the
/// article roll-up needs). Immutable once loaded; cached per index generation
/// (``ImpactCache``) so that a process searching many times decodes it once.
final class SegmentDirectory: @unchecked Sendable {
    struct Segment {
        var id: Int64
        var base: Int
        var documents: Int
        /// The basis of its tight block bounds; nil if it cannot be read (loose bounds are used).
        var basis: BoundBasis?
        /// Which of its blocks have skip tables (``SkipTableLayout``).
        var skipTables = SkipTableLayout.none
    }

    /// The segments in increasing id order, as a term's entry lists its rows (``TermRows``).
    let segments: [Segment]
    let totals: ImpactTotals
    /// Section id of every global document.
    let sectionIDs: SectionIDColumn
    /// Four field lengths per global document, in FTS5 column order.
    private let lengths: FieldLengthColumn
    /// Bit *g* set when global document *g* is deleted.
    private let deleted: [UInt64]
    /// Whether any document is: an index built once has none, and its searches then
    /// skip the bitmap, whose read for each candidate missed the cache (a twentieth of
    /// a median AND query's conjunction, measured).
    private let hasDeletions: Bool

    var documentCount: Int { sectionIDs.count }

    init(_ db: Database, totals: ImpactTotals) throws {
        self.totals = totals
        var segments: [Segment] = []
        let sizes = try Row.fetchOne(db, sql: "SELECT sum(documents), max(last_section) FROM impact_segments")
        let total: Int = sizes?[0] ?? 0
        // Filled in place, segment after segment: decoding millions of values by
        // appending cost more than reading the blobs.
        var ids = SectionIDColumn(documents: total, maxID: sizes?[1] ?? 0)
        var lengths = FieldLengthColumn(documents: total)
        var filled = 0
        let statement = try db.makeStatement(sql: """
            SELECT id, documents, ids, lengths, bound_basis, skip_tables FROM impact_segments ORDER BY id
            """)
        try StatementRows(statement).forEach { row in
            // A layout this build does not know was written by a newer one, which would
            // have renamed the completion mark: the segment is damaged.
            guard let skipTables = SkipTableLayout(rawValue: row.int(5)) else {
                throw IndexError.impactDamage(detail: "segments: segment \(row.int64(0)) has an unknown skip-table layout")
            }
            let documents = min(row.int(1), total - filled)
            let basis = row.withBlob(4) { BoundBasis(encoded: UnsafeRawBufferPointer($0)) } ?? nil
            segments.append(Segment(id: row.int64(0), base: filled, documents: documents, basis: basis, skipTables: skipTables))
            row.withBlob(2) { ids.decode(UnsafeRawBufferPointer($0), base: filled, documents: documents) }
            row.withBlob(3) { lengths.decode(UnsafeRawBufferPointer($0), base: filled, count: documents) }
            filled += documents
        }
        var index: [Int64: Int] = [:]
        for (position, segment) in segments.enumerated() { index[segment.id] = position }
        var deleted = [UInt64](repeating: 0, count: (ids.count + 63) / 64)
        var hasDeletions = false
        let removed = try Row.fetchCursor(db, sql: "SELECT segment, document FROM impact_deleted")
        while let row = try removed.next() {
            guard let position = index[row[0]] else { continue }
            let global = segments[position].base + (row[1] as Int)
            if global < ids.count {
                deleted[global >> 6] |= 1 << UInt64(global & 63)
                hasDeletions = true
            }
        }
        self.hasDeletions = hasDeletions
        self.segments = segments
        sectionIDs = ids
        self.lengths = lengths
        self.deleted = deleted
    }

    @inline(__always)
    func isDeleted(_ document: Int) -> Bool {
        hasDeletions && deleted[document >> 6] & (1 << UInt64(document & 63)) != 0
    }

    @inline(__always)
    func fieldLengths(_ document: Int) -> SIMD4<UInt32> { lengths[document] }

    /// The directory of `db`, from `cache` when the index has not changed since.
    static func load(_ db: Database, cache: ImpactCache) throws -> SegmentDirectory {
        let totals = try ImpactTotals.load(db)
        if let cached = cache.value(generation: totals.generation) { return cached }
        let directory = try SegmentDirectory(db, totals: totals)
        cache.store(directory, generation: totals.generation)
        return directory
    }

}

/// The last decoded ``SegmentDirectory`` of an index, by generation (one per store).
typealias ImpactCache = GenerationCache<Int64, SegmentDirectory>
