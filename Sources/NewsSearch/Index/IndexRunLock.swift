import Foundation

/// An exclusive lock on one index for a writing run (`index`, `rebuild`, `optimize`),
/// held from acquisition until the value is released or the process ends.
///
/// It is an advisory `flock` on a file beside the index (`index.db.lock`) that holds
/// the owner's pid. The kernel drops the lock when the process dies, even by
/// `kill -9`, so a stale lock file never blocks a later run; a second writer learns at
/// once which process is writing, instead of failing half-way on a constraint.
public final class IndexRunLock: Sendable {
    private let descriptor: Int32
    /// The lock file's path.
    public let path: String

    /// Takes the lock for the index at `indexPath`, or throws
    /// ``IndexError/runInProgress(path:pid:)`` if another process holds it.
    public init(indexPath: String) throws(IndexError) {
        path = indexPath + ".lock"
        let folder = (indexPath as NSString).deletingLastPathComponent
        if !folder.isEmpty { try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            if errno == EROFS || errno == EACCES { throw .readOnly(path: indexPath) }
            throw .cannotOpen(path: indexPath, reason: "cannot create the lock file \(path)")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let owner = Self.readPID(fd)
            close(fd)
            throw .runInProgress(path: indexPath, pid: owner)
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        descriptor = fd
    }

    deinit {
        _ = ftruncate(descriptor, 0)
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    private static func readPID(_ fd: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        return Int32(String(decoding: buffer[0..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
