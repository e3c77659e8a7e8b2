import Foundation
import NewsSearch
import NewsSearchTools

/// `bench --peer tantivy`: the peer engine's latencies on the same sections and query
/// forms, measured by `Benchmarks/peers/run.sh` in the same run as ours, and the
/// ratios ours/peer per form.
///
/// The script exports the index's sections into tantivy once (reused while the index
/// file is unchanged) and times `searcher.search(query, k, count=False)` on one thread
/// (see `Benchmarks/peers/README.md`). Our `keyword` form (`--any`) is its `or`.
struct PeerBenchmark {
    /// One form's latencies as the peer script reports them.
    struct FormFigures: Codable, Sendable {
        var p50_ms: Double
        var p99_ms: Double
        var queries: Int?
    }

    /// What the command adds to the bench report: `peer.tantivy.{and,or,phrase}` and
    /// `ratio_vs_peer.{and,or,phrase}`.
    struct Comparison: Encodable {
        var peer: [String: [String: FormFigures]]
        var ratio_vs_peer: [String: LatencyRatio]
        var peer_index: [String: JSONValue]?
    }

    var script: String
    var indexPath: String
    var queries: String
    var forms: [BenchmarkQuery.Form]
    var runs: Int
    var warmup: Int
    var limit: Int
    var maxQueries: Int?
    var scratch: String

    /// The peer's name for our form.
    static func peerForm(_ form: BenchmarkQuery.Form) -> String { form == .keyword ? "or" : form.rawValue }

    /// Runs the peer script and returns its figures per peer form.
    func run() throws -> (forms: [String: FormFigures], index: [String: JSONValue]?) {
        guard FileManager.default.isExecutableFile(atPath: script) else {
            throw CommandError("the peer script \(script) is missing: run bench from the repository root, or give --peer-script PATH")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: script)
        process.arguments = ["bench", "--index", indexPath, "--queries", queries,
                             "--forms", forms.map(Self.peerForm).joined(separator: ","),
                             "--runs", String(runs), "--warmup", String(warmup), "--limit", String(limit),
                             "--scratch", scratch] + (maxQueries.map { ["--max-queries", String($0)] } ?? [])
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CommandError("the tantivy peer failed: \(message.split(separator: "\n").last.map(String.init) ?? "exit \(process.terminationStatus)")")
        }
        struct Output: Decodable {
            var tantivy: [String: FormFigures]
            var index: [String: JSONValue]?
        }
        let decoded = try JSONDecoder().decode(Output.self, from: data)
        return (decoded.tantivy, decoded.index)
    }

    /// Ours (with snippets) over the peer, per peer form.
    static func compare(_ report: LatencyBenchmark.Report, peer: [String: FormFigures], index: [String: JSONValue]?) -> Comparison {
        var ratios: [String: LatencyRatio] = [:]
        for (form, ours) in report.by_form {
            guard let parsed = BenchmarkQuery.Form(rawValue: form), let theirs = peer[peerForm(parsed)] else { continue }
            let summary = LatencySummary(count: theirs.queries ?? 0, p50_ms: theirs.p50_ms, p90_ms: 0, p99_ms: theirs.p99_ms, max_ms: 0, qps: 0)
            ratios[peerForm(parsed)] = LatencyRatio(ours.ours, over: summary)
        }
        return Comparison(peer: ["tantivy": peer], ratio_vs_peer: ratios, peer_index: index)
    }

    /// The lines `bench` prints for the comparison.
    static func render(_ comparison: Comparison, report: LatencyBenchmark.Report) -> String {
        var lines = ["vs tantivy (same sections and queries; ours with snippets / tantivy, ms):"]
        for (form, ratio) in comparison.ratio_vs_peer.sorted(by: { $0.key < $1.key }) {
            let ourForm = form == "or" ? "keyword" : form
            guard let ours = report.by_form[ourForm]?.ours, let theirs = comparison.peer["tantivy"]?[form] else { continue }
            lines.append(String(format: "  %@ p50 %8.3f / %8.3f = %7.2f   p99 %8.3f / %8.3f = %7.2f",
                                QueryBenchTable.pad(form, 7), ours.p50_ms, theirs.p50_ms, ratio.p50, ours.p99_ms, theirs.p99_ms, ratio.p99))
        }
        return lines.joined(separator: "\n")
    }
}
