import Foundation
import Testing
import NewsSearchTestSupport

/// `eval`'s ranker names and the one JSON key style of every `--json`.
@Suite struct EvalAndJSONTests {
    /// A three-document test collection.
    static func collection() -> TemporaryDirectory {
        let scratch = TemporaryDirectory()
        scratch.write("c/docs.jsonl", [
            #"{"id": "d1", "title": "Harbour storm", "text": "A storm closed the harbour for a day."}"#,
            #"{"id": "d2", "title": "Ferry late", "text": "The harbour ferry was late again."}"#,
            #"{"id": "d3", "title": "Budget", "text": "The council met about the budget."}"#,
        ].joined(separator: "\n") + "\n")
        scratch.write("c/queries.tsv", "q1\tharbour storm\nq2\tcouncil budget\n")
        scratch.write("c/qrels.txt", "q1 0 d1 1\nq2 0 d3 1\n")
        return scratch
    }

    @Test func evalNamesOurRankerAsSearchDoes() throws {
        let scratch = Self.collection()
        let table = try CLI.run(["eval", scratch.path + "/c"])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains(" bm25f "))
        #expect(table.stdout.contains("nDCG@10 bm25f vs fts5"))
        #expect(!table.stdout.contains("default"))
        let json = try CLI.run(["eval", scratch.path + "/c", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let rankers = try #require(object["rankers"] as? [String: Any])
        #expect(Set(rankers.keys) == ["bm25f", "fts5"])
    }

    /// Every key of every object in `json` (one JSON value per line).
    static func keys(_ json: String) throws -> Set<String> {
        var keys = Set<String>()
        func walk(_ value: Any) {
            if let object = value as? [String: Any] {
                for (key, child) in object {
                    keys.insert(key)
                    walk(child)
                }
            } else if let array = value as? [Any] {
                array.forEach(walk)
            }
        }
        let lines = json.contains("\n{") || !json.hasPrefix("{\n") ? json.split(separator: "\n").map(String.init) : [json]
        for line in lines where !line.isEmpty {
            walk(try JSONSerialization.jsonObject(with: Data(line.utf8)))
        }
        return keys
    }

    /// Lowercase words and numbers joined by `_`: `text_mb`, `ndcg_10`.
    static func isSnakeCase(_ key: String) -> Bool {
        key.allSatisfy { ($0.isASCII && $0.isLowercase) || $0.isNumber || $0 == "_" }
            && !key.hasPrefix("_") && !key.hasSuffix("_") && !key.contains("__")
    }

    @Test func everyCommandsJSONKeysAreSnakeCase() throws {
        let scratch = Self.collection()
        let docs = scratch.path + "/c/docs.jsonl"
        #expect(try CLI.run(["index", scratch.path + "/c", "--index", scratch.indexPath, "--quiet"]).status == 0)
        let outputs = [
            ("parse", try CLI.run(["parse", docs, "--json"]).stdout),
            ("search", try CLI.run(["search", "harbour", "--explain", "--sections", "--json", "--index", scratch.indexPath]).stdout),
            ("config", try CLI.run(["config", "--index", scratch.indexPath]).stdout),
            ("stats", try CLI.run(["stats", "--json", "--index", scratch.indexPath]).stdout),
            ("eval", try CLI.run(["eval", scratch.path + "/c", "--json", "--per-query"]).stdout),
            ("show", try CLI.run(["show", "1", "--json", "--index", scratch.indexPath]).stdout),
            ("timeline", try CLI.run(["timeline", "harbour", "--json", "--index", scratch.indexPath]).stdout),
        ]
        for (command, output) in outputs {
            let keys = try Self.keys(output)
            #expect(!keys.isEmpty, "\(command) printed no JSON")
            let bad = keys.filter { !Self.isSnakeCase($0) && !["bm25f", "fts5"].contains($0) }
            #expect(bad.isEmpty, "\(command) --json has keys \(bad.sorted())")
        }
        let parse = try Self.keys(outputs[0].1)
        #expect(parse.contains("external_id"))
        let config = try Self.keys(outputs[2].1)
        #expect(config.contains("proximity_window"))
        let eval = try Self.keys(outputs[4].1)
        #expect(eval.isSuperset(of: ["ndcg_10", "map", "p_10", "recall_100"]), "\(eval.sorted())")
    }
}
