import Foundation
import GRDB

/// The impact-index segment of one index batch: the sections the batch writes, in
/// id order, and every term's postings over them. ``write(_:)`` stores it in the
/// batch's own transaction, beside the FTS5 rows of the same sections.
///
/// Postings are appended as they come, section by section, to a few flat arrays (one
/// entry per term and section), and only grouped by term when the segment is written: one
/// growing array per term, appended to in turn for every posting, cost a cache miss per
/// array touched and made this the writer's largest cost.
struct SegmentBuilder {
    private(set) var ids: [Int64] = []
    private var lengths: [UInt32] = []
    private var termIndex: [String: Int32] = [:]
    private var terms: [String] = []
    private var termPostings: [Int32] = []
    /// One entry per posting, in arrival order (documents increase within each term).
    private var postings: [Posting] = []
    private var offsets: [UInt32] = []
    private var totals = SIMD4<Int64>(repeating: 0)

    init() {}

    var isEmpty: Bool { ids.isEmpty }

    /// Postings collected so far (the builder's memory is about 40 bytes each).
    var postingCount: Int { postings.count }

    /// Adds a section whose terms are numbered in `vocabulary`; ids must increase (the
    /// writer inserts articles in id order). `slots` maps vocabulary numbers to this
    /// segment's term slots (-1 unknown), kept by the caller for the file.
    mutating func add(section id: Int64, terms section: SectionTerms, vocabulary: [String], slots: inout [Int32]) {
        precondition(ids.last.map { $0 < id } ?? true, "impact segment sections must come in increasing id order")
        let document = UInt32(ids.count)
        ids.append(id)
        for field in 0..<PostingsCodec.fieldCount {
            lengths.append(section.lengths[field])
            totals[field] += Int64(section.lengths[field])
        }
        var start = offsets.count
        offsets += section.offsets
        if slots.count < vocabulary.count { slots += [Int32](repeating: -1, count: vocabulary.count - slots.count) }
        for (index, number) in section.terms.enumerated() {
            var slot = slots[Int(number)]
            if slot < 0 {
                let term = vocabulary[Int(number)]
                if let known = termIndex[term] {
                    slot = known
                } else {
                    slot = Int32(terms.count)
                    termIndex[term] = slot
                    terms.append(term)
                    termPostings.append(0)
                }
                slots[Int(number)] = slot
            }
            termPostings[Int(slot)] += 1
            let tf = section.frequencies[index]
            postings.append(Posting(frequencies: tf, term: slot, document: document, offsetStart: UInt32(start)))
            start += Int(tf.wrappedSum())
        }
    }

    /// Stores the segment, its postings and the new totals; returns the segment id.
    @discardableResult
    mutating func write(_ db: Database) throws -> Int64? {
        guard let first = ids.first, let last = ids.last else { return nil }
        let idBytes = SegmentColumns.encode(ids: ids)
        let lengthBytes = SegmentColumns.encode(lengths: lengths)
        try db.execute(sql: """
            INSERT INTO impact_segments(documents, first_section, last_section, ids, lengths) VALUES (?, ?, ?, ?, ?)
            """, arguments: [ids.count, first, last, Data(idBytes), Data(lengthBytes)])
        let segment = db.lastInsertedRowID
        // Group the postings by term (a counting sort, stable, so documents stay in order).
        var starts = [Int](repeating: 0, count: terms.count + 1)
        for (slot, count) in termPostings.enumerated() { starts[slot + 1] = starts[slot] + Int(count) }
        var next = starts
        var grouped = [Posting](repeating: Posting(), count: postings.count)
        for posting in postings {
            grouped[next[Int(posting.term)]] = posting
            next[Int(posting.term)] += 1
        }
        postings = []
        termIndex = [:]
        // Encoding is most of the work and needs no database: both cores encode halves
        // of the terms, then the rows are inserted in term order.
        let order = terms.indices.sorted { terms[$0].utf8.lexicographicallyPrecedes(terms[$1].utf8) }
        let encoded = Self.encode(order, grouped: grouped, starts: starts, lengths: lengths, offsets: offsets)
        let insert = try db.cachedStatement(sql: """
            INSERT INTO impact_postings(term, segment, patterns, data, positions) VALUES (?, ?, ?, ?, ?)
            """)
        for (position, slot) in order.enumerated() {
            let row = encoded[position]
            try insert.execute(arguments: [terms[slot], segment, Data(row.patterns), Data(row.data), Data(row.positions)])
        }
        try ImpactTotals.add(sections: Int64(ids.count), lengths: totals, db)
        self = SegmentBuilder()
        return segment
    }
}

extension SegmentBuilder {
    /// One term's posting in one section, as the batch collects them.
    struct Posting {
        var frequencies = SIMD4<UInt32>.zero
        var term: Int32 = 0
        var document: UInt32 = 0
        var offsetStart: UInt32 = 0
    }

    struct EncodedRow: Sendable {
        var patterns: [UInt8] = []
        var data: [UInt8] = []
        var positions: [UInt8] = []
    }

    /// The rows of the terms `order` (slots), encoded on two threads.
    static func encode(_ order: [Int], grouped: [Posting], starts: [Int], lengths: [UInt32], offsets: [UInt32]) -> [EncodedRow] {
        let rows = EncodedRows(count: order.count)
        let parts = 2
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let range = (order.count * part / parts)..<(order.count * (part + 1) / parts)
            offsets.withUnsafeBufferPointer { offsets in
                for position in range {
                    let slot = order[position]
                    var builder = PostingsBuilder()
                    for posting in grouped[starts[slot]..<starts[slot + 1]] {
                        let lengthStart = Int(posting.document) * 4
                        let fieldLengths = SIMD4(lengths[lengthStart], lengths[lengthStart + 1], lengths[lengthStart + 2], lengths[lengthStart + 3])
                        let start = Int(posting.offsetStart)
                        builder.add(document: posting.document, frequencies: posting.frequencies, lengths: fieldLengths,
                                    offsets: UnsafeBufferPointer(rebasing: offsets[start..<(start + Int(posting.frequencies.wrappedSum()))]))
                    }
                    let (data, positions) = builder.encoded()
                    rows.set(position, EncodedRow(patterns: builder.patterns.encoded, data: data, positions: positions))
                }
            }
        }
        return rows.values
    }
}

/// Rows filled in by several threads, each at its own positions.
private final class EncodedRows: @unchecked Sendable {
    private let lock = NSLock()
    private var rows: [SegmentBuilder.EncodedRow]

    init(count: Int) {
        rows = Array(repeating: SegmentBuilder.EncodedRow(), count: count)
    }

    func set(_ position: Int, _ row: SegmentBuilder.EncodedRow) {
        lock.withLock { rows[position] = row }
    }

    var values: [SegmentBuilder.EncodedRow] { lock.withLock { rows } }
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
