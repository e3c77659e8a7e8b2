import Foundation
import GRDB

/// The impact-index segment of one index batch as it is collected: the sections the
/// batch writes, in id order, and every term's postings over them. ``encoded()`` makes
/// its stored form (``EncodedSegment``), which the batch's own transaction stores beside
/// the FTS5 rows of the same sections.
///
/// Postings are appended as they come, section by section, to a piece of flat arrays
/// (one entry per term and section). A full piece is grouped by term (a counting sort,
/// stable, so documents stay in order) and fed to each term's ``PostingsBuilder``, so
/// encoding goes on while the batch is written (on the ``SegmentAssembler``'s thread)
/// and only the last piece is left when the segment is stored. Feeding the builders
/// posting by posting, in arrival order, cost a cache miss per builder touched.
struct SegmentBuilder {
    private(set) var ids: [Int64] = []
    private var lengths: [UInt32] = []
    private var termIndex: [String: Int32] = [:]
    private var terms: [String] = []
    /// Per term slot, its postings encoded so far.
    private var encoders: [PostingsBuilder] = []
    /// The piece not yet encoded: postings in arrival order, their token offsets, and
    /// per term slot how many of them it holds.
    private var piece: [Posting] = []
    private var pieceOffsets: [UInt32] = []
    private var pieceCounts: [Int32] = []
    private var totals = SIMD4<Int64>(repeating: 0)
    /// Fixed from the sections seen when the first piece is encoded: every posting's
    /// tight bound must be computed under one basis.
    private var basis: BoundBasis?

    /// The fixed basis, or the one the sections so far would fix.
    private var currentBasis: BoundBasis {
        basis ?? BoundBasis(totals: ImpactTotals(sections: Int64(ids.count), lengths: totals))
    }

    /// Postings per piece (3 MB of them): grouping a piece costs a pass over it, and the
    /// piece is the only part of a segment held unencoded.
    static let pieceSize = 1 << 17

    init() {}

    var isEmpty: Bool { ids.isEmpty }

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
        var start = pieceOffsets.count
        pieceOffsets += section.offsets
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
                    encoders.append(PostingsBuilder())
                    pieceCounts.append(0)
                }
                slots[Int(number)] = slot
            }
            pieceCounts[Int(slot)] += 1
            let tf = section.frequencies[index]
            piece.append(Posting(frequencies: tf, term: slot, document: document, offsetStart: UInt32(start)))
            start += Int(tf.wrappedSum())
        }
        if piece.count >= Self.pieceSize { encodePiece() }
    }

    /// The segment ready to store (the builder is spent); nil if it holds no section.
    mutating func encoded() -> EncodedSegment? {
        guard !ids.isEmpty else { return nil }
        encodePiece()
        let order = terms.indices.sorted { terms[$0].utf8.lexicographicallyPrecedes(terms[$1].utf8) }
        var rows: [EncodedSegment.Row] = []
        rows.reserveCapacity(order.count)
        for slot in order {
            rows.append(encoders[slot].encoded())
        }
        return EncodedSegment(ids: ids, lengths: lengths, terms: order.map { terms[$0] }, rows: rows, totals: totals,
                              basis: currentBasis)
    }

    /// Stores the segment, its postings and the new totals, and starts an empty one;
    /// returns the stored segment's id.
    @discardableResult
    mutating func write(_ db: Database) throws -> Int64? {
        defer { self = SegmentBuilder() }
        return try encoded()?.write(db)
    }

    /// Groups the piece by term and feeds each term's postings to its builder.
    private mutating func encodePiece() {
        guard !piece.isEmpty else { return }
        let basis = currentBasis
        self.basis = basis
        var starts = [Int](repeating: 0, count: terms.count + 1)
        for slot in 0..<terms.count { starts[slot + 1] = starts[slot] + Int(pieceCounts[slot]) }
        var next = starts
        var grouped = [Posting](repeating: Posting(), count: piece.count)
        for posting in piece {
            grouped[next[Int(posting.term)]] = posting
            next[Int(posting.term)] += 1
        }
        lengths.withUnsafeBufferPointer { lengths in
            pieceOffsets.withUnsafeBufferPointer { offsets in
                for slot in 0..<terms.count where starts[slot + 1] > starts[slot] {
                    for posting in grouped[starts[slot]..<starts[slot + 1]] {
                        let lengthStart = Int(posting.document) * 4
                        let fieldLengths = SIMD4(lengths[lengthStart], lengths[lengthStart + 1], lengths[lengthStart + 2], lengths[lengthStart + 3])
                        let start = Int(posting.offsetStart)
                        encoders[slot].add(document: posting.document, frequencies: posting.frequencies, lengths: fieldLengths,
                                           offsets: UnsafeBufferPointer(rebasing: offsets[start..<(start + Int(posting.frequencies.wrappedSum()))]),
                                           basis: basis)
                    }
                    pieceCounts[slot] = 0
                }
            }
        }
        piece.removeAll(keepingCapacity: true)
        pieceOffsets.removeAll(keepingCapacity: true)
    }
}

extension SegmentBuilder {
    /// One term's posting in one section, as the piece collects them.
    struct Posting {
        var frequencies = SIMD4<UInt32>.zero
        var term: Int32 = 0
        var document: UInt32 = 0
        var offsetStart: UInt32 = 0
    }
}
