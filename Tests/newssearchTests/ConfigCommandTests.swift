import Foundation
import NewsSearchTestSupport
import Testing

/// `newssearch config`: the ranking parameters as JSON, per-field values named by field.
@Suite struct ConfigCommandTests {
    static func object(_ result: CLI.Result) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stdout)")
    }

    @Test func perFieldValuesAreLabelledByField() throws {
        let seeds = try TemporaryDirectory.indexingSeeds()
        let shown = try Self.object(CLI.run(["config", "--index", seeds.indexPath]))
        let b = try #require(shown["b"] as? [String: Double], "b is not an object of fields: \(shown["b"] ?? "nothing")")
        let weights = try #require(shown["weights"] as? [String: Double], "\(shown["weights"] ?? "nothing")")
        #expect(Set(b.keys) == ["title", "heading", "body", "author"])
        #expect(Set(weights.keys) == ["title", "heading", "body", "author"])
        #expect(weights["title"]! > weights["body"]!, "a title hit counts more than a body hit by default")
    }

    @Test func aStoredValueShowsUnderItsField() throws {
        let seeds = try TemporaryDirectory.indexingSeeds()
        let stored = try CLI.run(["config", "--b-body", "0.6", "--weight-heading", "2.5", "--index", seeds.indexPath])
        #expect(stored.status == 0, "\(stored.stderr)")
        let shown = try Self.object(CLI.run(["config", "--index", seeds.indexPath]))
        #expect((shown["b"] as? [String: Double])?["body"] == 0.6)
        #expect((shown["weights"] as? [String: Double])?["heading"] == 2.5)
        let reset = try Self.object(CLI.run(["config", "--reset", "--index", seeds.indexPath]))
        #expect((reset["b"] as? [String: Double])?["body"] == 0.75)
    }
}
