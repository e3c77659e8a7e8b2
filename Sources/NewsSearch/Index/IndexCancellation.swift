import Foundation

/// A request to stop an index run early, set from another thread (a signal handler's
/// dispatch source, a test) and read by the indexer between chunks.
///
/// The run then commits the chunks already written in the open batch, skips the
/// clean-up phases (removing deleted files, merging segments, counting terms: the
/// next run does them), and returns a summary with ``IndexSummary/interrupted`` set.
/// Stopping takes at most the time to write one chunk (a few megabytes).
public final class IndexCancellation: @unchecked Sendable {
    private let lock = NSLock()
    private var requested = false

    public init() {}

    /// Asks the run to stop at the next chunk boundary.
    public func cancel() {
        lock.withLock { requested = true }
    }

    public var isCancelled: Bool {
        lock.withLock { requested }
    }
}
