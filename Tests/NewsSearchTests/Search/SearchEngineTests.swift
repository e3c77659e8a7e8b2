import Foundation
import Testing
@testable import NewsSearch
import NewsSearchTestSupport

@Suite struct SearchEngineTests {
    static func seedEngine() throws -> (TemporaryDirectory, SearchEngine) {
        let directory = TemporaryDirectory()
        let engine = try makeEngine(indexing: directory, roots: [TestSupport.seedsDirectory])
        return (directory, engine)
    }

    @Test func kaesongFindsSouthKoreasResponse() throws {
        let (directory, engine) = try Self.seedEngine()
        _ = directory
        let hit = try #require(try engine.search("Kaesong").hits.first)
        #expect(hit.section.heading == "South Korea’s Response")
        #expect(hit.article.author == "Brett Hurll")
        #expect(hit.snippet?.highlightedTexts == ["Kaesong"])
    }

    @Test func phraseFindsUnitedStatesPositionAndHighlightsItWhole() throws {
        let (directory, engine) = try Self.seedEngine()
        _ = directory
        let results = try engine.search("\"calibrated pressure\"")
        #expect(results.total == 1)
        #expect(results.hits.first?.section.heading == "United States’ Position")
        #expect(results.hits.first?.snippet?.highlightedTexts == ["calibrated pressure"])
    }

    @Test func trailerWordsFindNothing() throws {
        let (directory, engine) = try Self.seedEngine()
        _ = directory
        #expect(try engine.search("anti-tourism").total == 0)
        #expect(try engine.search("Kursk").total == 0)
    }

    @Test func authorFilterFindsTheArticle() throws {
        let (directory, engine) = try Self.seedEngine()
        _ = directory
        #expect(try engine.search("author:hurll").total == 1)
        #expect(try engine.search("hurll").total == 0, "bare words do not search the author field")
    }

    @Test func stemmingPrefixAndCaseHighlightWhatFTS5Matched() throws {
        let (directory, engine) = try Self.seedEngine()
        _ = directory
        let stemmed = try #require(try engine.search("heading:impact closures").hits.first?.snippet)
        #expect(stemmed.highlightedTexts.allSatisfy { $0.lowercased().hasPrefix("closure") })
        let prefix = try #require(try engine.search("denuclear*").hits.first?.snippet)
        #expect(prefix.highlightedTexts.contains { $0.lowercased().hasPrefix("denucleari") })
        let excluded = try #require(try engine.search("sanctions -japan").hits.first?.snippet)
        #expect(!excluded.highlightedTexts.contains { $0.lowercased() == "japan" })
    }

    @Test func diacriticsFoldInMatchesAndHighlights() throws {
        let directory = TemporaryDirectory()
        directory.write("dumps/cafe.txt", sampleArticle(title: "Paris notes", lead: "We met at the café on Friday. It was closed by noon."))
        let engine = try makeEngine(indexing: directory)
        let snippet = try #require(try engine.search("cafe closes").hits.first?.snippet)
        #expect(snippet.highlightedTexts == ["café", "closed"])
    }

    @Test func fieldFilterHighlightsOnlyItsField() throws {
        let (directory, engine) = try Self.seedEngine()
        _ = directory
        let hit = try #require(try engine.search("title:dilemma").hits.first)
        #expect(hit.snippet?.highlights.isEmpty == true, "the match is in the title, not in the snippet's text")
    }

    @Test func articlesGroupSectionsAndPagingWorks() throws {
        let directory = TemporaryDirectory()
        for index in 0..<5 {
            directory.write("dumps/\(index).txt", sampleArticle(title: "Story \(index)", lead: "Harbour news number \(index).",
                                                                sections: [("More", "The harbour again, \(index).")]))
        }
        let engine = try makeEngine(indexing: directory)
        var options = SearchOptions()
        options.limit = 2
        options.listSections = true
        let page1 = try engine.search("harbour", options: options)
        #expect(page1.total == 5)
        #expect(page1.hits.map(\.rank) == [1, 2])
        #expect(page1.hits.allSatisfy { $0.matchingSections == 2 && $0.otherSections.count == 1 })
        options.offset = 4
        let last = try engine.search("harbour", options: options)
        #expect(last.hits.map(\.rank) == [5])
        options.offset = 0
        options.sectionsOnly = true
        options.limit = 100
        #expect(try engine.search("harbour", options: options).total == 10)
    }

    @Test func jsonLinesFollowTheDocumentedSchema() throws {
        let (directory, engine) = try Self.seedEngine()
        _ = directory
        let results = try engine.search("\"calibrated pressure\"")
        let line = SearchJSON.line(for: try #require(results.hits.first))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["type"] as? String == "hit")
        #expect(object["rank"] as? Int == 1)
        let article = try #require(object["article"] as? [String: Any])
        #expect(article["author"] as? String == "Brett Hurll")
        let snippet = try #require(object["snippet"] as? [String: Any])
        let text = try #require(snippet["text"] as? String)
        let highlights = try #require(snippet["highlights"] as? [[Int]])
        let bytes = Array(text.utf8)
        #expect(highlights.map { String(decoding: bytes[$0[0]..<$0[1]], as: UTF8.self) } == ["calibrated pressure"])
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(SearchJSON.summaryLine(for: results).utf8)) as? [String: Any])
        #expect(summary["type"] as? String == "summary")
        #expect(summary["total"] as? Int == 1)
        #expect(summary["returned"] as? Int == 1)
    }
}

@Suite struct BBCSnippetTests {
    @Test func bbcArticleSnippetHighlightsStemmedAdjacentTermsAsOneSpan() throws {
        guard let bbc = TestSupport.sharedCorpus("bbc") else { return }
        let directory = TemporaryDirectory()
        let engine = try makeEngine(indexing: directory, roots: [bbc + "/business/001.txt"])
        let hit = try #require(try engine.search("quarterly profit").hits.first)
        #expect(hit.article.title == "Ad sales boost Time Warner profit")
        let snippet = try #require(hit.snippet)
        #expect(snippet.text.hasPrefix("Quarterly profits at US media giant TimeWarner jumped 76% to $1.13bn (£600m)"))
        #expect(snippet.highlightedTexts.first == "Quarterly profits")
        #expect(snippet.highlightedTexts.allSatisfy { $0.lowercased().contains("profit") || $0.lowercased().contains("quarter") })
    }
}

@Suite struct LongSectionSnippetTests {
    @Test func aMatchFarIntoTheSectionIsShownAndTheSnippetStaysBounded() throws {
        let directory = TemporaryDirectory()
        let filler = String(repeating: "Nothing much happened in the town that day. ", count: 400)
        directory.write("dumps/long.jsonl", #"{"id": "l1", "title": "Long", "text": "The ferry left early. \#(filler)A kraken was seen."}"# + "\n")
        let engine = try makeEngine(indexing: directory)
        let hit = try #require(try engine.search("kraken").hits.first)
        #expect(hit.article.externalID == "l1")
        // The match lies 18,000 characters in: the snippet shows it, not the lead.
        let snippet = try #require(hit.snippet)
        #expect(snippet.highlightedTexts == ["kraken"])
        #expect(snippet.text.hasSuffix("A kraken was seen."))
        #expect(snippet.text.count <= 230)
        let early = try #require(try engine.search("ferry").hits.first?.snippet)
        #expect(early.highlightedTexts == ["ferry"])
    }
}

/// A search that costs more than its time limit on this index is stopped with a
/// message that says why, whatever its shape.
@Suite struct SearchDeadlineTests {
    @Test func aSearchPastItsTimeLimitIsStoppedWithAClearMessage() throws {
        let directory = TemporaryDirectory()
        let words = (0..<400).map { "word\($0)" }
        for file in 0..<40 {
            directory.write("dumps/\(file).txt", sampleArticle(title: "Story \(file)", lead: words.shuffled().joined(separator: " ") + "."))
        }
        let engine = try makeEngine(indexing: directory)
        var options = SearchOptions()
        options.mode = .any
        options.timeLimit = 0
        let query = words.prefix(300).joined(separator: " ")
        #expect(throws: SearchError.self) { try engine.search(query, options: options) }
        do {
            _ = try engine.search(query, options: options)
        } catch {
            #expect("\(error)".contains("stopped after 0 s"), "\(error)")
        }
        options.timeLimit = nil
        #expect(try engine.search(query, options: options).total == 40)
    }
}
