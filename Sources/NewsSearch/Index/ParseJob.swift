import Foundation

/// The outcome of reading one file of a chunk.
struct ParsedFile: Sendable {
    var entry: DumpWalker.Entry
    var result: Result<DumpFile.Contents, DumpError>
}

/// Parses a chunk of files on all cores in the background; ``wait()`` returns the
/// results in the chunk's order.
final class ParseJob: @unchecked Sendable {
    private let group = DispatchGroup()
    private let lock = NSLock()
    private var results: [ParsedFile?]

    init(files: [DumpWalker.Entry], maxBytes: Int) {
        results = Array(repeating: nil, count: files.count)
        DispatchQueue.global().async(group: group) { [self] in
            DispatchQueue.concurrentPerform(iterations: files.count) { index in
                let entry = files[index]
                let result = Result { () throws(DumpError) in try DumpFile(path: entry.path, maxBytes: maxBytes).read() }
                lock.withLock { results[index] = ParsedFile(entry: entry, result: result) }
            }
        }
    }

    func wait() -> [ParsedFile] {
        group.wait()
        return lock.withLock { results.compactMap { $0 } }
    }
}
