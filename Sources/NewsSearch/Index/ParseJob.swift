import Foundation

/// The outcome of reading one file of a chunk.
struct ParsedFile: Sendable {
    var entry: DumpWalker.Entry
    var result: Result<DumpFile.Contents, DumpError>
}

/// Parses a chunk of files in the background on all cores but one (which the index
/// writer keeps busy); ``wait()`` returns the results in the chunk's order.
final class ParseJob: @unchecked Sendable {
    private let group = DispatchGroup()
    private let lock = NSLock()
    private var results: [ParsedFile?]

    init(files: [DumpWalker.Entry], maxBytes: Int) {
        results = Array(repeating: nil, count: files.count)
        let workers = max(1, min(files.count, ProcessInfo.processInfo.activeProcessorCount - 1))
        let next = ManagedCounter()
        for _ in 0..<workers {
            DispatchQueue.global().async(group: group) { [self] in
                while let index = next.take(below: files.count) {
                let entry = files[index]
                let result = Result { () throws(DumpError) in try DumpFile(path: entry.path, maxBytes: maxBytes).read() }
                lock.withLock { results[index] = ParsedFile(entry: entry, result: result) }
                }
            }
        }
    }

    func wait() -> [ParsedFile] {
        group.wait()
        return lock.withLock { results.compactMap { $0 } }
    }
}

/// A thread-safe counter handing out the next index to parse.
private final class ManagedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func take(below limit: Int) -> Int? {
        lock.withLock {
            guard value < limit else { return nil }
            defer { value += 1 }
            return value
        }
    }
}
