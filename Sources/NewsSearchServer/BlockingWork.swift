import Dispatch
import Foundation

/// Runs the library's synchronous work (SQLite reads) on threads of its own, never on
/// Swift's cooperative pool or the server's event loops, at most `width` at a time, and
/// gives up waiting at a deadline.
///
/// The client gets ``APIError/timedOut`` (503) at the deadline. Searches are also given
/// the limit as ``SearchOptions/timeLimit``, which SQLite enforces from inside, so a
/// search past it stops and frees its thread; other work past the deadline runs to its
/// end and its result is dropped. The width bounds how many can pile up.
final class BlockingWork: Sendable {
    private let queue = DispatchQueue(label: "newssearch.server.work", attributes: .concurrent)
    private let slots: DispatchSemaphore

    init(width: Int) {
        slots = DispatchSemaphore(value: max(1, width))
    }

    /// `body`'s result, or ``APIError/timedOut`` if it has not finished `limit` from now.
    func run<T: Sendable>(limit: Duration, _ body: @escaping @Sendable () throws -> T) async throws -> T {
        let deadline = ContinuousClock.now.advanced(by: limit)
        let once = Once<Result<T, any Error>>()
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            once.onFirst { continuation.resume(with: $0) }
            let nanoseconds = max(0, Self.nanoseconds(limit))
            queue.asyncAfter(deadline: .now() + .nanoseconds(Int(min(nanoseconds, Int64(Int.max))))) {
                once.offer(.failure(APIError.timedOut))
            }
            queue.async { [slots] in
                // Waiting for a slot counts against the deadline too.
                let waited = slots.wait(timeout: .now() + .nanoseconds(Int(max(0, Self.nanoseconds(ContinuousClock.now.duration(to: deadline))))))
                guard waited == .success else { return once.offer(.failure(APIError.timedOut)) }
                defer { slots.signal() }
                guard ContinuousClock.now < deadline else { return once.offer(.failure(APIError.timedOut)) }
                let result = Result { try body() }
                // A result that came after the deadline is as late as none.
                once.offer(ContinuousClock.now <= deadline ? result : .failure(APIError.timedOut))
            }
        }
    }

    private static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}

/// Hands the first value offered to a callback, and drops the rest.
private final class Once<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var callback: ((Value) -> Void)?
    private var pending: Value?
    private var done = false

    func onFirst(_ body: @escaping (Value) -> Void) {
        lock.lock()
        if let pending, !done {
            done = true
            lock.unlock()
            body(pending)
            return
        }
        callback = body
        lock.unlock()
    }

    func offer(_ value: Value) {
        lock.lock()
        guard !done else { return lock.unlock() }
        guard let callback else {
            if pending == nil { pending = value }
            return lock.unlock()
        }
        done = true
        self.callback = nil
        lock.unlock()
        callback(value)
    }
}
