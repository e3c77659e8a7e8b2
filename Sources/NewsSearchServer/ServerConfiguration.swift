import Foundation

/// How `newssearch serve` runs: where it listens, which index it serves, and the limits
/// that keep one request from hurting the others.
public struct ServerConfiguration: Sendable {
    /// The address to bind; loopback unless the user asks for another.
    public var host = "127.0.0.1"
    /// The TCP port; 0 lets the system pick a free one (tests).
    public var port = 8080
    /// The index file to serve (opened read-only).
    public var indexPath: String
    /// Longest request target (path and query string) accepted, in bytes; longer is 413.
    public var maxURLBytes = 16 * 1024
    /// Largest request body accepted, in bytes; the API reads none, so this is small. Larger is 413.
    public var maxBodyBytes = 16 * 1024
    /// How long one API request may take before it is answered with 503.
    public var requestTimeLimit: Duration = .seconds(5)
    /// Searches running at once on the read pool; more wait their turn (within the time limit).
    public var maxConcurrentSearches = max(2, ProcessInfo.processInfo.activeProcessorCount * 2)

    /// Log server errors (to standard error); tests that stop servers by cancelling turn it off.
    public var logsErrors = true

    public init(indexPath: String) {
        self.indexPath = indexPath
    }
}
