import Foundation
import GRDB
import NewsSearchTestSupport
import Testing

/// `newssearch check`: a sound index says so and exits 0; any problem is a line of its
/// own, a closing line saying how to repair, and exit 1.
@Suite struct CheckCommandTests {
    @Test func aSoundIndexSaysSoAndSucceeds() throws {
        let seeds = try TemporaryDirectory.indexingSeeds()
        let result = try CLI.run(["check", "--index", seeds.indexPath])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("is sound: 1 article, 9 sections"), "\(result.stdout)")
        #expect(result.stderr.isEmpty)
    }

    @Test func tablesThatDisagreeAreOneLineEachAndAFailure() throws {
        let seeds = try TemporaryDirectory.indexingSeeds()
        // The article stays, its dump file leaves the manifest: what a half-finished
        // hand repair (an SQLite shell, where foreign keys are off) could leave behind.
        var configuration = Configuration()
        configuration.foreignKeysEnabled = false
        try DatabaseQueue(path: seeds.indexPath, configuration: configuration).write { db in
            try db.execute(sql: "DELETE FROM files")
        }
        let result = try CLI.run(["check", "--index", seeds.indexPath])
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 2, "\(result.stderr)")
        #expect(lines.first?.contains("whose dump file is not in the manifest") == true, "\(result.stderr)")
        #expect(lines.last?.contains("1 problem found: `newssearch rebuild --index") == true, "\(result.stderr)")
        #expect(!result.stdout.contains("is sound"))
    }

    @Test func damagedBytesAreAFailureThatSaysWhatToDo() throws {
        let seeds = try TemporaryDirectory.indexingSeeds()
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: seeds.indexPath))
        try handle.seek(toOffset: 3 * 4096)
        try handle.write(contentsOf: Data(repeating: 0xFF, count: 4096))
        try handle.close()
        let result = try CLI.run(["check", "--index", seeds.indexPath])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("newssearch: "), "\(result.stderr)")
        #expect(result.stderr.contains("damaged") && result.stderr.contains("newssearch rebuild"), "\(result.stderr)")
    }
}
