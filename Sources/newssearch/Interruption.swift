import ArgumentParser
import Dispatch
import Foundation
import NewsSearch

/// Ctrl-C and SIGTERM during an index run: the first one asks the run to stop at the
/// next chunk (``IndexCancellation``), so that what is complete is committed and
/// reported; a second one ends the process at once (SQLite's journal keeps the index
/// sound either way).
final class Interruption {
    let cancellation = IndexCancellation()
    private let received = Received()
    private let sources: [any DispatchSourceSignal]

    /// Starts catching SIGINT and SIGTERM for the rest of the process.
    init() {
        var sources: [any DispatchSourceSignal] = []
        for number in [SIGINT, SIGTERM] {
            Glibc.signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [cancellation, received] in
                if received.record(number) > 1 { exit(Self.exitCode(for: number)) }
                cancellation.cancel()
            }
            source.resume()
            sources.append(source)
        }
        self.sources = sources
    }

    /// The signal that interrupted the run, if one did.
    var caught: Int32? { received.first }

    /// After a run: if a signal stopped it, says what was kept and ends the process
    /// with the signal's exit code.
    static func exitIfInterrupted(_ summary: IndexSummary, _ interruption: Interruption) throws {
        guard summary.interrupted, let signal = interruption.caught else { return }
        tell(summary)
        throw ExitCode(exitCode(for: signal))
    }

    /// The shell's convention: 128 + the signal number (130 for SIGINT, 143 for SIGTERM).
    static func exitCode(for signal: Int32) -> Int32 { 128 + signal }

    /// Tells the user what an interrupted run kept, on standard error.
    static func tell(_ summary: IndexSummary) {
        let kept = "\(summary.filesIndexed) file\(summary.filesIndexed == 1 ? "" : "s") (\(summary.articles) article\(summary.articles == 1 ? "" : "s"))"
        report("interrupted: \(kept) committed and kept; \(summary.filesNotReached) not reached: run the same command again to continue")
    }

    private final class Received: @unchecked Sendable {
        private let lock = NSLock()
        private var signals: [Int32] = []

        func record(_ number: Int32) -> Int { lock.withLock { signals.append(number); return signals.count } }
        var first: Int32? { lock.withLock { signals.first } }
    }
}
