import Benchmark
import Foundation
import GRDB
import NewsSearch

/// Micro-benchmarks of the stages of the data path: dump parsing, query compilation,
/// BM25F scoring per candidate, snippet selection, and index inserts next to bare FTS5
/// inserts of the same text.
let benchmarks: @Sendable () -> Void = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let seeds = root.appendingPathComponent("seeds").path
    let seedFile = seeds + "/" + ((try? FileManager.default.contentsOfDirectory(atPath: seeds))?.sorted().first ?? "")
    let seedArticle = (try? DumpFile(path: seedFile).read().articles.first?.article)
        ?? Article(title: "missing seed", sections: [Section(heading: "", text: "missing")])

    Benchmark("Dumps: read and sectionize the seed article", configuration: .init(metrics: [.wallClock, .mallocCountTotal, .throughput])) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try? DumpFile(path: seedFile).read())
        }
    }

    let queries = ["korea border", "\"calibrated pressure\" OR kaesong", "title:(korea OR japan) -china sanctions*",
                   "NEAR(border closure, 5) author:hurll", "ubuntu 20.04 C++ U.S. Korea’s 🙂"]
    Benchmark("Query: parse and compile to FTS5", configuration: .init(metrics: [.wallClock, .throughput])) { benchmark in
        for _ in benchmark.scaledIterations {
            for query in queries { blackHole(try? SearchEngine.compile(query, mode: .all)) }
        }
    }

    let scorer = BM25F(parameters: .default)
    let frequencies: [Int32] = [1, 0, 3, 0]
    let lengths: [Int32] = [11, 4, 160, 2]
    let averages = [11.0, 3.5, 140.0, 2.0]
    Benchmark("Ranking: BM25F score of one phrase in one candidate", configuration: .init(metrics: [.wallClock, .throughput])) { benchmark in
        frequencies.withUnsafeBufferPointer { f in
            lengths.withUnsafeBufferPointer { l in
                for _ in benchmark.scaledIterations {
                    blackHole(scorer.phraseScore(frequencies: f, lengths: l, averageLengths: averages, idf: 2.3))
                }
            }
        }
    }

    let section = seedArticle.sections.first { $0.heading == "United States’ Position" }?.text ?? seedArticle.sections[0].text
    let spans: [MatchSpan] = {
        let bytes = Array(section.utf8)
        var found: [MatchSpan] = []
        for (phrase, word) in ["pressure", "sanctions", "Washington"].enumerated() {
            let needle = Array(word.utf8)
            for start in 0...(bytes.count - needle.count) where Array(bytes[start..<(start + needle.count)]) == needle {
                found.append(MatchSpan(range: start..<(start + needle.count), phrase: phrase))
            }
        }
        return found
    }()
    Benchmark("Snippets: choose and highlight a passage", configuration: .init(metrics: [.wallClock, .mallocCountTotal, .throughput])) { benchmark in
        let selector = PassageSelector()
        for _ in benchmark.scaledIterations {
            blackHole(selector.snippet(text: section, spans: spans, weights: [1.2, 2.0, 2.5]))
        }
    }

    // Index inserts: 200 copies of the seed article through the indexer, and the same
    // section texts into a bare FTS5 table with the same tokenizer.
    let scratch = NSTemporaryDirectory() + "newssearch-microbench-\(ProcessInfo.processInfo.processIdentifier)"
    let dumps = scratch + "/dumps"
    try? FileManager.default.createDirectory(atPath: dumps, withIntermediateDirectories: true)
    let seedText = (try? String(contentsOfFile: seedFile, encoding: .utf8)) ?? ""
    for index in 0..<200 {
        FileManager.default.createFile(atPath: dumps + "/\(index).txt", contents: Data(("Copy \(index): " + seedText).utf8))
    }
    Benchmark("Index: 200 articles through the indexer", configuration: .init(metrics: [.wallClock, .throughput], maxIterations: 20)) { benchmark in
        for iteration in benchmark.scaledIterations {
            let path = scratch + "/ours-\(iteration).db"
            benchmark.startMeasurement()
            let store = try IndexStore(path: path, create: true)
            blackHole(try Indexer(store: store).run(roots: [dumps]))
            benchmark.stopMeasurement()
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
    }

    Benchmark("Index: the same 200 articles into a bare FTS5 table", configuration: .init(metrics: [.wallClock, .throughput], maxIterations: 20)) { benchmark in
        for iteration in benchmark.scaledIterations {
            let path = scratch + "/bare-\(iteration).db"
            benchmark.startMeasurement()
            let queue = try DatabaseQueue(path: path)
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL")
                try db.execute(sql: "CREATE VIRTUAL TABLE bare USING fts5(title, heading, body, author, tokenize='\(IndexSchema.tokenizer)')")
            }
            try queue.inTransaction { db in
                let insert = try db.makeStatement(sql: "INSERT INTO bare VALUES (?, ?, ?, ?)")
                for index in 0..<200 {
                    for section in seedArticle.sections {
                        try insert.execute(arguments: ["Copy \(index): " + seedArticle.title, section.heading, section.text, seedArticle.author ?? ""])
                    }
                }
                return .commit
            }
            benchmark.stopMeasurement()
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
    }
}
