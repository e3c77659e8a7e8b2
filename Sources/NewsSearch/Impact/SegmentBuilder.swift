import Foundation
import GRDB

/// The impact-index segment of one index batch: the sections the batch writes, in
/// id order, and every term's postings over them. ``write(_:)`` stores it in the
/// batch's own transaction, beside the FTS5 rows of the same sections.
struct SegmentBuilder {
    private(set) var ids: [Int64] = []
    private var lengths: [UInt32] = []
    private var termIndex: [String: Int] = [:]
    private var terms: [String] = []
    private var postings: [PostingsBuilder] = []
    private var totals = SIMD4<Int64>(repeating: 0)

    init() {}

    var isEmpty: Bool { ids.isEmpty }

    /// Adds a section; ids must increase (the writer inserts articles in id order).
    mutating func add(section id: Int64, terms section: SectionTerms) {
        precondition(ids.last.map { $0 < id } ?? true, "impact segment sections must come in increasing id order")
        let document = UInt32(ids.count)
        ids.append(id)
        for field in 0..<PostingsCodec.fieldCount {
            lengths.append(section.lengths[field])
            totals[field] += Int64(section.lengths[field])
        }
        section.offsets.withUnsafeBufferPointer { offsets in
            var start = 0
            for (index, term) in section.terms.enumerated() {
                let tf = section.frequencies[index]
                let count = Int(tf.wrappedSum())
                let slot: Int
                if let known = termIndex[term] {
                    slot = known
                } else {
                    slot = postings.count
                    termIndex[term] = slot
                    terms.append(term)
                    postings.append(PostingsBuilder())
                }
                postings[slot].add(document: document, frequencies: tf, lengths: section.lengths,
                                   offsets: UnsafeBufferPointer(rebasing: offsets[start..<(start + count)]))
                start += count
            }
        }
    }

    /// Stores the segment, its postings and the new totals; returns the segment id.
    @discardableResult
    mutating func write(_ db: Database) throws -> Int64? {
        guard let first = ids.first, let last = ids.last else { return nil }
        let idBytes = ids.withUnsafeBytes { [UInt8]($0) }
        let lengthBytes = lengths.withUnsafeBytes { [UInt8]($0) }
        try db.execute(sql: """
            INSERT INTO impact_segments(documents, first_section, last_section, ids, lengths) VALUES (?, ?, ?, ?, ?)
            """, arguments: [ids.count, first, last, Data(idBytes), Data(lengthBytes)])
        let segment = db.lastInsertedRowID
        let insert = try db.cachedStatement(sql: """
            INSERT INTO impact_postings(term, segment, patterns, data, positions) VALUES (?, ?, ?, ?, ?)
            """)
        // Sorted, so the b-tree is written front to back.
        for slot in terms.indices.sorted(by: { terms[$0] < terms[$1] }) {
            let (data, positions) = postings[slot].encoded()
            try insert.execute(arguments: [terms[slot], segment, Data(postings[slot].patterns.encoded), Data(data), Data(positions)])
        }
        try ImpactTotals.add(sections: Int64(ids.count), lengths: totals, db)
        self = SegmentBuilder()
        return segment
    }
}

/// BM25's collection statistics as the impact index keeps them (`impact_totals`).
struct ImpactTotals: Equatable, Sendable {
    var sections: Int64
    var lengths: SIMD4<Int64>

    var generation: Int64 = 0

    static func load(_ db: Database) throws -> ImpactTotals {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT sections, title, heading, body, author, generation FROM impact_totals WHERE id = 0
            """)) else {
            return ImpactTotals(sections: 0, lengths: .zero)
        }
        return ImpactTotals(sections: row[0], lengths: SIMD4(row[1], row[2], row[3], row[4]), generation: row[5])
    }

    static func add(sections: Int64, lengths: SIMD4<Int64>, _ db: Database) throws {
        try db.cachedStatement(sql: """
            UPDATE impact_totals SET generation = generation + 1, sections = sections + ?, title = title + ?, heading = heading + ?,
                body = body + ?, author = author + ? WHERE id = 0
            """).execute(arguments: [sections, lengths[0], lengths[1], lengths[2], lengths[3]])
    }
}
