import CZlib
import Foundation

/// Decompresses gzip data (`.gz` dumps) with the system zlib, never producing more
/// than a given number of bytes: the decompressed size, not the file size, is what
/// `--max-file-size` limits, so a gzip bomb (a few KB that inflate to gigabytes) is
/// refused after `limit + 1` bytes, with bounded memory. Concatenated gzip members
/// (as `cat a.gz b.gz` makes) are read one after the other.
enum Gzip {
    /// Why gzip data could not be decompressed.
    enum Failure: Error, Equatable {
        case tooLarge
        case damaged(String)
    }

    static func decompress(_ compressed: [UInt8], limit: Int) -> Result<[UInt8], Failure> {
        var stream = z_stream()
        // 15 + 16: a gzip header and trailer, the largest window.
        guard inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            return .failure(.damaged("zlib could not start"))
        }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        return compressed.withUnsafeBufferPointer { input -> Result<[UInt8], Failure> in
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
            stream.avail_in = uInt(input.count)
            while true {
                let status = buffer.withUnsafeMutableBufferPointer { out -> Int32 in
                    stream.next_out = out.baseAddress
                    stream.avail_out = uInt(out.count)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                let produced = buffer.count - Int(stream.avail_out)
                if output.count + produced > limit { return .failure(.tooLarge) }
                output.append(contentsOf: buffer[0..<produced])
                switch status {
                case Z_STREAM_END:
                    // Another member may follow.
                    guard stream.avail_in > 0 else { return .success(output) }
                    guard inflateReset(&stream) == Z_OK else { return .failure(.damaged("bad member")) }
                case Z_OK:
                    continue
                case Z_BUF_ERROR where stream.avail_in == 0:
                    return .failure(.damaged("the file is truncated"))
                default:
                    let message = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                    return .failure(.damaged(message))
                }
            }
        }
    }
}
