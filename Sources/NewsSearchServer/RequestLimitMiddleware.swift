import Hummingbird

/// Refuses oversized requests before any work: a request target (path and query) longer
/// than the configured bytes, or a body larger than allowed (by its `Content-Length`, or
/// as it streams in), is answered 413 with a message saying what to shorten.
struct RequestLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    var maxURLBytes: Int
    var maxBodyBytes: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let length = request.uri.string.utf8.count
        guard length <= maxURLBytes else {
            throw APIError(.contentTooLarge, "the request address is \(length) bytes, more than the \(maxURLBytes) this server accepts: shorten the query")
        }
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > maxBodyBytes {
            throw APIError(.contentTooLarge, "the request body is \(declared) bytes, more than the \(maxBodyBytes) this server accepts")
        }
        var request = request
        do {
            // The API reads no body; collecting it bounded refuses a chunked flood too.
            _ = try await request.collectBody(upTo: maxBodyBytes)
        } catch {
            throw APIError(.contentTooLarge, "the request body is more than the \(maxBodyBytes) bytes this server accepts")
        }
        return try await next(request, context)
    }
}
