import Hummingbird
import Logging

/// Turns every failure into the API's JSON error body: ``APIError`` as it is, a
/// framework error (an unknown route: 404, a wrong method: 405) with its status and a
/// plain message, anything else as a 500 that names no internals (it is logged).
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return error.response()
        } catch let error as HTTPError {
            return APIError(error.status, Self.message(for: error.status)).response()
        } catch {
            context.logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            return APIError(.internalServerError, "the server failed to answer this request (see its log)").response()
        }
    }

    static func message(for status: HTTPResponse.Status) -> String {
        switch status {
        case .notFound: "nothing here: the API is under /api/ (see /api/openapi.json) and the search page is /"
        case .methodNotAllowed: "this address only answers GET"
        default: status.reasonPhrase.isEmpty ? "request refused (\(status.code))" : status.reasonPhrase
        }
    }
}
