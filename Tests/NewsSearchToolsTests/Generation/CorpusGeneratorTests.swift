import Foundation
import Testing
import NewsSearch
@testable import NewsSearchTools
import NewsSearchTestSupport

@Suite struct CorpusGeneratorTests {
    func model(_ directory: TemporaryDirectory) throws -> WordModel {
        let text = try String(contentsOfFile: TestSupport.seedFile, encoding: .utf8)
        directory.write("training/seed.txt", text)
        return try WordModel(trainingOn: [directory.path + "/training"])
    }

    @Test func sameSeedGivesByteIdenticalOutputInTheSeedsLayout() throws {
        let directory = TemporaryDirectory()
        let model = try model(directory)
        let first = try CorpusGenerator(model: model, seed: 9, format: .text).write(to: directory.path + "/a", sections: 60)
        _ = try CorpusGenerator(model: model, seed: 9, format: .text).write(to: directory.path + "/b", sections: 60)
        #expect(first.sections == 60)
        let a = try FileManager.default.contentsOfDirectory(atPath: directory.path + "/a/0000").sorted()
        for name in a {
            let left = try Data(contentsOf: URL(fileURLWithPath: directory.path + "/a/0000/" + name))
            let right = try Data(contentsOf: URL(fileURLWithPath: directory.path + "/b/0000/" + name))
            #expect(left == right)
        }
        // The generated layout reads back as the seed's does: headed sections, author, trailer.
        let article = try #require(try DumpFile(path: directory.path + "/a/0000/" + a[0]).read().articles.first?.article)
        #expect(article.author != nil)
        #expect(article.sections.count >= 2)
        #expect(article.sections.dropFirst().allSatisfy { !$0.heading.isEmpty })
        #expect(article.related.count >= 2)
    }

    @Test func differentSeedsDiffer() throws {
        let directory = TemporaryDirectory()
        let model = try model(directory)
        _ = try CorpusGenerator(model: model, seed: 1, format: .jsonl).write(to: directory.path + "/a", sections: 30)
        _ = try CorpusGenerator(model: model, seed: 2, format: .jsonl).write(to: directory.path + "/b", sections: 30)
        let a = try String(contentsOfFile: directory.path + "/a/part-00000.jsonl", encoding: .utf8)
        let b = try String(contentsOfFile: directory.path + "/b/part-00000.jsonl", encoding: .utf8)
        #expect(a != b)
        #expect(try DumpFile(path: directory.path + "/a/part-00000.jsonl").read().problems.isEmpty)
    }
}
