import Foundation
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// How many validations run at once: a slot is taken before the work starts and given back when it ends; when
/// none is free the request is refused at once with 503 `overloaded` (a queue would only turn overload into
/// timeouts).
final class ConcurrencyGate: Sendable {
    let limit: Int
    private let running = Mutex(0)

    init(limit: Int) {
        self.limit = limit
    }

    /// Runs `work` in a slot, or throws 503 `overloaded`.
    func run<T: Sendable>(_ work: @Sendable () async throws -> T) async throws -> T {
        let admitted = running.withLock { count -> Bool in
            guard count < limit else { return false }
            count += 1
            return true
        }
        guard admitted else {
            throw Problem(
                .overloaded,
                "\(limit) validations are already running; retry in a moment",
                extensions: ["maxInFlight": .integer(limit)],
                headers: Problem.retryAfter(1)
            )
        }
        defer { running.withLock { $0 -= 1 } }
        return try await work()
    }

    /// Validations running now.
    var inFlight: Int { running.withLock { $0 } }
}

/// Token buckets, one per API key: `rate` requests per second sustained, `burst` at once (429 beyond).
final class RateLimiter: Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: ContinuousClock.Instant
    }

    let rate: Double
    let burst: Double
    private let buckets = Mutex([String: Bucket]())

    init(rate: Double, burst: Double) {
        self.rate = rate
        self.burst = burst
    }

    /// Takes one token for `key`, or throws 429 with the seconds until one is free.
    func admit(_ key: String, now: ContinuousClock.Instant = .now) throws {
        guard rate > 0 else { return }
        let wait = buckets.withLock { buckets -> Double? in
            var bucket = buckets[key] ?? Bucket(tokens: burst, updated: now)
            let elapsed = bucket.updated.duration(to: now)
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            bucket.tokens = min(burst, bucket.tokens + seconds * rate)
            bucket.updated = now
            defer { buckets[key] = bucket }
            guard bucket.tokens >= 1 else { return (1 - bucket.tokens) / rate }
            bucket.tokens -= 1
            return nil
        }
        if let wait {
            let seconds = max(1, Int(wait.rounded(.up)))
            throw Problem(
                .rateLimited,
                "this API key may make \(rate) requests per second (bursts of \(Int(burst))); retry in \(seconds) s",
                headers: Problem.retryAfter(seconds)
            )
        }
    }
}

/// Runs `work` with a time limit. The answer comes back at the limit even when the work cannot be interrupted
/// (a validation is CPU-bound; it runs through ``Offload`` so that the timer has a thread); the work is cancelled
/// and finishes in the background, still holding its concurrency slot so that timed-out work cannot pile up
/// beyond the gate.
func withTimeLimit<T: Sendable>(
    _ limit: Duration,
    problem: Problem,
    _ work: @escaping @Sendable () async throws -> T
) async throws -> T {
    let waiter = OnceContinuation<T>()
    return try await withCheckedThrowingContinuation { continuation in
        waiter.set(continuation)
        let worker = Task {
            let result: Result<T, any Error>
            do {
                result = .success(try await work())
            } catch {
                result = .failure(error)
            }
            waiter.take()?.resume(with: result)
        }
        // The timer runs on Dispatch, so it fires on time even while every cooperative thread is busy.
        let nanoseconds = limit.components.seconds * 1_000_000_000 + limit.components.attoseconds / 1_000_000_000
        DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(Int(clamping: nanoseconds))) {
            if let waiting = waiter.take() {
                worker.cancel()
                waiting.resume(throwing: problem)
            }
        }
    }
}

/// CPU-bound work (a validation) runs on Dispatch's threads, not on Swift's cooperative pool, which has one thread
/// per core: were both busy validating, no timer could fire and no other request could be answered. The
/// ``ConcurrencyGate`` bounds how many run at once.
enum Offload {
    static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                continuation.resume(with: Result { try work() })
            }
        }
    }
}

/// A continuation resumed once, by whichever side comes first.
private final class OnceContinuation<T: Sendable>: Sendable {
    private let continuation = Mutex<CheckedContinuation<T, any Error>?>(nil)

    func set(_ value: CheckedContinuation<T, any Error>) {
        continuation.withLock { $0 = value }
    }

    func take() -> CheckedContinuation<T, any Error>? {
        continuation.withLock { $0.take() }
    }
}

/// Reading request bodies within the limits.
enum BodyReader {
    /// The whole body, refusing it by its Content-Length before reading when that is over `limit`, and while
    /// reading once `limit` bytes have come; 408 when it takes longer than `timeout` to arrive.
    static func collect(_ request: Request, limit: Int, timeout: Duration) async throws -> ByteBuffer {
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > limit {
            throw Problem.bodyTooLarge(limit: limit)
        }
        let body = request.body
        return try await withTimeLimit(
            timeout,
            problem: Problem(
                .requestTimeout,
                "the request body did not arrive within \(timeout); send it faster or in a smaller piece"
            )
        ) {
            do {
                return try await body.collect(upTo: limit)
            } catch is NIOTooManyBytesError {
                throw Problem.bodyTooLarge(limit: limit)
            }
        }
    }
}
