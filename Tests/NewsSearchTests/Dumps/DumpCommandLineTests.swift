import Foundation
import Testing
@testable import NewsSearch
import NewsSearchTestSupport

/// What a user sees from `newssearch parse` and `newssearch index` on special files,
/// links and exclude rules, through the built executable.
@Suite struct DumpCommandLineTests {
    struct Outcome { var status: Int32?; var output: String; var errors: String }

    /// Runs the executable, killing it after `seconds` (status nil then).
    func run(_ arguments: [String], seconds: Double = 20) throws -> Outcome? {
        guard let executable = TestSupport.executable else {
            print("skipping: the newssearch executable was not built beside the tests")
            return nil
        }
        let directory = TemporaryDirectory()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let outPath = directory.path + "/out", errPath = directory.path + "/err"
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        process.standardOutput = FileHandle(forWritingAtPath: outPath)
        process.standardError = FileHandle(forWritingAtPath: errPath)
        try process.run()
        let deadline = Date(timeIntervalSinceNow: seconds)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        let finished = !process.isRunning
        if !finished { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return Outcome(status: finished ? process.terminationStatus : nil,
                       output: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
                       errors: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
    }

    @Test func parseAndIndexOfAFIFOSayWhyAndNeverBlock() throws {
        let directory = TemporaryDirectory()
        let fifo = directory.path + "/pipe"
        #expect(mkfifo(fifo, 0o600) == 0)
        guard let parse = try run(["parse", fifo]) else { return }
        #expect(parse.status == 1)
        #expect(parse.errors.contains("\(fifo): not a regular file (FIFO)"))
        guard let index = try run(["index", fifo, "--index", directory.indexPath]) else { return }
        #expect(index.status == 0)
        #expect(index.errors.contains("skipped \(fifo): not a regular file (FIFO)"))
        #expect(index.output.contains("1 skipped: 1 not a regular file: pipe"))
    }

    @Test func excludeIncludeAndFollowLinksFlags() throws {
        let directory = TemporaryDirectory()
        directory.write("dumps/a.txt", sampleArticle(title: "Harbour", lead: "The harbour reopened."))
        directory.write("dumps/b.jsonl", #"{"title": "Harbour two", "text": "The harbour again."}"# + "\n")
        directory.write("outside/c.txt", sampleArticle(title: "Harbour three", lead: "The outside harbour."))
        try FileManager.default.createSymbolicLink(atPath: directory.path + "/dumps/out", withDestinationPath: directory.path + "/outside")
        guard let excluded = try run(["index", directory.path + "/dumps", "--index", directory.indexPath, "--exclude", "*.jsonl"]) else { return }
        #expect(excluded.output.hasPrefix("files: 3 seen = 1 indexed + 0 unchanged + 1 skipped + 1 ignored"))
        #expect(excluded.errors.contains("symbolic link to \(directory.path)/outside, outside the indexed folders (use --follow-links to follow it)"))
        let other = directory.path + "/other.db"
        guard let followed = try run(["index", directory.path + "/dumps", "--index", other, "--include", "*.txt", "--follow-links"]) else { return }
        #expect(followed.output.hasPrefix("files: 3 seen = 2 indexed + 0 unchanged + 0 skipped + 1 ignored"))
    }
}
