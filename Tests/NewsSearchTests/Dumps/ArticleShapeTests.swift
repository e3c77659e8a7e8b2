import Testing
@testable import NewsSearch
import NewsSearchTestSupport

@Suite struct ArticleShapeTests {
    @Test func articlesPass() {
        #expect(ArticleShape.rejection(name: "a.txt", text: sampleArticle(title: "Alpha", lead: "Text here.")) == nil)
        #expect(ArticleShape.rejection(name: "419.txt", text: """
            $1m payoff for former Shell boss

            Shell is to pay $1m (£522,000) to the ex-finance chief, it said (£1.8m).
            """) == nil)
        // Hard-wrapped paragraphs count when the paragraph ends a sentence.
        #expect(ArticleShape.rejection(name: "wrapped", text: "Title line\n\nThe text goes on\nacross lines and\nends here.\n") == nil)
    }

    @Test func documentationListsTablesAndCodeAreNotArticles() {
        #expect(ArticleShape.rejection(name: "README.txt", text: sampleArticle(title: "Notes", lead: "This describes the data.")) != nil)
        #expect(ArticleShape.rejection(name: "qrels.txt", text: "1 184 2\n1 29 2\n") == "first line `1 184 2` is not a title")
        #expect(ArticleShape.rejection(name: "query.text", text: ".I 1\n.W\nWhat articles exist?\n") != nil)
        #expect(ArticleShape.rejection(name: "places.txt", text: "afghanistan\nalbania\nalgeria\n")?.hasPrefix("0 % of the text") == true)
        #expect(ArticleShape.rejection(name: "facts.txt", text: """
            This is a set of Prolog assertions
            pred_type("Population","countries","countries").
            bgfact("Afghanistan","ImportCommodities",["most consumer goods"]).
            """) != nil)
        #expect(ArticleShape.rejection(name: "title-only.txt", text: "Just a title\n") == "a title with no text")
    }

    @Test func sentenceEndsAreRecognised() {
        #expect(ArticleShape.endsLikeSentence("took $28.5m (£15.2m)."))
        #expect(ArticleShape.endsLikeSentence("the current system\"."))
        #expect(ArticleShape.endsLikeSentence("he said. \""))
        #expect(ArticleShape.endsLikeSentence("but I didn't get the outcome..."))
        #expect(!ArticleShape.endsLikeSentence("\"oil\",\"coal\"])."))
        #expect(!ArticleShape.endsLikeSentence("Mergers/Acquisitions"))
    }
}
