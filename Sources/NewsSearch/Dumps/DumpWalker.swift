import Foundation

/// Finds the dump files under a list of roots.
///
/// Directories are walked recursively in sorted order (so runs are reproducible);
/// hidden files and folders (name starting with `.`) are skipped. Symbolic links are
/// followed, but every directory is visited at most once, keyed by device and inode,
/// so a link loop cannot make the walk endless. Files whose extension is not a dump
/// extension (``DumpFormat/knownExtensions``) are counted as ignored.
public struct DumpWalker: Sendable {
    /// A file found by the walk, with what `stat` said of it.
    public struct Entry: Sendable, Equatable {
        public var path: String
        public var size: Int
        /// Modification time in nanoseconds since 1970.
        public var mtimeNanoseconds: Int64
    }

    public struct Walk: Sendable {
        public var files: [Entry] = []
        public var ignored: [String] = []
        public var problems: [DumpError] = []
    }

    public init() {}

    public func walk(_ roots: [String]) -> Walk {
        var walk = Walk()
        var visited = Set<FileIdentity>()
        for root in roots {
            visit(Self.absolute(root), isRoot: true, into: &walk, visited: &visited)
        }
        return walk
    }

    static func absolute(_ path: String) -> String {
        let url = URL(fileURLWithPath: path)
        return url.standardizedFileURL.path
    }

    private struct FileIdentity: Hashable { var device: UInt64; var inode: UInt64 }

    private func visit(_ path: String, isRoot: Bool, into walk: inout Walk, visited: inout Set<FileIdentity>) {
        var info = stat()
        guard stat(path, &info) == 0 else {
            walk.problems.append(.unreadable(path: path, reason: String(cString: strerror(errno))))
            return
        }
        let kind = info.st_mode & S_IFMT
        if kind == S_IFDIR {
            guard visited.insert(FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))).inserted else { return }
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else {
                walk.problems.append(.unreadable(path: path, reason: "cannot list directory"))
                return
            }
            for name in names.sorted() where !name.hasPrefix(".") {
                visit(path + "/" + name, isRoot: false, into: &walk, visited: &visited)
            }
        } else if kind == S_IFREG {
            let ext = (path as NSString).pathExtension.lowercased()
            guard isRoot || DumpFormat.knownExtensions.contains(ext) else {
                walk.ignored.append(path)
                return
            }
            let mtime = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
            walk.files.append(Entry(path: path, size: Int(info.st_size), mtimeNanoseconds: mtime))
        } else if !isRoot {
            walk.ignored.append(path)
        }
    }
}
