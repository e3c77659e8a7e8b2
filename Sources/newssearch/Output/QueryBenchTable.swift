import Foundation
import NewsSearch
import NewsSearchTools

/// The human table of `newssearch bench --queries`.
enum QueryBenchTable {
    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    static func row(_ name: String, _ s: LatencySummary) -> String {
        pad(name, 22) + String(format: " %8.3f %8.3f %8.3f %8.3f %9.1f", s.p50_ms, s.p90_ms, s.p99_ms, s.max_ms, s.qps)
    }

    static func render(_ report: LatencyBenchmark.Report, startup: LatencySummary?) -> String {
        var lines: [String] = []
        lines.append("\(report.queries) \(report.queries == 1 ? "query" : "queries") × \(Counted.noun(report.runs, "run")) (\(report.skipped) unusable skipped)\(report.cold ? ", cold caches" : "")")
        if let note = report.cold_note { lines.append("note: \(note)") }
        lines.append(pad("arm (ms)", 22) + "      p50      p90      p99      max       qps")
        lines.append(row("ours (with snippets)", report.ours))
        lines.append(row("ours (no snippets)", report.ours_no_snippets))
        lines.append(row("FTS5 bm25() baseline", report.baseline))
        lines.append(String(format: "ratio ours/baseline: p50 %.3f, p99 %.3f", report.ratio.p50, report.ratio.p99))
        lines.append(String(format: "ratio ours-no-snippets/baseline: p50 %.3f, p99 %.3f", report.ratio_no_snippets.p50, report.ratio_no_snippets.p99))
        lines.append(String(format: "snippet overhead (with/without): p50 %.3f, p99 %.3f", report.snippet_overhead.p50, report.snippet_overhead.p99))
        lines.append("stages of ours:")
        for stage in ["parse", "match_rank", "snippets", "total"] {
            if let summary = report.stages[stage] { lines.append("  " + row(stage, summary)) }
        }
        lines.append("by query class (ours / baseline p50 ms):")
        for (name, entry) in report.by_class.sorted(by: { $0.key < $1.key }) {
            lines.append("  " + pad(name, 14) + String(format: " %5d queries  %8.3f / %8.3f  ratio p50 %.3f p99 %.3f", entry.queries,
                                entry.ours.p50_ms, entry.baseline.p50_ms, entry.ratio.p50, entry.ratio.p99))
        }
        if let startup {
            lines.append(String(format: "whole process `newssearch search` (start to exit): p50 %.1f ms, max %.1f ms", startup.p50_ms, startup.max_ms))
        }
        return lines.joined(separator: "\n")
    }
}
