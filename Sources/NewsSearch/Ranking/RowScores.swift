/// Scores of matching rows in ascending row-id order, as a scan produces them: two flat
/// arrays, so keeping every row of a pass costs an append, not a hash insert.
///
/// Query expansion ranks in two scans, the typed query and the expansion terms alone,
/// and adds them per row: BM25F is a sum over phrases (the proximity bonus only joins
/// typed phrases), so `typed + expansion` is the score the expanded query would give,
/// without reading the typed terms' doclists twice.
struct RowScores {
    private(set) var rows: [Int64] = []
    private(set) var scores: [Double] = []

    mutating func append(_ row: Int64, _ score: Double) {
        rows.append(row)
        scores.append(score)
    }

    /// Calls `body` for every row in either, in ascending order, with the sum of its scores.
    static func merge(_ left: RowScores, _ right: RowScores, _ body: (Int64, Double) -> Void) {
        var i = 0, j = 0
        while i < left.rows.count || j < right.rows.count {
            if j == right.rows.count || (i < left.rows.count && left.rows[i] < right.rows[j]) {
                body(left.rows[i], left.scores[i])
                i += 1
            } else if i == left.rows.count || right.rows[j] < left.rows[i] {
                body(right.rows[j], right.scores[j])
                j += 1
            } else {
                body(left.rows[i], left.scores[i] + right.scores[j])
                i += 1
                j += 1
            }
        }
    }
}
