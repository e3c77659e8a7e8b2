import Foundation
import GRDB
import Testing
@testable import NewsSearch
import NewsSearchTestSupport

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
        let executable = try #require(TestSupport.executable, "the newssearch executable must be built beside the tests")
        let directory = TemporaryDirectory()
        writeArticles(directory, folder: "dumps/first", count: 50, word: "zeppelin")
        let store = try IndexStore(path: directory.indexPath, create: true)
        _ = try Indexer(store: store).run(roots: [directory.path + "/dumps"])
        writeArticles(directory, folder: "dumps/second", count: 4000, word: "quokka")

        let process = try TestSupport.startIndexRun(executable: executable, root: directory.path + "/dumps", index: directory.indexPath)
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
        try #require(killedMidRun && process.terminationReason == .uncaughtSignal,
                     "the index run must be killed while it writes, or this test shows nothing")

        let reopened = try IndexStore(path: directory.indexPath, access: .write)
        #expect(try reopened.integrityProblems().isEmpty)
        let engine = SearchEngine(store: reopened)
        #expect(try engine.search("zeppelin", options: limit(100)).total == 50)
        // Every committed file is whole: one article per file, and its manifest row with it.
        let (articles, files) = try reopened.read("count") { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM articles") ?? 0, try Int.fetchOne(db, sql: "SELECT count(*) FROM files") ?? 0)
        }
        #expect(articles == files)
        #expect(articles > 50 && articles < 4050, "killed after some but not all of the new files were committed")
        print("killed mid-run with \(articles - 50) of 4000 new articles committed")
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

    /// The writer and the reader each run on a thread of their own, not on the test
    /// runner's cooperative pool: on a two-core machine with other suites running in
    /// parallel, a pooled reader can be starved until the writer has finished.
    @Test func searchesRunWhileAnIndexRunWrites() async throws {
        let directory = TemporaryDirectory()
        writeArticles(directory, folder: "dumps/first", count: 20, word: "zeppelin")
        let store = try IndexStore(path: directory.indexPath, create: true)
        _ = try Indexer(store: store).run(roots: [directory.path + "/dumps"])
        writeArticles(directory, folder: "dumps/second", count: 1500, word: "zeppelin")
        var options = Indexer.Options()
        options.chunkFiles = 50
        options.batchBytes = 64 << 10
        let writerOptions = options
        let roots = [directory.path + "/dumps"]
        let seen: [Int] = try await withCheckedThrowingContinuation { continuation in
            let writerDone = ThreadFlag()
            let writer = Thread {
                defer { writerDone.set() }
                _ = try? Indexer(store: store, options: writerOptions).run(roots: roots)
            }
            let reader = Thread {
                let engine = SearchEngine(store: store)
                var seen: [Int] = []
                do {
                    while !writerDone.isSet {
                        seen.append(try engine.search("zeppelin", options: self.limit(5)).total)
                        usleep(500)
                    }
                    seen.append(try engine.search("zeppelin", options: self.limit(5)).total)
                    continuation.resume(returning: seen)
                } catch {
                    continuation.resume(throwing: error)
                }
            }
            writer.start()
            reader.start()
        }
        let engine = SearchEngine(store: store)
        #expect(seen.first ?? 0 >= 20)
        #expect(seen == seen.sorted(), "readers only ever see whole committed batches, growing")
        #expect(Set(seen).count > 2, "searches ran while batches were being committed")
        #expect(try engine.search("zeppelin").total == 1520)
    }

    /// A run killed after its last batch committed but before the term counts were
    /// stored leaves the counts stale; the next run, with nothing else to do, repairs them.
    @Test func termCountsLeftStaleByAKillAreRepairedByTheNextRun() throws {
        let directory = TemporaryDirectory()
        writeArticles(directory, folder: "dumps", count: 5, word: "zeppelin")
        let store = try IndexStore(path: directory.indexPath, create: true)
        _ = try Indexer(store: store).run(roots: [directory.path + "/dumps"])
        let counts = {
            try store.read("test") { db in try TermStatistics.load(db, terms: ["zeppelin", "quokka"]) }
        }
        #expect(try counts()?.frequencies["zeppelin"] == 15)
        // What a kill between the batch commit and the count update leaves behind: new
        // sections committed (marked stale in their transaction), the old counts.
        writeArticles(directory, folder: "dumps/more", count: 2, word: "quokka")
        let old = try store.read("test") { db in try TermStatistics.count(db) }
        _ = try Indexer(store: store).run(roots: [directory.path + "/dumps"])
        try store.write("test") { db in
            try TermStatistics.store(old, db)
            try TermStatistics.markStale(db)
        }
        #expect(try counts()?.frequencies["quokka"] == nil)
        let summary = try Indexer(store: store).run(roots: [directory.path + "/dumps"])
        #expect(summary.filesIndexed == 0)
        #expect(try counts()?.frequencies["quokka"] == 6)
        #expect(try counts()?.sections == 21)
        #expect(try store.read("test") { db in try TermStatistics.isStale(db) } == false)
    }

    @Test func aCancelledRunKeepsWhatItCommittedAndTheNextRunFinishes() throws {
        let directory = TemporaryDirectory()
        writeArticles(directory, folder: "dumps", count: 600, word: "zeppelin")
        let store = try IndexStore(path: directory.indexPath, create: true)
        var options = Indexer.Options()
        options.chunkFiles = 50
        options.batchBytes = 64 << 10
        let cancellation = IndexCancellation()
        let summary = try Indexer(store: store, options: options).run(roots: [directory.path + "/dumps"],
                                                                      cancellation: cancellation) { progress in
            if progress.filesDone >= 100 { cancellation.cancel() }
        }
        #expect(summary.interrupted)
        #expect(summary.filesIndexed >= 100 && summary.filesIndexed < 600)
        #expect(summary.filesNotReached == 600 - summary.filesIndexed)
        #expect(try store.integrityProblems().isEmpty)
        #expect(try SearchEngine(store: store).search("zeppelin").total == summary.filesIndexed)
        let rest = try Indexer(store: store).run(roots: [directory.path + "/dumps"])
        #expect(rest.filesIndexed == 600 - summary.filesIndexed)
        #expect(try SearchEngine(store: store).search("zeppelin").total == 600)
    }

    /// Ctrl-C through the real executable: exit 130, a line saying what was kept, and
    /// the kept files whole in the index.
    @Test func sigintKeepsCommittedWorkAndSaysSo() throws {
        let executable = try #require(TestSupport.executable, "the newssearch executable must be built beside the tests")
        let directory = TemporaryDirectory()
        writeArticles(directory, folder: "dumps", count: 4000, word: "quokka")
        let store = try IndexStore(path: directory.indexPath, create: true)
        let errors = Pipe()
        let process = try TestSupport.startIndexRun(executable: executable, root: directory.path + "/dumps", index: directory.indexPath,
                                                    errors: errors)
        let deadline = Date(timeIntervalSinceNow: 60)
        while Date() < deadline, process.isRunning,
              try store.read("poll", { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM articles") ?? 0 }) == 0 {
            Thread.sleep(forTimeInterval: 0.005)
        }
        try #require(process.isRunning, "the run finished before it could be interrupted")
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 130)
        #expect(message.contains("interrupted:") && message.contains("run the same command again to continue"), "\(message)")
        let (articles, files) = try store.read("count") { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM articles") ?? 0, try Int.fetchOne(db, sql: "SELECT count(*) FROM files") ?? 0)
        }
        #expect(articles > 0 && articles == files)
        #expect(message.contains("\(files) files (\(articles) articles) committed"), "\(message)")
        #expect(try store.integrityProblems().isEmpty)
    }
}

/// A flag one thread sets and another reads, guarded by a lock.
final class ThreadFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}
