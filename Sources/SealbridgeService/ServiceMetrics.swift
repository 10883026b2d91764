import Hummingbird
import Logging
import Prometheus

/// The service's Prometheus metrics, in a registry of its own (so that tests can run several services in one
/// process; `sealbridge serve` has exactly one).
struct ServiceMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    private let timeStamps: Counter
    private let inFlight: Gauge

    private static let latencyBuckets: [Duration] = [
        .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
        .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
        .seconds(1), .seconds(2.5), .seconds(5), .seconds(10),
    ]

    init() {
        timeStamps = registry.makeCounter(
            descriptor: .init(
                namespace: "sealbridge",
                metricName: "timestamps_issued",
                unitName: "total",
                helpText: "RFC 3161 time-stamp tokens issued and recorded"
            )
        )
        inFlight = registry.makeGauge(
            descriptor: .init(
                namespace: "sealbridge",
                metricName: "validations_in_flight",
                unitName: "count",
                helpText: "Validations running now"
            )
        )
    }

    /// Counts a finished request and records its latency, by route template (never the raw path, whose ids
    /// would make a series per request).
    func requestFinished(route: String, method: String, status: Int, duration: Duration) {
        registry.makeCounter(
            descriptor: .init(
                namespace: "sealbridge",
                metricName: "http_requests",
                unitName: "total",
                helpText: "HTTP requests by route, method and status"
            ),
            labels: [("route", route), ("method", method), ("status", String(status))]
        ).increment()
        registry.makeDurationHistogram(
            descriptor: .init(
                namespace: "sealbridge",
                metricName: "http_request_duration",
                unitName: "seconds",
                helpText: "HTTP request latency by route"
            ),
            labels: [("route", route)],
            buckets: Self.latencyBuckets
        ).record(duration)
    }

    /// Counts a validation by its indication.
    func validationFinished(indication: String) {
        registry.makeCounter(
            descriptor: .init(
                namespace: "sealbridge",
                metricName: "validations",
                unitName: "total",
                helpText: "Validations by EN 319 102-1 indication"
            ),
            labels: [("indication", indication)]
        ).increment()
    }

    func timeStampIssued() { timeStamps.increment() }

    func validationStarted() { inFlight.increment() }

    func validationEnded() { inFlight.decrement() }

    /// The exposition text.
    var text: [UInt8] { registry.emitToBuffer() }
}

/// Measures every request for ``ServiceMetrics``.
struct MetricsMiddleware: RouterMiddleware {
    typealias Context = ServiceRequestContext
    let metrics: ServiceMetrics

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let started = ContinuousClock.now
        let response = try await next(request, context)
        let route = context.endpointPath ?? "unmatched"
        metrics.requestFinished(
            route: route,
            method: request.method.rawValue,
            status: Int(response.status.code),
            duration: started.duration(to: .now)
        )
        return response
    }
}
