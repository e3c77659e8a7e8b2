import Foundation
import NewsSearch

/// An IR test collection: queries and relevance judgements (qrels), and where its
/// documents are (`docs.jsonl` with `id`, `title`, `text`).
public struct TestCollection: Sendable {
    public var name: String
    public var documents: String?
    /// Query id and text, in file order.
    public var queries: [(id: String, text: String)]
    /// Query id → document id → relevance grade.
    public var qrels: [String: [String: Int]]

    /// Loads `docs.jsonl`, `queries.tsv` and `qrels.txt` from a collection folder, each
    /// replaceable by an explicit path.
    public init(folder: String?, queries queriesPath: String? = nil, qrels qrelsPath: String? = nil) throws(EvaluationError) {
        name = folder.map { ($0 as NSString).lastPathComponent } ?? ((queriesPath ?? "queries") as NSString).lastPathComponent
        documents = folder.map { $0 + "/docs.jsonl" }.flatMap { FileManager.default.fileExists(atPath: $0) ? $0 : nil }
        guard let queriesFile = queriesPath ?? folder.map({ $0 + "/queries.tsv" }) else { throw .missing("queries file (--queries)") }
        guard let qrelsFile = qrelsPath ?? folder.map({ $0 + "/qrels.txt" }) else { throw .missing("qrels file (--qrels)") }
        queries = try Self.lines(queriesFile).compactMap { line in
            guard let tab = line.firstIndex(of: "\t") else { return nil }
            return (String(line[..<tab]).trimmingCharacters(in: .whitespaces), String(line[line.index(after: tab)...]))
        }
        var qrels: [String: [String: Int]] = [:]
        for (number, line) in try Self.lines(qrelsFile).enumerated() {
            let fields = line.split(whereSeparator: \.isWhitespace)
            guard fields.count >= 4, let grade = Int(fields[3]) else {
                throw .malformed(file: qrelsFile, line: number + 1, expected: "qid iteration docid relevance")
            }
            qrels[String(fields[0]), default: [:]][String(fields[2])] = grade
        }
        self.qrels = qrels
    }

    private static func lines(_ path: String) throws(EvaluationError) -> [Substring] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw .unreadable(path) }
        return text.split(whereSeparator: \.isNewline).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
    }

    /// Turns a natural-language request into query-language words: punctuation and
    /// operator characters are dropped and text is lowercased, so that `AND` or a
    /// stray quote in a request is just text.
    public static func keywords(_ text: String) -> String {
        let cleaned = text.lowercased().unicodeScalars.map { scalar -> Character in
            scalar.properties.isAlphabetic || scalar.properties.numericType != nil || scalar == "'" || scalar == "’" ? Character(scalar) : " "
        }
        return String(cleaned).split(separator: " ").joined(separator: " ")
    }
}

/// Why an evaluation could not run.
public enum EvaluationError: Error, CustomStringConvertible {
    case missing(String)
    case unreadable(String)
    case malformed(file: String, line: Int, expected: String)
    case noDocuments(String)

    public var description: String {
        switch self {
        case .missing(let what): "no \(what): give a collection folder or the file"
        case .unreadable(let path): "cannot read \(path)"
        case let .malformed(file, line, expected): "\(file):\(line): expected `\(expected)`"
        case .noDocuments(let folder): "\(folder) has no docs.jsonl to index: give --index with an existing index"
        }
    }
}
