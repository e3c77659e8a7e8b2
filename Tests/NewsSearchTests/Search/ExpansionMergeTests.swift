import Testing
@testable import NewsSearch

/// The merge of an expanded search's two passes (``ExpansionMerge``): each article once,
/// with the better of its two entries, best first; the second pass starts from the first
/// pass's k-th best score.
@Suite struct ExpansionMergeTests {
    static func entry(_ article: Int64, _ ordinal: Int64, _ score: Double, matching: Int = 1) -> ArticleCollector.Entry {
        ArticleCollector.Entry(article: article, section: article << 6 | ordinal, score: score, matchingSections: matching, sections: [])
    }

    @Test func eachArticleKeepsItsBetterEntry() {
        let typed = [Self.entry(1, 0, 5), Self.entry(2, 1, 4), Self.entry(3, 0, 3)]
        let expanded = [Self.entry(3, 2, 6, matching: 2), Self.entry(2, 3, 3.5), Self.entry(4, 0, 1)]
        let merged = ExpansionMerge.merge(typed: typed, expanded: expanded)
        #expect(merged.map(\.article) == [3, 1, 2, 4])
        #expect(merged.map(\.score) == [6, 5, 4, 1])
        #expect(merged[0].section == 3 << 6 | 2, "article 3 scores more with an added word, in its section 2")
        #expect(merged[2].section == 2 << 6 | 1, "article 2 keeps its typed best")
        #expect(merged[0].matchingSections == 2)
    }

    @Test func equalScoresKeepTheLowerSection() {
        let merged = ExpansionMerge.merge(typed: [Self.entry(7, 4, 2)], expanded: [Self.entry(7, 1, 2)])
        #expect(merged.count == 1)
        #expect(merged[0].section == 7 << 6 | 1)
    }

    @Test func theFloorIsTheKthBestTypedScore() {
        let typed = [Self.entry(1, 0, 5), Self.entry(2, 0, 4), Self.entry(3, 0, 3)]
        #expect(ExpansionMerge.floor(typed, count: 2) == 4)
        #expect(ExpansionMerge.floor(typed, count: 3) == 3)
        #expect(ExpansionMerge.floor(typed, count: 4) == -.infinity, "fewer results than the page: nothing is known")
    }
}
