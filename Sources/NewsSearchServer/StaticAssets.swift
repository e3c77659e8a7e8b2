import Foundation
import Hummingbird

/// The search page's files (`Public/` in the target's resources), read once at start and
/// served from memory by exact name. Nothing else on disk is reachable: a path that is
/// not one of these names (`/../`, `%2e%2e`, a folder) is 404, and there is no listing.
struct StaticAssets: Sendable {
    struct Asset: Sendable {
        var contentType: String
        var bytes: [UInt8]
    }

    private let assets: [String: Asset]

    /// Loads every file directly in the `Public` resource folder.
    static func bundled() throws -> StaticAssets {
        guard let folder = Bundle.module.url(forResource: "Public", withExtension: nil) else {
            throw APIError(.internalServerError, "the search page's files are missing from this build of newssearch")
        }
        var assets: [String: Asset] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where !name.hasPrefix(".") {
            let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent(name)))
            assets[name] = Asset(contentType: contentType(of: name), bytes: bytes)
        }
        return StaticAssets(assets: assets)
    }

    /// The asset called `name`, if there is one.
    subscript(name: String) -> Asset? { assets[name] }

    static func contentType(of name: String) -> String {
        switch (name as NSString).pathExtension.lowercased() {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "json": "application/json; charset=utf-8"
        case "svg": "image/svg+xml"
        default: "application/octet-stream"
        }
    }

    /// The response serving `asset`.
    static func response(_ asset: Asset) -> Response {
        Response(status: .ok, headers: [.contentType: asset.contentType, .cacheControl: "no-cache"],
                 body: ResponseBody(byteBuffer: ByteBuffer(bytes: asset.bytes)))
    }
}
