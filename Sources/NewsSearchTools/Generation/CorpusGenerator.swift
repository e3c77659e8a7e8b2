import Foundation
import NewsSearch

/// Writes a deterministic synthetic news corpus for benchmarks at scale.
///
/// Each article has the seed dump's layout: a title, a lead of 2–4 sentences, 3–8
/// headed sections of 1–3 paragraphs, an `Author:` line and 2–4 related-article
/// teasers ending in `Read more`. Text comes from a ``WordModel`` trained on a real
/// corpus. The same model, seed and sizes give byte-identical output. Articles are
/// written as they are made, so memory stays flat whatever the corpus size.
public struct CorpusGenerator {
    public enum Format: String, Sendable, CaseIterable {
        /// One text file per article, in folders of 1,000.
        case text
        /// JSON Lines files of 10,000 articles each.
        case jsonl
    }

    public let model: WordModel
    public let seed: UInt64
    public let format: Format

    public init(model: WordModel, seed: UInt64, format: Format) {
        self.model = model
        self.seed = seed
        self.format = format
    }

    static let firstNames = ["Ana", "Ben", "Chloe", "David", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kemi", "Liam", "Maya", "Nils", "Olga", "Priya"]
    static let lastNames = ["Adams", "Brennan", "Castillo", "Dubois", "Eriksen", "Fischer", "Gupta", "Hughes", "Ivanova", "Jensen", "Kowalski", "Larsen", "Moreau", "Nakamura", "Okafor", "Petrov"]

    /// Generates articles until `sections` sections are written; returns (articles, sections).
    @discardableResult
    public func write(to folder: String, sections target: Int) throws -> (articles: Int, sections: Int) {
        var random = SplitMix64(seed: seed)
        var sections = 0
        var articles = 0
        var handle: FileHandle?
        defer { try? handle?.close() }
        while sections < target {
            let article = makeArticle(&random, maxSections: target - sections)
            sections += article.sections.count
            switch format {
            case .text:
                let directory = folder + String(format: "/%04d", articles / 1000)
                if articles % 1000 == 0 { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
                let path = directory + String(format: "/%07d.txt", articles)
                guard FileManager.default.createFile(atPath: path, contents: Data(Self.text(of: article).utf8)) else {
                    throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
                }
            case .jsonl:
                if articles % 10_000 == 0 {
                    try handle?.close()
                    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                    let path = folder + String(format: "/part-%05d.jsonl", articles / 10_000)
                    _ = FileManager.default.createFile(atPath: path, contents: nil)
                    handle = FileHandle(forWritingAtPath: path)
                }
                try handle?.write(contentsOf: Data((Self.json(of: article, id: articles) + "\n").utf8))
            }
            articles += 1
        }
        return (articles, sections)
    }

    func makeArticle(_ random: inout SplitMix64, maxSections: Int) -> Article {
        func paragraph(_ sentences: ClosedRange<Int>) -> String {
            (0..<random.int(in: sentences)).map { _ in model.sentence(&random) }.joined(separator: " ")
        }
        let title = model.headline(&random, words: random.int(in: 5...11))
        var sections = [Section(heading: "", text: paragraph(2...4))]
        let headed = min(random.int(in: 3...8), max(0, maxSections - 1))
        for _ in 0..<headed {
            let heading = model.headline(&random, words: random.int(in: 2...6))
            let text = (0..<random.int(in: 1...3)).map { _ in paragraph(2...5) }.joined(separator: "\n")
            sections.append(Section(heading: heading, text: text))
        }
        let author = Self.firstNames[random.int(in: 0...(Self.firstNames.count - 1))] + " "
            + Self.lastNames[random.int(in: 0...(Self.lastNames.count - 1))]
        let related = (0..<random.int(in: 2...4)).map { _ in
            RelatedItem(title: model.headline(&random, words: random.int(in: 6...10)),
                        teaser: String(model.sentence(&random).prefix(100)) + "...")
        }
        return Article(title: title, author: author, sections: sections, related: related)
    }

    static func text(of article: Article) -> String {
        var lines = [article.title]
        for section in article.sections {
            if !section.heading.isEmpty { lines.append(section.heading) }
            lines.append(section.text)
        }
        if let author = article.author { lines.append("Author: \(author)") }
        for item in article.related { lines += [item.title, item.teaser + " Read more"] }
        return lines.joined(separator: "\n") + "\n"
    }

    static func json(of article: Article, id: Int) -> String {
        let text = article.sections.map { $0.heading.isEmpty ? $0.text : $0.heading + "\n" + $0.text }.joined(separator: "\n")
        let object: [String: Any] = ["id": "gen-\(id)", "title": article.title, "text": text, "author": article.author ?? ""]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
