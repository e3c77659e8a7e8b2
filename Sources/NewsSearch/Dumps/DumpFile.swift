import Foundation

/// Reads one dump file from disk into articles: regular-file check, size limit,
/// gzip, binary check, decoding, format detection, the article check for plain text
/// (``ArticleShape``), then the format's reader.
///
/// The file is opened with `O_NONBLOCK` and checked with `fstat` on the open
/// descriptor, so a FIFO, socket or device is refused without ever blocking, even if
/// it replaced a regular file after the walk. A `.gz` file is decompressed with zlib
/// (``Gzip``); its format comes from the name inside (`a.jsonl.gz` is JSON Lines) and
/// `maxBytes` caps the decompressed size.
///
/// Memory: the raw bytes are dropped once decoded, so a file costs about its size as
/// text plus the articles read from it (JSON arrays are parsed one object at a time,
/// ``JSONArrayScanner``). Peak RSS of `newssearch index` is about 3 times the largest
/// dump file (measured: 583 MB for a 200 MB JSON array, debug build; 1.47 GB before
/// streaming), so at most about 3 × `--max-file-size` whatever the file.
public struct DumpFile: Sendable {
    /// The version of the rules that decide what is read and how (stored in the index's
    /// `meta` as `reading_rules`). Raise it when they change so that the next index run
    /// reads every file once more instead of trusting size and mtime. Version 2: the
    /// article rule, gzip, links out of the roots, special files, title length. Version 3:
    /// publication dates, sources, categories, places, languages, mail headers.
    public static let rulesVersion = "3"

    /// The default `--max-file-size`: 256 MiB.
    public static let defaultMaxBytes = 256 << 20

    /// What reading one file produced.
    public struct Contents: Sendable {
        public var format: DumpFormat
        public var encoding: TextDecoding.Encoding
        /// Successfully read articles, with the 1-based record number within the file.
        public var articles: [(record: Int, article: Article)]
        /// Records that could not be read; the rest of the file is still used.
        public var problems: [DumpError]
        /// FNV-1a 64-bit hash of the raw bytes, for change detection.
        public var contentHash: UInt64
    }

    public let path: String
    public let maxBytes: Int

    public init(path: String, maxBytes: Int = DumpFile.defaultMaxBytes) {
        self.path = path
        self.maxBytes = maxBytes
    }

    /// Reads the file, throwing ``DumpError`` when the whole file must be skipped.
    public func read() throws(DumpError) -> Contents {
        try read(unlessHash: nil)!
    }

    /// Reads the file, or returns nil right after reading its bytes when their hash is
    /// `knownHash` (the file is unchanged since it was indexed: nothing to parse).
    public func read(unlessHash knownHash: UInt64?) throws(DumpError) -> Contents? {
        var bytes = try readBytes()
        let hash = FNV1a.hash(bytes)
        if hash == knownHash { return nil }
        let name = (path as NSString).lastPathComponent
        if DumpFormat.isCompressed(name), !bytes.isEmpty {
            switch Gzip.decompress(bytes, limit: maxBytes) {
            case .success(let inflated): bytes = inflated
            case .failure(.tooLarge): throw .decompressedTooLarge(path: path, limit: maxBytes)
            case .failure(.damaged(let reason)): throw .badCompression(path: path, reason: reason)
            }
        }
        if bytes.isEmpty || bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            throw .empty(path: path)
        }
        if TextDecoding.looksBinary(bytes) { throw .binary(path: path) }
        let (text, encoding) = TextDecoding.decode(bytes)
        bytes = []
        let format = DumpFormat.detect(pathExtension: DumpFormat.innerExtension(of: name), text: text)
        if format == .plainText, let reason = ArticleShape.rejection(name: name, text: text) {
            throw .notAnArticle(path: path, reason: reason)
        }
        var articles: [(Int, Article)] = []
        var problems: [DumpError] = []
        var record = 0
        format.reader.read(text: text, path: path) { result in
            record += 1
            switch result {
            case .success(let article): articles.append((record, article))
            case .failure(let problem): problems.append(problem)
            }
        }
        if articles.isEmpty {
            throw problems.first ?? .noArticles(path: path)
        }
        return Contents(format: format, encoding: encoding, articles: articles, problems: problems, contentHash: hash)
    }

    /// The file's bytes, read from a descriptor that is known to be a regular file.
    func readBytes() throws(DumpError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw .unreadable(path: path, reason: Self.errorText(errno)) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw .unreadable(path: path, reason: Self.errorText(errno)) }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw .notRegularFile(path: path, kind: DumpWalker.kindName(info.st_mode & S_IFMT))
        }
        let size = Int(info.st_size)
        if size > maxBytes { throw .tooLarge(path: path, bytes: size, limit: maxBytes) }
        var bytes = [UInt8](repeating: 0, count: size)
        var filled = 0
        while filled < size {
            let count = bytes.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress! + filled, size - filled) }
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw .unreadable(path: path, reason: Self.errorText(errno))
            }
            if count == 0 { break }
            filled += count
        }
        if filled < size { bytes.removeLast(size - filled) }
        return bytes
    }

    /// `strerror` in lower case, as it reads inside a sentence (`permission denied`).
    static func errorText(_ code: Int32) -> String {
        String(cString: strerror(code)).lowercased()
    }
}

/// The 64-bit FNV-1a hash: tiny, fast, and plenty to tell a changed file from an
/// unchanged one of the same size (it is not a cryptographic hash).
public enum FNV1a {
    public static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }
}
