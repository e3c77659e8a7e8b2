import ArgumentParser
import Dispatch
import Foundation
import NewsSearch
import NewsSearchServer

/// `newssearch serve`: the JSON API and the search page (NewsSearchServer does the work).
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Serve a search page and a JSON API over an index.",
        discussion: """
            Opens the index read-only and answers on http://HOST:PORT/: the search page at /, the API under \
            /api/ (search, articles/ID, timeline, stats; described at /api/openapi.json). Binds to loopback \
            unless --host says otherwise. An `index` run in another process may update the index meanwhile: \
            searches see its commits, and a replaced index file is re-opened. Ctrl-C or SIGTERM stops \
            accepting connections and finishes the requests in flight.

            Examples:
              newssearch serve
              newssearch serve --index /tmp/bbc.db --port 9000
            """)

    @OptionGroup var location: IndexLocation

    @Option(help: "Address to listen on (loopback by default; 0.0.0.0 exposes the index to the network).")
    var host = "127.0.0.1"
    @Option(help: "TCP port (0 picks a free one).") var port = 8080
    @Option(help: "Seconds one API request may take before it is answered 503.") var timeLimit = 5.0

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
        guard timeLimit > 0, timeLimit <= 600 else { throw ValidationError("--time-limit must be more than 0 and at most 600 seconds") }
    }

    func run() throws {
        HeapTuning.keepLargeBuffers()
        var configuration = ServerConfiguration(indexPath: location.path)
        configuration.host = host
        configuration.port = port
        configuration.requestTimeLimit = .milliseconds(Int(timeLimit * 1000))
        let server: NewsServer
        do {
            server = try NewsServer(configuration: configuration)
        } catch {
            throw fail(error)
        }
        let outcome = Outcome()
        let finished = DispatchSemaphore(value: 0)
        let shown = host.contains(":") ? "[\(host)]" : host
        let path = location.path
        Task {
            do {
                try await server.run { port in
                    let line = "newssearch: serving \(TerminalText.sanitised(path)) at http://\(shown):\(port)/ (Ctrl-C stops)\n"
                    FileHandle.standardOutput.write(Data(line.utf8))
                }
            } catch {
                outcome.failure = "cannot serve on \(shown):\(port): \(error)"
            }
            finished.signal()
        }
        finished.wait()
        if let failure = outcome.failure {
            report(failure)
            throw ExitCode(1)
        }
    }
}

/// How the server task ended, read once it has.
private final class Outcome: @unchecked Sendable {
    var failure: String?
}
