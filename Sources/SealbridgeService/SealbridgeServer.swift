import HTTPTypes
public import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL
import SealbridgeStore
import SealbridgeX509
import ServiceLifecycle
import UnixSignals

/// Builds and runs the Sealbridge HTTP service.
///
/// ```swift
/// let state = try ServiceState(configuration: configuration)
/// try await SealbridgeServer.run(state: state) { url in print("Sealbridge is serving on \(url)") }
/// ```
public enum SealbridgeServer {
    /// The router with every route and middleware: metrics outermost (they see the final status), then problem
    /// details, then the security headers.
    public static func router(state: ServiceState) -> Router<ServiceRequestContext> {
        let router = Router(context: ServiceRequestContext.self)
        router.add(middleware: MetricsMiddleware(metrics: state.metrics))
        let routes = Routes(state: state)
        router.add(
            middleware: ProblemMiddleware(
                bodyLimit: state.configuration.limits.maxBodyBytes,
                allowedMethods: { routes.allowedMethods(for: $0) }
            )
        )
        router.add(middleware: SecurityHeadersMiddleware())
        routes.register(on: router)
        return router
    }

    /// The application: the router on the configured address (TLS when configured), with the store running as a
    /// service beside the server.
    ///
    /// - Throws: `ConfigurationError` when the TLS files cannot be read.
    public static func application(
        state: ServiceState,
        onServerRunning: @escaping @Sendable (String) async -> Void = { _ in }
    ) throws -> some ApplicationProtocol {
        let configuration = state.configuration
        let scheme = configuration.tls == nil ? "http" : "https"
        let server: HTTPServerBuilder
        if let tls = configuration.tls {
            do {
                let certificates = try NIOSSLCertificate.fromPEMFile(tls.certificate).map {
                    NIOSSLCertificateSource.certificate($0)
                }
                let key = try NIOSSLPrivateKey(file: tls.key, format: .pem)
                let tlsConfiguration = TLSConfiguration.makeServerConfiguration(
                    certificateChain: certificates,
                    privateKey: .privateKey(key)
                )
                server = try .tls(.http1(), tlsConfiguration: tlsConfiguration)
            } catch {
                throw ConfigurationError(
                    "cannot use the TLS certificate \(tls.certificate) and key \(tls.key): \(userFacingDescription(of: error))"
                )
            }
        } else {
            server = .http1()
        }
        let store = state.store
        let logger = state.logger
        var application = Application(
            router: router(state: state),
            server: server,
            configuration: .init(
                address: .hostname(configuration.host, port: configuration.port),
                serverName: "Sealbridge"
            ),
            services: [store],
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? configuration.port
                let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
                await onServerRunning("\(scheme)://\(host):\(port)/")
            },
            logger: logger
        )
        application.beforeServerStarts {
            try await store.migrate()
        }
        return application
    }

    /// Runs the service until SIGINT or SIGTERM, then shuts down gracefully (in-flight requests finish).
    ///
    /// - Throws: what start-up throws (a store that cannot be migrated, an address in use).
    public static func run(
        state: ServiceState,
        onServerRunning: @escaping @Sendable (String) async -> Void
    ) async throws {
        let application = try application(state: state, onServerRunning: onServerRunning)
        try await application.runService(gracefulShutdownSignals: [.sigterm, .sigint])
    }
}

/// Headers every response carries: the page may load only its own files, never be framed, and never be sniffed.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = ServiceRequestContext

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response = try await next(request, context)
        if response.headers[.contentSecurityPolicy] == nil {
            response.headers[.contentSecurityPolicy] =
                "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
        }
        response.headers[.xContentTypeOptions] = "nosniff"
        if let referrerPolicy = HTTPField.Name("Referrer-Policy") { response.headers[referrerPolicy] = "no-referrer" }
        return response
    }
}
