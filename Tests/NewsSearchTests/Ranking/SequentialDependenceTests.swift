import Foundation
import Testing
@testable import NewsSearch
import NewsSearchTestSupport

/// The sequential dependence proximity model against the gap model on real rows.
@Suite struct SequentialDependenceTests {
    /// Two sections with the same words and lengths: one says "wing flutter" in query
    /// order, the other "flutter wing"; filler articles give the words a real IDF.
    static func engine() throws -> (TemporaryDirectory, SearchEngine) {
        let directory = TemporaryDirectory()
        directory.write("dumps/ordered.txt", sampleArticle(title: "Report one", lead: "The wing flutter was measured at high speed today."))
        directory.write("dumps/reversed.txt", sampleArticle(title: "Report two", lead: "The flutter wing was measured at high speed today."))
        for index in 0..<6 {
            directory.write("dumps/filler\(index).txt", sampleArticle(title: "Filler \(index)", lead: "Council budget vote number \(index) was held."))
        }
        return (directory, try makeEngine(indexing: directory))
    }

    func scores(_ engine: SearchEngine, model: RankingParameters.ProximityModel) throws -> [String: Double] {
        var options = SearchOptions()
        options.parameters = RankingParameters(proximity: 0.5, proximityModel: model, feedback: FeedbackParameters(weight: 0))
        let hits = try engine.search("wing flutter", options: options).hits
        return Dictionary(uniqueKeysWithValues: hits.map { ($0.article.title, $0.score) })
    }

    @Test func wordsInQueryOrderOutrankTheSameWordsReversed() throws {
        let (directory, engine) = try Self.engine()
        _ = directory
        let sdm = try scores(engine, model: .sdm)
        let ordered = try #require(sdm["Report one"]), reversed = try #require(sdm["Report two"])
        #expect(ordered > reversed)
        // The gap model sees both as adjacent and cannot tell them apart.
        let gap = try scores(engine, model: .gap)
        #expect(gap["Report one"] == gap["Report two"])
    }

    @Test func aPairAddsLessThanItsDocumentedBound() {
        let parameters = RankingParameters(k1: 1.2, proximity: 0.5, proximityModel: .sdm)
        let ordered: [Int32] = [500], unordered: [Int32] = [500]
        let bonus = ordered.withUnsafeBufferPointer { o in
            unordered.withUnsafeBufferPointer { u in SequentialDependence.bonus(ordered: o, unordered: u, idf: [2, 3], parameters: parameters) }
        }
        #expect(bonus > 0.99 * SequentialDependence.bound(idf: 2, parameters: parameters))
        #expect(bonus < SequentialDependence.bound(idf: 2, parameters: parameters))
    }

    @Test func parametersSavedBeforeProximityModelsReadAsTheGapModel() throws {
        var stored = try JSONSerialization.jsonObject(with: JSONEncoder().encode(RankingParameters.default)) as! [String: Any]
        stored.removeValue(forKey: "proximityModel")
        let decoded = try JSONDecoder().decode(RankingParameters.self, from: JSONSerialization.data(withJSONObject: stored))
        #expect(decoded.proximityModel == .gap)
        #expect(RankingParameters(encoded: RankingParameters(proximityModel: .sdm).encoded)?.proximityModel == .sdm)
    }
}
