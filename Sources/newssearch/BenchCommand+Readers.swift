import ArgumentParser
import Foundation
import NewsSearch
import NewsSearchTools

extension BenchCommand {
    /// `bench --queries FILE --readers-during-index DIR...`: searches from several
    /// readers on an idle index, then while an index run writes into it, once per batch
    /// size, each on a fresh copy of the index (``ConcurrentReadBenchmark``).
    func runReadersDuringIndex(file: String) throws {
        let (_, queries) = try readQueries(file: file)
        guard let executable = Bundle.main.executablePath else { throw fail(ValidationError("cannot find the newssearch executable")) }
        let sizes = batchSizes.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard !sizes.isEmpty, !queries.isEmpty else { throw ValidationError("--batch-sizes and the query file must not be empty") }
        var reports: [ConcurrentReadBenchmark.Report] = []
        for size in sizes {
            let copy = scratch + "/readers-during-index.db"
            do {
                try ConcurrentReadBenchmark.copy(index: location.path, to: copy)
            } catch {
                throw fail(ValidationError("cannot copy \(location.path) to \(copy): \(error)"))
            }
            var options = ConcurrentReadBenchmark.Options(executable: executable, roots: readersDuringIndex)
            options.readers = readers
            options.limit = limit
            options.batchMegabytes = size > 0 ? size : nil
            let report = try ConcurrentReadBenchmark(indexPath: copy, options: options).run(queries)
            reports.append(report)
            if !json { print(Self.describe(report)) }
        }
        if json { try emit(reports) }
    }

    static func describe(_ report: ConcurrentReadBenchmark.Report) -> String {
        let batch = report.batch_mb.map { String(format: "--batch-size %g", $0) } ?? "default batch size"
        var lines = [String(format: "%d readers, index run with %@ (%.1f s, exit %d):", report.readers, batch,
                            report.index_seconds, report.index_exit_code)]
        for (name, summary) in [("idle index", report.idle), ("during index", report.during_index),
                                ("open, idle", report.idle_open), ("open, during", report.during_index_open)] {
            lines.append(String(format: "  %@  %6d searches  p50 %7.3f ms  p99 %8.3f ms  max %8.3f ms",
                                name.padding(toLength: 12, withPad: " ", startingAt: 0), summary.count,
                                summary.p50_ms, summary.p99_ms, summary.max_ms))
        }
        lines.append(String(format: "  during/idle: p50 %.2f, p99 %.2f, max %.2f; errors: %d%@", report.ratio.p50, report.ratio.p99,
                            report.max_ratio, report.errors, report.first_error.map { " (first: \($0))" } ?? ""))
        return lines.joined(separator: "\n")
    }
}
