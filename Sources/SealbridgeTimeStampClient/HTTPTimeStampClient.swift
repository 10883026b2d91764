public import AsyncHTTPClient
import NIOCore
import NIOHTTP1
public import SealbridgeCMS

/// An RFC 3161 client over HTTP(S) (RFC 3161 §3.4): POSTs `application/timestamp-query`, expects
/// `application/timestamp-reply`, and checks the token answers the request (imprint and nonce).
///
/// ```swift
/// let client = HTTPTimeStampClient(url: "https://tsa.example/tsr")
/// let signed = try await CAdES.addingSignatureTimeStamps(to: signedData, from: client)
/// ```
public struct HTTPTimeStampClient: TimeStampSource {
    /// The TSA's URL.
    public let url: String
    /// How long one request may take.
    public let timeout: Duration
    private let client: HTTPClient

    /// Makes a client over the shared HTTP client (or `client`).
    public init(url: String, timeout: Duration = .seconds(30), client: HTTPClient = .shared) {
        self.url = url
        self.timeout = timeout
        self.client = client
    }

    /// Sends `request` and returns the TSA's response, whatever its status.
    ///
    /// - Throws: `CMSError.timeStampFailed` when the TSA cannot be reached, answers other than 200 with a
    ///   timestamp-reply, or sends more than 1 MiB.
    public func response(for request: TimeStampRequest) async throws -> TimeStampResponse {
        var http = HTTPClientRequest(url: url)
        http.method = .POST
        http.headers.add(name: "Content-Type", value: "application/timestamp-query")
        http.headers.add(name: "Accept", value: "application/timestamp-reply")
        http.body = .bytes(ByteBuffer(bytes: try request.derRepresentation))
        let body: ByteBuffer
        do {
            let response = try await client.execute(
                http,
                timeout: .nanoseconds(Int64(timeout.components.seconds) * 1_000_000_000)
            )
            guard response.status == .ok else {
                throw CMSError(
                    code: .timeStampFailed,
                    reason: "the TSA at \(url) answered HTTP \(response.status.code)"
                )
            }
            let type = response.headers.first(name: "Content-Type") ?? ""
            guard type.lowercased().hasPrefix("application/timestamp-reply") else {
                throw CMSError(
                    code: .timeStampFailed,
                    reason:
                        "the TSA at \(url) answered \(type.isEmpty ? "without a content type" : type), not application/timestamp-reply"
                )
            }
            body = try await response.body.collect(upTo: TimeStampResponse.maximumByteCount)
        } catch let error as CMSError {
            throw error
        } catch {
            throw CMSError(code: .timeStampFailed, reason: "cannot get a time-stamp from \(url): \(error)")
        }
        do {
            return try TimeStampResponse(derEncoded: Array(buffer: body))
        } catch let error as CMSError {
            throw CMSError(code: .timeStampFailed, reason: "the TSA at \(url) sent a malformed reply: \(error.reason)")
        }
    }

    /// The token answering `request`.
    ///
    /// - Throws: `CMSError.timeStampFailed` when the TSA refuses (with its status text) or the token does not
    ///   match the request.
    public func timeStampToken(for request: TimeStampRequest) async throws -> [UInt8] {
        let answer = try await response(for: request)
        guard answer.status.status == .granted || answer.status.status == .grantedWithModifications,
            let token = answer.tokenBytes
        else {
            throw CMSError(code: .timeStampFailed, reason: "the TSA at \(url) refused: \(answer.status)")
        }
        let check = TimeStampTokenVerifier().verify(tokenBytes: token, request: request)
        if case .invalid(let reason) = check.status {
            throw CMSError(
                code: .timeStampFailed,
                reason: "the TSA at \(url) sent a token that does not answer the request: \(reason)"
            )
        }
        return token
    }
}
