import Foundation
import Hummingbird
import Logging
import SealbridgeStore
import SealbridgeX509

/// API keys: `Authorization: Bearer sb_…`. A request without a key is anonymous (allowed where access is open);
/// a request with a wrong or unknown key is refused even there, so a client's mistake never passes silently.
enum Access {
    /// The key the request presents, checked for `scope` and counted against its rate limit; nil for an
    /// anonymous request where `required` is false.
    ///
    /// - Throws: 401 `unauthorized` (no key where one is needed, or an unknown key), 403 `forbidden` (a key without
    ///   `scope`), 429 `rate-limited`.
    static func authorize(
        _ request: Request,
        state: ServiceState,
        scope: APIScope,
        required: Bool
    ) async throws -> APIKeyRecord? {
        guard let header = request.headers[.authorization] else {
            if required {
                throw unauthorized("this needs an API key with the \(scope.rawValue) scope: Authorization: Bearer sb_…")
            }
            return nil
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer", APIKey.looksLikeKey(String(parts[1])) else {
            throw unauthorized("the Authorization header is not `Bearer sb_…` with a Sealbridge API key")
        }
        let record: APIKeyRecord?
        do {
            record = try await state.store.apiKey(hash: APIKey.hash(String(parts[1])))
        } catch {
            state.logger.error("API key lookup failed", metadata: ["error": "\(error)"])
            throw Problem(
                .storeUnavailable,
                "the key could not be checked; retry later",
                headers: Problem.retryAfter(5)
            )
        }
        guard let record, record.revokedAt == nil else {
            throw unauthorized("the API key is unknown or revoked")
        }
        guard record.grants(scope) else {
            throw Problem(
                .forbidden,
                "the API key \(record.id) has the scopes \(record.scopes.sorted().map(\.rawValue)), not \(scope.rawValue)"
            )
        }
        try state.rateLimiter.admit(record.id)
        return record
    }

    static func unauthorized(_ detail: String) -> Problem {
        var headers = HTTPFields()
        headers[.wwwAuthenticate] = "Bearer realm=\"sealbridge\""
        return Problem(.unauthorized, detail, headers: headers)
    }
}

/// Query and form fields, checked.
enum RequestFields {
    static func jurisdiction(_ text: String?) throws -> String? {
        guard let text, !text.isEmpty else { return nil }
        guard text == "EU" || (text.utf8.count == 2 && text.utf8.allSatisfy { $0 >= 0x41 && $0 <= 0x5A }) else {
            throw Problem(.badRequest, "jurisdiction is an ISO 3166-1 alpha-2 code (CN, HK, DE, …) or EU, not \(text)")
        }
        return text
    }

    static func documentKind(_ text: String?) throws -> String? {
        guard let text, !text.isEmpty else { return nil }
        let bytes = Array(text.utf8)
        guard bytes.count <= 64, let first = bytes.first, isLowerOrDigit(first),
            bytes.allSatisfy({ isLowerOrDigit($0) || $0 == 0x2D })
        else {
            throw Problem(
                .badRequest,
                "documentKind is lower-case letters, digits and hyphens (invoice, certificate-of-origin, …), not \(text)"
            )
        }
        return text
    }

    static func time(_ text: String?) throws -> X509Time {
        guard let text, !text.isEmpty else { return .now }
        guard let time = X509Time(rfc3339: text) else {
            throw Problem(.badRequest, "validationTime is an RFC 3339 time such as 2026-11-29T12:00:00Z, not \(text)")
        }
        return time
    }

    static func integer(_ text: Substring?, name: String, range: ClosedRange<Int>) throws -> Int? {
        guard let text else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw Problem(.badRequest, "\(name) is an integer in \(range.lowerBound)…\(range.upperBound), not \(text)")
        }
        return value
    }

    /// Ids and file names shown back: letters, digits, `.`, `_`, `-`, at most 128.
    static func isSafeName(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= 128
            && text.utf8.allSatisfy {
                isLowerOrDigit($0) || ($0 >= 0x41 && $0 <= 0x5A) || $0 == 0x2D || $0 == 0x2E || $0 == 0x5F
            }
    }

    private static func isLowerOrDigit(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
    }
}
