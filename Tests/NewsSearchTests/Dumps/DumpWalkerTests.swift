import Foundation
import Testing
@testable import NewsSearch
import NewsSearchTestSupport

@Suite struct DumpWalkerTests {
    func names(_ walk: DumpWalker.Walk) -> [String] { walk.files.map { ($0.path as NSString).lastPathComponent } }

    @Test func walksRecursivelySkippingHiddenAndSurvivingLinkLoops() throws {
        let directory = TemporaryDirectory()
        directory.write("a/one.txt", "One\nText.\n")
        directory.write("a/b/two.jsonl", "{}\n")
        directory.write("a/.hidden/three.txt", "Three\nText.\n")
        directory.write("a/.dotfile.txt", "Dot\nText.\n")
        directory.write("a/notes.md", "# not a dump\n")
        try FileManager.default.createSymbolicLink(atPath: directory.path + "/a/b/loop", withDestinationPath: directory.path + "/a")
        let walk = DumpWalker().walk([directory.path + "/a"])
        #expect(names(walk) == ["two.jsonl", "one.txt"])
        #expect(walk.ignored.map { ($0 as NSString).lastPathComponent } == ["notes.md"])
    }

    @Test func linksOutOfTheRootsAreNotFollowedUnlessAsked() throws {
        let directory = TemporaryDirectory()
        directory.write("dumps/in.txt", "In\nText.\n")
        directory.write("secret/shadow", "root:x:0:0\n")
        try FileManager.default.createSymbolicLink(atPath: directory.path + "/dumps/etc", withDestinationPath: directory.path + "/secret")
        try FileManager.default.createSymbolicLink(atPath: directory.path + "/dumps/alias.txt", withDestinationPath: directory.path + "/dumps/in.txt")
        let walk = DumpWalker().walk([directory.path + "/dumps"])
        #expect(names(walk) == ["alias.txt", "in.txt"])
        #expect(walk.problems.map(\.reasonKey) == ["link outside the roots"])
        #expect(walk.problems.first?.description.contains("use --follow-links") == true)
        // Both folders indexed together: the link stays inside the roots.
        #expect(names(DumpWalker().walk([directory.path + "/dumps", directory.path + "/secret"])).contains("shadow"))
        var options = DumpWalker.Options()
        options.followLinks = true
        #expect(names(DumpWalker(options: options).walk([directory.path + "/dumps"])).contains("shadow"))
    }

    @Test func specialFilesAreReportedNotRead() throws {
        let directory = TemporaryDirectory()
        directory.write("dumps/a.txt", "A\nText here.\n")
        #expect(mkfifo(directory.path + "/dumps/pipe.txt", 0o600) == 0)
        let walk = DumpWalker().walk([directory.path + "/dumps", directory.path + "/dumps/pipe.txt"])
        #expect(names(walk) == ["a.txt"])
        #expect(walk.problems.map(\.description) == Array(repeating: directory.path + "/dumps/pipe.txt: not a regular file (FIFO)", count: 2))
    }

    @Test func aNameThatIsNotUTF8IsReportedWithEscapes() throws {
        let directory = TemporaryDirectory()
        directory.write("dumps/a.txt", "A\nText here.\n")
        let bad = Array((directory.path + "/dumps/caf").utf8) + [0xE9] + Array(".txt".utf8) + [0]
        let descriptor = bad.withUnsafeBufferPointer { open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_CREAT | O_WRONLY, 0o600) }
        #expect(descriptor >= 0)
        close(descriptor)
        let walk = DumpWalker().walk([directory.path + "/dumps"])
        #expect(names(walk) == ["a.txt"])
        #expect(walk.problems.map(\.description) == [directory.path + "/dumps/caf\\xe9.txt: file name is not valid UTF-8 (rename it to index it)"])
    }

    @Test func excludeIncludeAndTheIgnoreFileLeaveFilesOut() throws {
        let directory = TemporaryDirectory()
        for name in ["a.txt", "keep.txt", "docs/d.txt", "ir/cran/qrels.txt", "x.jsonl"] { directory.write("dumps/" + name, "T\nText here.\n") }
        directory.write("dumps/.newssearchignore", "# side files\n**/qrels*\ndocs/\n")
        var options = DumpWalker.Options()
        options.filter = PathFilter(excludes: ["*.txt", "!keep.txt"].compactMap(PathGlob.init))
        let walk = DumpWalker(options: options).walk([directory.path + "/dumps"])
        #expect(names(walk) == ["keep.txt", "x.jsonl"])
        #expect(walk.ignored.map { ($0 as NSString).lastPathComponent } == ["a.txt", "qrels.txt"])
        options.filter = PathFilter(includes: ["*.jsonl"].compactMap(PathGlob.init))
        #expect(names(DumpWalker(options: options).walk([directory.path + "/dumps"])) == ["x.jsonl"])
    }
}
