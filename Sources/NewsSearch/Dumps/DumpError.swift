/// Why a dump file, or one record in it, could not be read.
///
/// Each case renders as a single line a user can act on; the indexer reports it and
/// goes on with the rest of the corpus. Paths and names from the disk are shown with
/// ``DumpError/displayed(_:)`` so that control characters never reach a terminal raw.
public enum DumpError: Error, CustomStringConvertible, Equatable, Sendable {
    case unreadable(path: String, reason: String)
    case empty(path: String)
    case binary(path: String)
    case tooLarge(path: String, bytes: Int, limit: Int)
    /// A compressed file whose decompressed size passes `--max-file-size` (a gzip bomb, or just big).
    case decompressedTooLarge(path: String, limit: Int)
    /// A gzip file that is damaged or truncated.
    case badCompression(path: String, reason: String)
    /// One record of a file; `id` is the record's own identifier (`NEWID`, JSON `id`) when known.
    case malformedRecord(path: String, record: Int, reason: String, id: String? = nil)
    case noArticles(path: String)
    /// A FIFO, socket or device: never opened for reading, so the run cannot block on it.
    case notRegularFile(path: String, kind: String)
    /// A symbolic link whose target resolves outside every indexed root (not followed without `--follow-links`).
    case linkOutsideRoots(path: String, target: String)
    /// A directory entry whose name is not valid UTF-8; `path` shows the bad bytes as `\xNN`.
    case invalidFileName(path: String)
    /// A plain-text file that does not look like an article (``ArticleShape``).
    case notAnArticle(path: String, reason: String)

    /// The message, with control characters of names from the disk escaped.
    public var description: String { Self.displayed(message) }

    private var message: String {
        switch self {
        case let .unreadable(path, reason): "\(path): cannot read file (\(reason))"
        case let .empty(path): "\(path): empty file"
        case let .binary(path): "\(path): binary content, not a text dump"
        case let .tooLarge(path, bytes, limit):
            "\(path): \(bytes) bytes is over the --max-file-size limit of \(limit) bytes"
        case let .decompressedTooLarge(path, limit):
            "\(path): decompresses to more than the --max-file-size limit of \(limit) bytes (raise --max-file-size to read it)"
        case let .badCompression(path, reason): "\(path): damaged gzip data (\(reason))"
        case let .malformedRecord(path, record, reason, id):
            "record \(record) of \(path)\(id.map { " (\($0))" } ?? ""): \(reason)"
        case let .noArticles(path): "\(path): no article found in file"
        case let .notRegularFile(path, kind): "\(path): not a regular file (\(kind))"
        case let .linkOutsideRoots(path, target):
            "\(path): symbolic link to \(target), outside the indexed folders (use --follow-links to follow it)"
        case let .invalidFileName(path): "\(path): file name is not valid UTF-8 (rename it to index it)"
        case let .notAnArticle(path, reason): "\(path): not an article (\(reason))"
        }
    }

    /// The file the problem is about.
    public var path: String {
        switch self {
        case let .unreadable(path, _), let .empty(path), let .binary(path), let .tooLarge(path, _, _),
             let .decompressedTooLarge(path, _), let .badCompression(path, _), let .malformedRecord(path, _, _, _),
             let .noArticles(path), let .notRegularFile(path, _), let .linkOutsideRoots(path, _),
             let .invalidFileName(path), let .notAnArticle(path, _):
            path
        }
    }

    /// A short reason used to group skipped files in the index summary.
    public var reasonKey: String {
        switch self {
        case let .unreadable(_, reason): "unreadable (\(reason))"
        case .empty: "empty"
        case .binary: "binary"
        case .tooLarge, .decompressedTooLarge: "too large"
        case .badCompression: "damaged gzip"
        case .malformedRecord: "malformed"
        case .noArticles: "no articles"
        case .notRegularFile: "not a regular file"
        case .linkOutsideRoots: "link outside the roots"
        case .invalidFileName: "name not UTF-8"
        case .notAnArticle: "not an article"
        }
    }

    /// `text` with control characters (C0, DEL, C1) shown as `\xNN`, for messages about names from the disk.
    public static func displayed(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                out += "\\x" + String(scalar.value, radix: 16, uppercase: false).leftPadded(to: 2)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
