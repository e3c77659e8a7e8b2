import GRDB

/// Fills in the impact index of an index made before it existed (schema version 3 or
/// older), from the stored text, a batch of sections per transaction in id order, so
/// that the segments keep section-id order. An interrupted fill goes on from the last
/// stored segment at the next run; the index is marked complete at the end.
struct ImpactBackfill {
    let store: IndexStore
    /// Sections per segment: about one index batch's worth.
    static let sectionsPerSegment = 40_000

    /// Returns how many sections it added.
    func run(cancellation: IndexCancellation?) throws(IndexError) -> Int {
        let needed = try store.read("checking the impact index") { db in
            try db.tableExists("impact_segments") && !ImpactSchema.isComplete(db)
        }
        guard needed else { return 0 }
        var added = 0
        while cancellation?.isCancelled != true {
            let finished = try store.write("upgrading the index for top-k search") { db -> Bool in
                let after = try Int64.fetchOne(db, sql: "SELECT max(last_section) FROM impact_segments") ?? Int64.min
                guard let tokenizer = IndexTokenizer(db: db, stemming: true) else {
                    throw DatabaseError(message: "FTS5 has no tokenizer '\(IndexSchema.tokenizer)'")
                }
                let rows = try Row.fetchAll(db, sql: """
                    SELECT id, title, heading, body, author FROM section_content WHERE id > ? ORDER BY id LIMIT ?
                    """, arguments: [after, Self.sectionsPerSegment])
                guard !rows.isEmpty else {
                    try ImpactSchema.markComplete(db)
                    return true
                }
                var segment = SegmentBuilder()
                var vocabulary = TermVocabulary()
                var slots: [Int32] = []
                for row in rows {
                    let text = SectionText(id: row[0], fields: [row[1] ?? "", row[2] ?? "", row[3] ?? "", row[4] ?? ""])
                    let terms = text.terms(with: tokenizer, vocabulary: &vocabulary)
                    segment.add(section: text.id, terms: terms, vocabulary: vocabulary.terms, slots: &slots)
                }
                try segment.write(db)
                added += rows.count
                return false
            }
            if finished { break }
        }
        return added
    }
}
