import Testing
@testable import NewsSearch

@Suite struct ArticleCollectorTests {
    @Test func groupsSectionsIntoArticlesKeepingTheBest() {
        var collector = ArticleCollector(capacity: 2)
        collector.add(section: SectionID.make(article: 1, ordinal: 0), score: 1.0)
        collector.add(section: SectionID.make(article: 1, ordinal: 3), score: 3.0)
        collector.add(section: SectionID.make(article: 2, ordinal: 1), score: 2.0)
        collector.add(section: SectionID.make(article: 3, ordinal: 0), score: 0.5)
        let top = collector.finish()
        #expect(top.map(\.article) == [1, 2])
        #expect(top[0].section == SectionID.make(article: 1, ordinal: 3))
        #expect(top[0].matchingSections == 2)
        #expect(collector.total == 3)
    }

    @Test func tiesBreakByArticleThenSection() {
        var collector = ArticleCollector(capacity: 3)
        for article in [5, 2, 9] as [Int64] { collector.add(section: SectionID.make(article: article, ordinal: 0), score: 1) }
        #expect(collector.finish().map(\.article) == [2, 5, 9])
    }

    @Test func sectionsOnlyKeepsEverySection() {
        var collector = ArticleCollector(capacity: 10, groupByArticle: false)
        collector.add(section: SectionID.make(article: 1, ordinal: 0), score: 1)
        collector.add(section: SectionID.make(article: 1, ordinal: 1), score: 2)
        #expect(collector.finish().count == 2)
    }
}
