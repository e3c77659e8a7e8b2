import Foundation
import Testing
@testable import NewsSearch

@Suite struct DumpWalkerTests {
    @Test func walksRecursivelySkippingHiddenAndSurvivingLinkLoops() throws {
        let directory = TemporaryDirectory()
        directory.write("a/one.txt", "One\nText.\n")
        directory.write("a/b/two.jsonl", "{}\n")
        directory.write("a/.hidden/three.txt", "Three\nText.\n")
        directory.write("a/.dotfile.txt", "Dot\nText.\n")
        directory.write("a/notes.md", "# not a dump\n")
        try FileManager.default.createSymbolicLink(atPath: directory.path + "/a/b/loop", withDestinationPath: directory.path + "/a")
        let walk = DumpWalker().walk([directory.path + "/a"])
        #expect(walk.files.map { ($0.path as NSString).lastPathComponent } == ["two.jsonl", "one.txt"])
        #expect(walk.ignored.map { ($0 as NSString).lastPathComponent } == ["notes.md"])
    }
}
