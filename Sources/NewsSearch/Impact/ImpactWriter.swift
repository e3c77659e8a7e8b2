import Foundation
import GRDB

/// Keeps the impact index in step with the sections an index batch writes and deletes,
/// inside the batch's transaction (one writer per batch).
///
/// Added sections go into a new segment, collected beside the writer
/// (``SegmentAssembler``) and stored by ``finish(_:)``. A deleted section is marked in
/// `impact_deleted`, its terms' live counts and the totals lowered; its postings stay
/// until a merge (``SegmentMerge``) rewrites the segment. On an index whose impact index
/// is not complete yet nothing is written: the run's upgrade step (``ImpactBackfill``)
/// covers those sections afterwards.
final class ImpactWriter {
    let enabled: Bool
    private let assembler = SegmentAssembler()
    private var tokenizer: IndexTokenizer?
    /// Decoded `ids` of segments touched by deletions in this batch.
    private var segmentIDs: [Int64: [Int64]] = [:]

    init(_ db: Database) throws {
        enabled = try ImpactSchema.isComplete(db)
    }

    /// A batch's segment is stored early, in the same transaction, once it holds this
    /// many postings: that bounds the memory of the segment being collected (its
    /// postings encoded, about 5 bytes each with their offsets, so about 80 MB; its last
    /// piece at 24 bytes a posting) whatever the batch size, e.g. for one 50 MB dump file.
    /// At 3 million (when postings were held unencoded, 40 bytes each, until the end)
    /// the 1M-section build made 45 segments and spent a tenth of its time merging them
    /// down to 24; at 16 million one 32 MB batch is one segment.
    static let maxPostingsPerSegment = 16_000_000

    /// The current file's sections not yet handed to the assembler, and the vocabulary
    /// their terms are numbered in.
    private var pending: [SegmentAssembler.Section] = []
    private var vocabulary: [String] = []
    private var postingsInSegment = 0

    func beginFile(vocabulary: [String]) {
        handOver()
        self.vocabulary = vocabulary
    }

    func add(section id: Int64, terms: SectionTerms?, db: Database) throws {
        guard enabled else { return }
        if let terms {
            pending.append(SegmentAssembler.Section(id: id, terms: terms))
            postingsInSegment += terms.terms.count
        } else {
            // A parsing thread without a tokenizer (never in practice): tokenize here.
            guard let text = try SectionText.fetch(db, id: id) else { return }
            var own = TermVocabulary()
            let terms = text.terms(with: try stemmer(db), vocabulary: &own)
            handOver()
            assembler.add([SegmentAssembler.Section(id: id, terms: terms)], vocabulary: own.terms)
            postingsInSegment += terms.terms.count
        }
        if postingsInSegment >= Self.maxPostingsPerSegment { try storeSegment(db) }
    }

    /// Stores the batch's segment.
    func finish(_ db: Database) throws {
        guard enabled else { return }
        try storeSegment(db)
    }

    private func handOver() {
        assembler.add(pending, vocabulary: vocabulary)
        pending = []
    }

    private func storeSegment(_ db: Database) throws {
        handOver()
        postingsInSegment = 0
        _ = try assembler.take()?.write(db)
    }

    /// Forgets the live sections with ids in `range` (one article's).
    func delete(sections range: ClosedRange<Int64>, db: Database) throws {
        guard enabled else { return }
        let segments = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT id FROM impact_segments WHERE last_section >= ? AND first_section <= ? ORDER BY id DESC
            """), arguments: [range.lowerBound, range.upperBound])
        for text in try SectionText.fetchAll(db, in: range) {
            for row in segments {
                let segmentID: Int64 = row[0]
                let ids = try self.ids(of: segmentID, db)
                guard let document = SortedSearch.index(of: text.id, in: ids),
                      try !Self.isDeleted(segment: segmentID, document: document, db) else { continue }
                try forget(text, segment: segmentID, document: document, db: db)
                break
            }
        }
    }

    private func forget(_ text: SectionText, segment: Int64, document: Int, db: Database) throws {
        var vocabulary = TermVocabulary()
        let terms = text.terms(with: try stemmer(db), vocabulary: &vocabulary)
        for (index, number) in terms.terms.enumerated() {
            let term = vocabulary.terms[Int(number)]
            guard var rows = try TermRows.read(term, db: db),
                  let entry = rows.entries.firstIndex(where: { $0.segment == segment }) else { continue }
            var patterns = rows.entries[entry].patterns.withUnsafeBytes { FieldPatterns(encoded: $0) }
            var pattern = 0
            for field in 0..<PostingsCodec.fieldCount where terms.frequencies[index][field] > 0 { pattern |= 1 << field }
            patterns.counts[pattern] = max(0, patterns.counts[pattern] - 1)
            rows.entries[entry].patterns = patterns.encoded
            try rows.write(term, db: db)
        }
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO impact_deleted(segment, document) VALUES (?, ?)")
            .execute(arguments: [segment, document])
        try ImpactTotals.add(sections: -1, lengths: SIMD4<Int64>(truncatingIfNeeded: terms.lengths) &* -1, db)
    }

    private func stemmer(_ db: Database) throws -> IndexTokenizer {
        if let tokenizer { return tokenizer }
        guard let made = IndexTokenizer(db: db, stemming: true) else {
            throw DatabaseError(message: "FTS5 has no tokenizer '\(IndexSchema.tokenizer)'")
        }
        tokenizer = made
        return made
    }

    private func ids(of segment: Int64, _ db: Database) throws -> [Int64] {
        if let known = segmentIDs[segment] { return known }
        let data = try Data.fetchOne(db, sql: "SELECT ids FROM impact_segments WHERE id = ?", arguments: [segment]) ?? Data()
        let ids = data.withUnsafeBytes { SegmentColumns.decodeIDs($0) }
        segmentIDs[segment] = ids
        return ids
    }

    private static func isDeleted(segment: Int64, document: Int, _ db: Database) throws -> Bool {
        try Int.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM impact_deleted WHERE segment = ? AND document = ?"),
                         arguments: [segment, document]) != nil
    }
}

/// A section's four indexed texts, as FTS5 sees them through `section_content`.
struct SectionText {
    var id: Int64
    var fields: [String]

    static func fetchAll(_ db: Database, in range: ClosedRange<Int64>) throws -> [SectionText] {
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT id, title, heading, body, author FROM section_content WHERE id BETWEEN ? AND ? ORDER BY id
            """), arguments: [range.lowerBound, range.upperBound]).map { row in
            SectionText(id: row[0], fields: [row[1] ?? "", row[2] ?? "", row[3] ?? "", row[4] ?? ""])
        }
    }

    static func fetch(_ db: Database, id: Int64) throws -> SectionText? {
        try fetchAll(db, in: id...id).first
    }

    func terms(with tokenizer: IndexTokenizer, vocabulary: inout TermVocabulary) -> SectionTerms {
        SectionTerms(fields: fields.map { tokenizer.termNumbers(of: $0, vocabulary: &vocabulary).terms })
    }
}
