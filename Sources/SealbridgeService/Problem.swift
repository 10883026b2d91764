import Foundation
public import Hummingbird
import Logging
import NIOCore

/// An RFC 9457 problem: every error the service answers with, as `application/problem+json`, with a stable
/// `type` per kind of error (the list is in the OpenAPI spec and ``Problem/Kind``).
public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kinds of problem; each has one status and one `type` URI that never changes.
    public enum Kind: String, Sendable, CaseIterable {
        case badRequest = "bad-request"
        case unauthorized
        case forbidden
        case notFound = "not-found"
        case methodNotAllowed = "method-not-allowed"
        case requestTimeout = "request-timeout"
        case bodyTooLarge = "body-too-large"
        case unsupportedMediaType = "unsupported-media-type"
        case invalidInput = "invalid-input"
        case rateLimited = "rate-limited"
        case internalError = "internal"
        case notConfigured = "not-configured"
        case timeout
        case overloaded
        case storeUnavailable = "store-unavailable"

        /// The HTTP status.
        public var status: HTTPResponse.Status {
            switch self {
            case .badRequest: .badRequest
            case .unauthorized: .unauthorized
            case .forbidden: .forbidden
            case .notFound: .notFound
            case .methodNotAllowed: .methodNotAllowed
            case .requestTimeout: .requestTimeout
            case .bodyTooLarge: .contentTooLarge
            case .unsupportedMediaType: .unsupportedMediaType
            case .invalidInput: .unprocessableContent
            case .rateLimited: .tooManyRequests
            case .internalError: .internalServerError
            case .notConfigured: .notImplemented
            case .timeout, .overloaded, .storeUnavailable: .serviceUnavailable
            }
        }

        /// A short title that does not change between occurrences (RFC 9457 §3.1.4).
        public var title: String {
            switch self {
            case .badRequest: "Malformed request"
            case .unauthorized: "Authentication required"
            case .forbidden: "The API key lacks the scope this needs"
            case .notFound: "Not found"
            case .methodNotAllowed: "Method not allowed"
            case .requestTimeout: "The request body arrived too slowly"
            case .bodyTooLarge: "Request body too large"
            case .unsupportedMediaType: "Unsupported media type"
            case .invalidInput: "Input cannot be processed"
            case .rateLimited: "Too many requests"
            case .internalError: "Internal server error"
            case .notConfigured: "Not configured on this server"
            case .timeout: "The request took longer than its time limit"
            case .overloaded: "Too many validations in flight"
            case .storeUnavailable: "The evidence store is unavailable"
            }
        }

        /// The `type` URI.
        public var type: String { Problem.typeBase + rawValue }
    }

    /// Where the problem types live.
    public static let typeBase = "https://sealbridge.dev/problems/"

    /// The kind.
    public var kind: Kind
    /// What happened this time, in words a client can act on.
    public var detail: String
    /// Extension members (RFC 9457 §3.2), e.g. `limit` or `accepted`.
    public var extensions: [String: ProblemValue]
    /// Extra response headers, e.g. `Retry-After` or `WWW-Authenticate`.
    public var headers: HTTPFields

    /// Makes a problem.
    public init(
        _ kind: Kind,
        _ detail: String,
        extensions: [String: ProblemValue] = [:],
        headers: HTTPFields = [:]
    ) {
        self.kind = kind
        self.detail = detail
        self.extensions = extensions
        self.headers = headers
    }

    /// The kind and the detail, for logs.
    public var description: String { "\(kind.rawValue): \(detail)" }

    /// The problem as a response; `instance` is the request path.
    public func response(instance: String?) -> Response {
        var members: [String: ProblemValue] = extensions
        members["type"] = .string(kind.type)
        members["title"] = .string(kind.title)
        members["status"] = .integer(Int(kind.status.code))
        members["detail"] = .string(detail)
        if let instance { members["instance"] = .string(instance) }
        var headers = self.headers
        headers[.contentType] = "application/problem+json"
        let body = ProblemValue.object(members).json
        return Response(status: kind.status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// A 413 naming the limit.
    static func bodyTooLarge(limit: Int) -> Problem {
        Problem(
            .bodyTooLarge,
            "the request body is larger than this server accepts (\(limit) bytes); send a smaller file or ask the "
                + "operator to raise limits.max_body_bytes",
            extensions: ["limit": .integer(limit)]
        )
    }

    static func retryAfter(_ seconds: Int) -> HTTPFields {
        var headers = HTTPFields()
        headers[.retryAfter] = "\(seconds)"
        return headers
    }
}

/// A JSON value in a problem's extension members.
public enum ProblemValue: Sendable, Equatable, Encodable {
    case string(String)
    case integer(Int)
    case strings([String])
    indirect case object([String: ProblemValue])

    /// Encodes the bare value.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let text): try container.encode(text)
        case .integer(let value): try container.encode(value)
        case .strings(let texts): try container.encode(texts)
        case .object(let members): try container.encode(members)
        }
    }

    /// Compact JSON with sorted keys.
    var json: [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? Array(encoder.encode(self))) ?? Array(#"{"type":"about:blank"}"#.utf8)
    }
}

/// Turns every error into a problem response: ``Problem``s as they are, a body over the limit into 413, the
/// router's 404/405 into problems, anything else into a 500 whose details go to the log, never to the client.
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    let bodyLimit: Int
    /// The methods that some route answers on a path (for 405 rather than 404).
    let allowedMethods: @Sendable (String) -> [String]

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let problem as Problem {
            return problem.response(instance: request.uri.path)
        } catch is NIOTooManyBytesError {
            return Problem.bodyTooLarge(limit: bodyLimit).response(instance: request.uri.path)
        } catch let error as any HTTPResponseError {
            switch error.status {
            case .notFound:
                let allowed = allowedMethods(request.uri.path)
                if !allowed.isEmpty {
                    var headers = HTTPFields()
                    headers[.allow] = allowed.joined(separator: ", ")
                    return Problem(
                        .methodNotAllowed,
                        "\(request.uri.path) answers \(allowed.joined(separator: ", ")), not \(request.method)",
                        headers: headers
                    ).response(instance: request.uri.path)
                }
                return Problem(.notFound, "nothing is at \(request.method) \(request.uri.path)")
                    .response(instance: request.uri.path)
            case .methodNotAllowed:
                return Problem(.methodNotAllowed, "\(request.method) is not allowed on \(request.uri.path)")
                    .response(instance: request.uri.path)
            case .contentTooLarge:
                return Problem.bodyTooLarge(limit: bodyLimit).response(instance: request.uri.path)
            case .badRequest:
                return Problem(.badRequest, "the request could not be read").response(instance: request.uri.path)
            default:
                context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
                return Problem(.internalError, "the server failed; the operator's log has the details")
                    .response(instance: request.uri.path)
            }
        } catch {
            context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
            return Problem(.internalError, "the server failed; the operator's log has the details")
                .response(instance: request.uri.path)
        }
    }
}
