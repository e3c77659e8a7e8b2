import ArgumentParser
import Foundation

/// Where `export` writes: standard output, or numbered files in a folder
/// (`export-0001.jsonl`, …), a new one before a write would pass `chunkBytes`. A write
/// is never split, so an action line and its source stay in one bulk file.
final class ExportSink {
    private let folder: String?
    private let chunkBytes: Int
    private let fileExtension: String
    private let header: String?
    private var handle: FileHandle?
    private var written = 0
    private var files = 0
    private var buffer = Data()

    init(folder: String?, chunkBytes: Int, extension fileExtension: String, header: String?) throws {
        self.folder = folder
        self.chunkBytes = chunkBytes
        self.fileExtension = fileExtension
        self.header = header
        if let folder {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } else {
            handle = FileHandle.standardOutput
            if let header { try write(header) }
        }
    }

    func write(_ text: String) throws {
        let data = Data(text.utf8)
        if folder != nil, handle == nil || (written > 0 && written + data.count > chunkBytes) { try nextFile() }
        buffer.append(data)
        written += data.count
        if buffer.count >= 1 << 16 { try flush() }
    }

    private func nextFile() throws {
        try close()
        files += 1
        let name = String(format: "export-%04d.%@", files, fileExtension)
        let path = URL(fileURLWithPath: folder!).appendingPathComponent(name).path
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        guard let file = FileHandle(forWritingAtPath: path) else {
            throw ValidationError("cannot write \(path): check that the folder is writable")
        }
        handle = file
        written = 0
        if let header {
            buffer.append(Data(header.utf8))
            written += header.utf8.count
        }
    }

    private func flush() throws {
        guard !buffer.isEmpty, let handle else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws {
        try flush()
        if folder != nil { try handle?.close() }
        handle = nil
    }

    /// One CSV row (RFC 4180: every field quoted, quotes doubled, CRLF-free newlines kept inside quotes).
    static func csvLine(_ values: [String]) -> String {
        values.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ",") + "\n"
    }

    /// A suggested OpenSearch/Elasticsearch mapping for the exported fields.
    static let mapping = """
        {
          "mappings": {
            "properties": {
              "id": {"type": "keyword"},
              "title": {"type": "text"},
              "heading": {"type": "text"},
              "text": {"type": "text"},
              "author": {"type": "text", "fields": {"raw": {"type": "keyword"}}},
              "date": {"type": "date", "format": "strict_date_time_no_millis"},
              "date_text": {"type": "keyword", "index": false},
              "source": {"type": "keyword"},
              "category": {"type": "keyword"},
              "url": {"type": "keyword", "index": false},
              "path": {"type": "keyword"}
            }
          }
        }

        """
}
