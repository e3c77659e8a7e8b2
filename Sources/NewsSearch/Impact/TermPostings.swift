import Foundation
import GRDB
import GRDBSQLite

/// One term's postings in every segment, as a search reads them: the block headers of
/// all segments in one list ordered by global document (``SegmentDirectory``), the
/// encoded blocks, and the live document counts per field pattern. Positions are read
/// only when a candidate needs them (``positions(ofRow:)``).
final class TermPostings {
    struct Block {
        /// Global number of the block's last document, and of the document before its first.
        var lastDocument: Int
        var previousDocument: Int
        /// Which of the term's rows (segments) holds the block.
        var row: Int
        /// Where the block's document gaps start in the row's postings; its frequencies
        /// follow them, and its positions are a range of the row's positions.
        var documentStart: Int
        var frequencies: Range<Int>
        var positions: Range<Int>
        var bound: BlockBound
    }

    let term: String
    let blocks: [Block]
    let patterns: FieldPatterns
    /// The bound of all blocks together.
    let bound: BlockBound
    private let rows: [[UInt8]]
    private let segmentIDs: [Int64]
    private var positionRows: [[UInt8]?]

    var isEmpty: Bool { blocks.isEmpty }

    /// The term's postings in every segment, or only in the segments with ids in `segments`.
    /// With `b`, the search's length normalisation, the blocks carry their tight bounds
    /// (``BlockBound/normalisedLimit``) where the segment stored them under the same `b`.
    init(term: String, db: Database, directory: SegmentDirectory, segments: ClosedRange<Int64>? = nil, b: [Double]? = nil) throws {
        self.term = term
        var blocks: [Block] = []
        var rows: [[UInt8]] = []
        var segmentIDs: [Int64] = []
        var patterns = FieldPatterns()
        var bound = BlockBound()
        bound.normalisedLimit = .zero
        let tight = b != nil && directory.hasTightBounds
        let averages = directory.totals.averageLengths
        let statement = try db.cachedStatement(sql: """
            SELECT segment, patterns, data, \(tight ? "maxima" : "NULL") FROM impact_postings
            WHERE term = ? AND segment BETWEEN ? AND ? ORDER BY segment
            """)
        try statement.setArguments([term, segments?.lowerBound ?? Int64.min, segments?.upperBound ?? Int64.max])
        try StatementRows(statement).forEach { row in
            guard let position = directory.position(ofSegment: row.int64(0)) else { return }
            let base = directory.segments[position].base
            let segmentPatterns = row.withBlob(1) { FieldPatterns(encoded: UnsafeRawBufferPointer($0)) } ?? FieldPatterns()
            for pattern in 0..<FieldPatterns.patternCount { patterns.counts[pattern] += segmentPatterns.counts[pattern] }
            let data = row.withBlob(2) { [UInt8]($0) } ?? []
            let scale = b.flatMap { directory.segments[position].basis?.scale(b: $0, averageLengths: averages) }
            let rowIndex = rows.count
            rows.append(data)
            segmentIDs.append(row.int64(0))
            data.withUnsafeBytes { bytes in
                var offset = 0
                _ = Varint.read(bytes, &offset)
                let blockCount = Int(Varint.read(bytes, &offset))
                var headers: [(last: Int, documents: Int, frequencies: Int, positions: Int, bound: BlockBound)] = []
                headers.reserveCapacity(blockCount)
                for _ in 0..<blockCount {
                    let last = Int(Varint.read(bytes, &offset))
                    let documents = Int(Varint.read(bytes, &offset))
                    let frequencies = Int(Varint.read(bytes, &offset))
                    let positions = Int(Varint.read(bytes, &offset))
                    headers.append((last, documents, frequencies, positions, BlockBound.read(bytes, &offset)))
                }
                if let scale {
                    // Read from the row in place, block after block, as the headers are.
                    _ = row.withBlob(3) { maxima in
                        var maximaOffset = 0
                        for index in headers.indices {
                            let present = headers[index].bound.maxFrequency .> 0
                            guard let limit = PostingsCodec.readMaxima(UnsafeRawBufferPointer(maxima), &maximaOffset,
                                                                       present: present) else { break }
                            headers[index].bound.normalisedLimit = limit * scale   // absent fields stay infinite
                        }
                    }
                }
                var previous = base - 1
                var positionOffset = 0
                for header in headers {
                    let frequencyStart = offset + header.documents
                    let block = Block(lastDocument: base + header.last, previousDocument: previous, row: rowIndex,
                                      documentStart: offset, frequencies: frequencyStart..<(frequencyStart + header.frequencies),
                                      positions: positionOffset..<(positionOffset + header.positions), bound: header.bound)
                    blocks.append(block)
                    bound = bound.merged(with: header.bound)
                    previous = block.lastDocument
                    offset = block.frequencies.upperBound
                    positionOffset = block.positions.upperBound
                }
            }
        }
        self.blocks = blocks
        self.rows = rows
        self.segmentIDs = segmentIDs
        self.patterns = patterns
        self.bound = bound
        positionRows = Array(repeating: nil, count: rows.count)
    }

    /// Live sections holding `term` in any field, from the counts alone (no postings read).
    static func sectionCount(of term: String, db: Database) throws -> Int64 {
        var total: Int64 = 0
        let statement = try db.cachedStatement(sql: "SELECT patterns FROM impact_postings WHERE term = ?")
        try statement.setArguments([term])
        try StatementRows(statement).forEach { row in
            total += row.withBlob(0) { FieldPatterns(encoded: UnsafeRawBufferPointer($0)).documents(in: 0b1111) } ?? 0
        }
        return total
    }

    /// Calls `body` with the encoded postings of `row`.
    @inline(__always)
    func withRow<T>(_ row: Int, _ body: (UnsafeRawBufferPointer) -> T) -> T {
        rows[row].withUnsafeBytes(body)
    }

    /// The positions column of `row`, read on first use.
    func positions(ofRow row: Int, db: Database) throws -> [UInt8] {
        if let known = positionRows[row] { return known }
        let data = try Data.fetchOne(db.cachedStatement(sql: "SELECT positions FROM impact_postings WHERE term = ? AND segment = ?"),
                                     arguments: [term, segmentIDs[row]]) ?? Data()
        let bytes = [UInt8](data)
        positionRows[row] = bytes
        return bytes
    }
}
