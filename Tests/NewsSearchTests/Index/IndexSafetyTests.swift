import Foundation
import GRDB
import Testing
@testable import NewsSearch

/// Crash safety and concurrent reading: the promises an index makes while it is written.
@Suite(.serialized) struct IndexSafetyTests {
    /// Writes `count` generated articles into `folder`, one file each.
    func writeArticles(_ directory: TemporaryDirectory, folder: String, count: Int, word: String) {
        for index in 0..<count {
            let paragraphs = (0..<6).map { p in
                "Paragraph \(p) of story \(index) mentions \(word) and the harbour council budget in some detail."
            }
            directory.write("\(folder)/\(index).txt", sampleArticle(
                title: "Story \(index) about \(word)", lead: paragraphs[0],
                sections: [("Background", paragraphs[1...3].joined(separator: " ")), ("Outlook", paragraphs[4...].joined(separator: " "))]))
        }
    }

    @Test func killedIndexRunLeavesAnIntactIndexWithEarlierArticles() throws {
        guard let executable = TestSupport.executable else {
            print("skipping: the newssearch executable was not built beside the tests")
            return
        }
        let directory = TemporaryDirectory()
        writeArticles(directory, folder: "dumps/first", count: 50, word: "zeppelin")
        let store = try IndexStore(path: directory.indexPath, create: true)
        _ = try Indexer(store: store).run(roots: [directory.path + "/dumps"])
        writeArticles(directory, folder: "dumps/second", count: 4000, word: "quokka")

        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["index", directory.path + "/dumps", "--index", directory.indexPath, "--quiet", "--batch-size", "0.05"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until the child has committed at least one batch of the new files, then kill -9.
        let deadline = Date(timeIntervalSinceNow: 60)
        while Date() < deadline, process.isRunning {
            let articles = try store.read("poll") { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM articles") ?? 0 }
            if articles > 50 { break }
            Thread.sleep(forTimeInterval: 0.005)
        }
        let killedMidRun = process.isRunning
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()

        let reopened = try IndexStore(path: directory.indexPath)
        #expect(try reopened.integrityProblems().isEmpty)
        let engine = SearchEngine(store: reopened)
        #expect(try engine.search("zeppelin", options: limit(100)).total == 50)
        // Every committed file is whole: one article per file, and its manifest row with it.
        let (articles, files) = try reopened.read("count") { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM articles") ?? 0, try Int.fetchOne(db, sql: "SELECT count(*) FROM files") ?? 0)
        }
        #expect(articles == files)
        if killedMidRun { print("killed mid-run with \(articles - 50) of 4000 new articles committed") }
        // The next run finishes the job.
        _ = try Indexer(store: reopened).run(roots: [directory.path + "/dumps"])
        #expect(try engine.search("quokka").total == 4000)
        #expect(try reopened.integrityProblems().isEmpty)
    }

    func limit(_ n: Int) -> SearchOptions {
        var options = SearchOptions()
        options.limit = n
        options.snippet = nil
        return options
    }

    @Test func searchesRunWhileAnIndexRunWrites() async throws {
        let directory = TemporaryDirectory()
        writeArticles(directory, folder: "dumps/first", count: 20, word: "zeppelin")
        let store = try IndexStore(path: directory.indexPath, create: true)
        _ = try Indexer(store: store).run(roots: [directory.path + "/dumps"])
        writeArticles(directory, folder: "dumps/second", count: 1500, word: "zeppelin")
        var options = Indexer.Options()
        options.chunkFiles = 50
        options.batchBytes = 64 << 10
        let writer = Task.detached { try Indexer(store: store, options: options).run(roots: [directory.path + "/dumps"]) }
        let engine = SearchEngine(store: store)
        var seen: [Int] = []
        while seen.last ?? 0 < 1520 {
            let total = try engine.search("zeppelin", options: limit(5)).total
            seen.append(total)
            if seen.count > 20_000 { break }
            try await Task.sleep(for: .milliseconds(2))
        }
        _ = try await writer.value
        #expect(seen.first ?? 0 >= 20)
        #expect(seen == seen.sorted(), "readers only ever see whole committed batches, growing")
        #expect(Set(seen).count > 2, "searches ran while batches were being committed")
        #expect(try engine.search("zeppelin").total == 1520)
    }
}
