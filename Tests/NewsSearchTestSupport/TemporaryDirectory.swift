import Foundation

/// A temporary directory for one test, removed with everything in it when the value is
/// deinitialised.
package final class TemporaryDirectory: Sendable {
    package let path: String

    package init() {
        path = NSTemporaryDirectory() + "newssearch-tests-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Writes `contents` to `name` (folders created) and returns the full path.
    @discardableResult
    package func write(_ name: String, _ contents: String) -> String {
        write(name, bytes: Array(contents.utf8))
    }

    /// Writes `bytes` to `name` (folders created) and returns the full path.
    @discardableResult
    package func write(_ name: String, bytes: [UInt8]) -> String {
        let full = path + "/" + name
        try? FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: full, contents: Data(bytes))
        return full
    }

    /// Where the tests put this directory's index.
    package var indexPath: String { path + "/index.db" }
}
