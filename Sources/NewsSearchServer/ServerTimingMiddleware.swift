import Foundation
import HTTPTypes
import Hummingbird

extension HTTPField.Name {
    /// `Server-Timing` (W3C): how long the server spent, shown in browsers' developer tools.
    static let serverTiming = HTTPField.Name("Server-Timing")!
}

/// Adds `Server-Timing: …, total;dur=MS` to every response: the stages a handler
/// reported (a search's parse, rank, snippets), then the whole request.
struct ServerTimingMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        var response = try await next(request, context)
        let total = ServerTiming.milliseconds(start.duration(to: .now))
        let stages = response.headers[.serverTiming].map { $0 + ", " } ?? ""
        response.headers[.serverTiming] = stages + "total;dur=" + total
        return response
    }
}

/// Durations as `Server-Timing` writes them: milliseconds with three decimals.
enum ServerTiming {
    static func milliseconds(_ duration: Duration) -> String {
        milliseconds(seconds: Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
    }

    static func milliseconds(seconds: Double) -> String {
        String(format: "%.3f", seconds * 1000)
    }
}
