import ArgumentParser
import Foundation
import NewsSearch
import NewsSearchTools

/// `newssearch generate`: a deterministic synthetic corpus for benchmarks.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a deterministic synthetic news corpus in the seed's layout or as JSON Lines.",
        discussion: """
            Text comes from a bigram word model trained on --model (e.g. ../shared/corpora/bbc); the same \
            seed gives byte-identical output.

            Examples:
              newssearch generate --model ../shared/corpora/bbc --out /tmp/synthetic --sections 100000
              newssearch generate --model seeds --out /tmp/small --sections 500 --format jsonl --seed 7
            """)

    @Option(help: "Corpus to train the word model on.", completion: .directory) var model: String
    @Option(help: "Folder to write to.", completion: .directory) var out: String
    @Option(help: "Total sections to generate.") var sections = 10_000
    @Option(help: "Random seed.") var seed: UInt64 = 1
    @Option(help: "text (one file per article) or jsonl.") var format: CorpusGenerator.Format = .text

    func run() throws {
        do {
            let wordModel = try WordModel(trainingOn: [model])
            let (articles, written) = try CorpusGenerator(model: wordModel, seed: seed, format: format).write(to: out, sections: sections)
            print("wrote \(Counted.noun(articles, "article")), \(Counted.noun(written, "section")) to " + TerminalText.sanitised(out) + " (model: \(wordModel.words.count) distinct words)")
        } catch {
            throw fail(error)
        }
    }
}

extension CorpusGenerator.Format: ExpressibleByArgument {}
