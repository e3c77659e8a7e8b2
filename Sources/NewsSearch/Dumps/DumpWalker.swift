import Foundation

/// Finds the dump files under a list of roots.
///
/// Rules of the walk:
/// - Directories are walked recursively in sorted order (so runs are reproducible);
///   hidden files and folders (name starting with `.`) are skipped.
/// - Symbolic links are followed only when their target (resolved with realpath(3))
///   lies inside one of the roots being indexed, so `ln -s /etc dumps/etc` never makes
///   `/etc/shadow` searchable; ``Options/followLinks`` (`--follow-links`) follows every
///   link. Every directory is visited at most once, keyed by device and inode, so a link
///   loop cannot make the walk endless. A root given on the command line is always used.
/// - Only regular files are ever read: FIFOs, sockets and devices are reported as
///   skipped (`not a regular file (FIFO)`) and never opened.
/// - A name that is not valid UTF-8 is reported as skipped, shown with `\xNN` escapes
///   (paths are stored and printed as text, so such a file could not be named later).
/// - ``PathFilter`` rules (`--exclude`, `--include`, the root's `.newssearchignore`)
///   leave files and folders out; they count as ignored.
/// - Files whose extension is not a dump extension (``DumpFormat/isDumpName(_:)``)
///   are counted as ignored. A file named as a root is read whatever its extension.
public struct DumpWalker: Sendable {
    /// A file found by the walk, with what `stat` said of it.
    public struct Entry: Sendable, Equatable {
        public var path: String
        public var size: Int
        /// Modification time in nanoseconds since 1970.
        public var mtimeNanoseconds: Int64
    }

    /// How to walk.
    public struct Options: Sendable {
        /// `--exclude` / `--include` rules; each root's `.newssearchignore` is added in front of the excludes.
        public var filter = PathFilter()
        /// Follow symbolic links wherever they lead (`--follow-links`).
        public var followLinks = false
        public init() {}
    }

    public struct Walk: Sendable {
        public var files: [Entry] = []
        /// Files left alone: not a dump extension, or excluded by a rule.
        public var ignored: [String] = []
        /// Entries that were seen but cannot be read, each with its reason.
        public var problems: [DumpError] = []
    }

    public let options: Options

    public init(options: Options = Options()) {
        self.options = options
    }

    public func walk(_ roots: [String]) -> Walk {
        var walk = Walk()
        var visited = Set<FileIdentity>()
        let resolvedRoots = roots.compactMap { Self.resolved(Self.absolute($0)) }
        for root in roots {
            let path = Self.absolute(root)
            var filter = options.filter
            filter.excludes = PathFilter.ignoreFilePatterns(inRoot: path) + filter.excludes
            let context = Context(root: path, filter: filter, resolvedRoots: resolvedRoots)
            visit(path, relative: "", context: context, into: &walk, visited: &visited)
        }
        return walk
    }

    /// `path` made absolute and standardised, as the index stores dump paths.
    public static func absolute(_ path: String) -> String {
        let url = URL(fileURLWithPath: path)
        return url.standardizedFileURL.path
    }

    /// The canonical path of `path` (links resolved), or nil if it does not exist.
    static func resolved(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }

    private struct FileIdentity: Hashable { var device: UInt64; var inode: UInt64 }

    private struct Context {
        var root: String
        var filter: PathFilter
        var resolvedRoots: [String]

        func isInsideRoots(_ target: String) -> Bool {
            resolvedRoots.contains { root in
                root == "/" || target == root || target.hasPrefix(root + "/")
            }
        }
    }

    private func visit(_ path: String, relative: String, context: Context, into walk: inout Walk,
                       visited: inout Set<FileIdentity>) {
        let isRoot = relative.isEmpty
        var info = stat()
        guard lstat(path, &info) == 0 else {
            walk.problems.append(.unreadable(path: path, reason: String(cString: strerror(errno))))
            return
        }
        if info.st_mode & S_IFMT == S_IFLNK {
            guard let target = Self.resolved(path), stat(path, &info) == 0 else {
                walk.problems.append(.unreadable(path: path, reason: "broken symbolic link"))
                return
            }
            if !isRoot, !options.followLinks, !context.isInsideRoots(target) {
                walk.problems.append(.linkOutsideRoots(path: path, target: target))
                return
            }
        }
        let kind = info.st_mode & S_IFMT
        if kind == S_IFDIR {
            if !isRoot, context.filter.excludes(relative, isDirectory: true) { return }
            guard visited.insert(FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))).inserted else { return }
            guard let names = Self.entries(of: path, into: &walk) else { return }
            for name in names where !name.hasPrefix(".") {
                visit(path + "/" + name, relative: isRoot ? name : relative + "/" + name, context: context,
                      into: &walk, visited: &visited)
            }
        } else if kind == S_IFREG {
            if !isRoot {
                guard DumpFormat.isDumpName((path as NSString).lastPathComponent),
                      !context.filter.excludes(relative, isDirectory: false) else {
                    walk.ignored.append(path)
                    return
                }
            }
            let mtime = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
            walk.files.append(Entry(path: path, size: Int(info.st_size), mtimeNanoseconds: mtime))
        } else {
            walk.problems.append(.notRegularFile(path: path, kind: Self.kindName(kind)))
        }
    }

    /// The names in a directory, sorted, read as raw bytes so that a name that is not
    /// UTF-8 is reported (with escapes) rather than mangled into a path that does not exist.
    private static func entries(of directory: String, into walk: inout Walk) -> [String]? {
        guard let handle = opendir(directory) else {
            walk.problems.append(.unreadable(path: directory, reason: "cannot list directory: \(String(cString: strerror(errno)))"))
            return nil
        }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let bytes = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            if bytes == [0x2E] || bytes == [0x2E, 0x2E] { continue }
            if let name = String(validating: bytes, as: UTF8.self) {
                names.append(name)
            } else if bytes.first != 0x2E {
                walk.problems.append(.invalidFileName(path: directory + "/" + escaped(bytes)))
            }
        }
        return names.sorted()
    }

    /// Bytes shown as text: printable ASCII as it is, every other byte as `\xNN`.
    static func escaped(_ bytes: [UInt8]) -> String {
        bytes.map { byte in
            (0x20..<0x7F).contains(byte) && byte != 0x5C
                ? String(UnicodeScalar(byte)) : "\\x" + String(byte, radix: 16).leftPadded(to: 2)
        }.joined()
    }

    static func kindName(_ kind: mode_t) -> String {
        switch kind {
        case S_IFIFO: "FIFO"
        case S_IFSOCK: "socket"
        case S_IFCHR: "character device"
        case S_IFBLK: "block device"
        default: "special file"
        }
    }
}
