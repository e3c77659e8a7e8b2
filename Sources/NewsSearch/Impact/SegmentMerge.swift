import Foundation
import GRDB

/// Keeps the number of impact segments small and purges deleted sections' postings.
///
/// Policy, after every index run: while there are more than `maxSegments`, the two
/// neighbouring segments with the fewest documents together are merged (neighbours, so
/// that segment order stays section-id order); a segment with more than a quarter of its
/// documents deleted is rewritten on its own. Each merge is one
/// transaction: the merged segment takes the first one's id, its postings hold live
/// documents only, and the old rows and deletion marks go. Totals do not change
/// (deletions were already counted).
struct SegmentMerge {
    let store: IndexStore
    /// 24 by default: a 1M-section index built from scratch has about 27 batches, so
    /// a fresh build merges little, while many small incremental runs stay bounded.
    var maxSegments = 24
    static let purgeFraction = 0.25
    /// What `newssearch optimize` merges down to. A search reads each of a word's rows,
    /// one per segment, and the offsets of a rare word a chunk per segment: at 1M
    /// sections, 4 segments instead of 24 cut the time searches spend reading rows and
    /// offsets by about 40 % (in-process stage timers) for about 100 s of merging, which
    /// an index run should not pay as well as its own.
    static let optimizedSegments = 4

    /// Merges until the policy is met; returns how many merges it made.
    @discardableResult
    func run() throws(IndexError) -> Int {
        var merges = 0
        while let range = try nextMerge() {
            try store.write("merging impact segments") { db in try Self.merge(range, db: db) }
            merges += 1
        }
        return merges
    }

    /// The ids of the segments to merge next; nil when the policy is met.
    private func nextMerge() throws(IndexError) -> ClosedRange<Int64>? {
        try store.read("planning impact merges") { db -> ClosedRange<Int64>? in
            guard try ImpactSchema.isComplete(db) else { return nil }
            let rows = try Row.fetchAll(db, sql: """
                SELECT s.id, s.documents, (SELECT count(*) FROM impact_deleted d WHERE d.segment = s.id)
                FROM impact_segments s ORDER BY s.id
                """)
            let segments = rows.map { (id: $0[0] as Int64, documents: $0[1] as Int, deleted: $0[2] as Int) }
            if let worn = segments.first(where: { Double($0.deleted) > Self.purgeFraction * Double(max(1, $0.documents)) }) {
                return worn.id...worn.id
            }
            guard segments.count > maxSegments else { return nil }
            var best = 0
            for index in 0..<(segments.count - 1)
            where segments[index].documents + segments[index + 1].documents < segments[best].documents + segments[best + 1].documents {
                best = index
            }
            return segments[best].id...segments[best + 1].id
        }
    }

    /// Rewrites the segments with ids in `range` as one, its blocks' skip tables laid out
    /// as `skipTables` says (a test rewrites a segment as an older version wrote it).
    static func merge(_ range: ClosedRange<Int64>, db: Database, skipTables: SkipTableLayout = .current) throws {
        let directory = try SegmentDirectory(db, totals: ImpactTotals.load(db))
        let members = directory.segments.filter { range.contains($0.id) }
        guard let first = members.first, let last = members.last else { return }
        let span = first.base..<(last.base + last.documents)
        // New local numbers: live documents in order.
        var renumbered = [Int](repeating: -1, count: span.count)
        var ids: [Int64] = [], lengths: [UInt32] = []
        var liveTotals = SIMD4<Int64>.zero
        for document in span where !directory.isDeleted(document) {
            renumbered[document - span.lowerBound] = ids.count
            ids.append(directory.sectionIDs[document])
            let fields = directory.fieldLengths(document)
            for field in 0..<4 { lengths.append(fields[field]) }
            liveTotals &+= SIMD4<Int64>(truncatingIfNeeded: fields)
        }
        let basis = BoundBasis(totals: ImpactTotals(sections: Int64(ids.count), lengths: liveTotals))
        // Every term with a row in the merged segments, and its entry.
        var terms: [String] = [], entries: [TermRows] = []
        try TermRows.forEach(db) { term, rows in
            guard rows.entries.contains(where: { range.contains($0.segment) }) else { return }
            terms.append(term)
            entries.append(rows)
        }
        var kept: [String] = [], rows: [EncodedSegment.Row] = []
        do {
            // One handle for every term's rows, closed before they are deleted below.
            let reader = BlobReader(db, table: "impact_postings")
            for term in terms {
                let postings = try TermPostings(term: term, db: db, directory: directory, segments: range, positionReads: .chunks,
                                                reader: reader)
                let cursor = PostingCursor(postings)
                var builder = PostingsBuilder(skipTables: skipTables)
                cursor.advance(to: span.lowerBound)
                var offsets: [UInt32] = []
                while cursor.document < span.upperBound {
                    let document = cursor.document
                    let local = renumbered[document - span.lowerBound]
                    if local >= 0 {
                        offsets.removeAll(keepingCapacity: true)
                        for field in 0..<4 where cursor.frequencies[field] > 0 { offsets += try cursor.offsets(field: field, db: db) }
                        let fields = directory.fieldLengths(document)
                        offsets.withUnsafeBufferPointer { buffer in
                            builder.add(document: UInt32(local), frequencies: cursor.frequencies, lengths: fields, offsets: buffer,
                                        basis: basis)
                        }
                    }
                    cursor.next()
                }
                guard builder.count > 0 else { continue }
                kept.append(term)
                rows.append(builder.encoded())
            }
        }
        // The merged segments' rows go, and their terms' entries forget them; the merged
        // segment's rows and entries are stored below.
        let delete = try db.cachedStatement(sql: "DELETE FROM impact_postings WHERE id = ?")
        for (term, var rows) in zip(terms, entries) {
            for entry in rows.entries where range.contains(entry.segment) {
                try delete.execute(arguments: [PostingsRowID(term: rows.id, segment: entry.segment).rawValue])
            }
            rows.entries.removeAll { range.contains($0.segment) }
            try rows.write(term, db: db)
        }
        try ImpactSchema.deletePositions(ofSegments: range, db)
        try db.execute(sql: "DELETE FROM impact_deleted WHERE segment BETWEEN ? AND ?", arguments: [range.lowerBound, range.upperBound])
        try db.execute(sql: "DELETE FROM impact_segments WHERE id BETWEEN ? AND ?", arguments: [range.lowerBound, range.upperBound])
        if !ids.isEmpty {
            // Totals do not change: the deleted sections were taken out when deleted.
            // Each term keeps its number: its entry may have been emptied above.
            _ = try EncodedSegment(ids: ids, lengths: lengths, terms: kept, rows: rows, totals: .zero, basis: basis)
                .store(db, id: range.lowerBound, termNumbers: Dictionary(uniqueKeysWithValues: zip(terms, entries.map(\.id))))
        }
        try ImpactTotals.add(sections: 0, lengths: .zero, db)
    }
}
