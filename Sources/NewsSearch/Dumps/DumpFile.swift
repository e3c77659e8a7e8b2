import Foundation

/// Reads one dump file from disk into articles: size limit, binary check, decoding,
/// format detection, then the format's reader.
public struct DumpFile: Sendable {
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
        let bytes = try readBytes()
        if bytes.isEmpty || bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            throw .empty(path: path)
        }
        if TextDecoding.looksBinary(bytes) { throw .binary(path: path) }
        let (text, encoding) = TextDecoding.decode(bytes)
        let format = DumpFormat.detect(pathExtension: (path as NSString).pathExtension, text: text)
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
        return Contents(format: format, encoding: encoding, articles: articles, problems: problems,
                        contentHash: FNV1a.hash(bytes))
    }

    func readBytes() throws(DumpError) -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .unreadable(path: path, reason: FileManager.default.isReadableFile(atPath: path) ? "open failed" : "permission denied or missing")
        }
        defer { try? handle.close() }
        do {
            let data = try handle.read(upToCount: maxBytes + 1) ?? Data()
            if data.count > maxBytes {
                let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? Int
                throw DumpError.tooLarge(path: path, bytes: size ?? data.count, limit: maxBytes)
            }
            return [UInt8](data)
        } catch let error as DumpError {
            throw error
        } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
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
