import Foundation
import Hummingbird

/// JSON responses in the one style of every `--json` output: keys sorted, slashes unescaped.
enum JSONResponse {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static let contentType = "application/json; charset=utf-8"

    /// `value` encoded as the body of a response.
    static func make<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) -> Response {
        let data = (try? encoder.encode(value)) ?? Data(#"{"error":"the response could not be encoded"}"#.utf8)
        return raw(data, status: status)
    }

    /// JSON text already encoded.
    static func raw(_ data: some Collection<UInt8>, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: contentType],
                 body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
