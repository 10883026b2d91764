import Foundation
import Hummingbird
import Logging
import MultipartKit
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

/// A Content-Type value: its type (lower-cased) and parameters.
struct MediaTypeText {
    let type: String
    private let parameters: [String: String]

    init(_ header: String?) {
        let pieces = (header ?? "").split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        type = pieces.first?.lowercased() ?? ""
        var parameters = [String: String]()
        for piece in pieces.dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            var value = String(pair[1])
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                value = String(value.dropFirst().dropLast())
            }
            parameters[pair[0].lowercased()] = value
        }
        self.parameters = parameters
    }

    func parameter(_ name: String) -> String? { parameters[name] }
}

/// The parts of a multipart/form-data body (RFC 7578), by field name; at most 16 parts.
struct FormParts {
    struct Part {
        var filename: String?
        var bytes: [UInt8]
    }

    var values: [String: Part] = [:]

    init(body: ByteBuffer, boundary: String) throws {
        guard !boundary.isEmpty, boundary.utf8.count <= 70 else {
            throw Problem(.badRequest, "the multipart boundary must be 1 to 70 characters (RFC 2046 §5.1.1)")
        }
        let parser = MultipartParser(boundary: boundary)
        var headers: [(String, String)] = []
        var current: [UInt8] = []
        var parts: [([(String, String)], [UInt8])] = []
        parser.onHeader = { name, value in headers.append((name.lowercased(), value)) }
        parser.onBody = { buffer in current += buffer.readBytes(length: buffer.readableBytes) ?? [] }
        parser.onPartComplete = {
            parts.append((headers, current))
            headers = []
            current = []
        }
        do {
            try parser.execute(body)
        } catch {
            throw Problem(.badRequest, "the multipart/form-data body is malformed: \(error)")
        }
        guard !parts.isEmpty else {
            throw Problem(.badRequest, "the multipart/form-data body has no complete part (is the boundary right?)")
        }
        guard parts.count <= 16 else { throw Problem(.badRequest, "the form has more than 16 parts") }
        for (partHeaders, bytes) in parts {
            guard let disposition = partHeaders.first(where: { $0.0 == "content-disposition" })?.1 else { continue }
            let fields = MediaTypeText(disposition)
            guard let name = fields.parameter("name") else { continue }
            values[name] = Part(filename: fields.parameter("filename"), bytes: bytes)
        }
    }
}
