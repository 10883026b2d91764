import Foundation

/// A JWS as JAdES carries it (RFC 7515 §7, TS 119 182-1 §5): the compact serialisation, or the JSON one, flattened
/// or general, with one or more signatures. Parsed once; nothing is verified here.
package struct JWSMessage {
    /// One signature: its protected header (as received, and decoded), its unprotected header, its value.
    package struct Signature {
        /// The base64url text of the protected header, as signed.
        package let encodedProtected: Substring
        /// The protected header's members.
        package let protected: [String: Any]
        /// The unprotected header's members (JSON serialisation only; `etsiU` lives here).
        package let unprotected: [String: Any]
        /// The base64url text of the signature value.
        package let encodedSignature: Substring
        /// The signature value.
        package let value: [UInt8]
    }

    /// Which serialisation the message came in.
    package enum Serialization: String {
        case compact, flattened, general
    }

    package let serialization: Serialization
    /// The payload as received (base64url text, or the raw payload when `b64` is false); empty when detached.
    package let payload: Substring
    package let signatures: [Signature]

    /// The most bytes a JWS may have here (a bigger payload travels detached).
    package static let maximumSize = 64 << 20

    /// Reads `bytes`.
    ///
    /// - Throws: ``JAdESFormatError`` saying what is wrong (not a JWS, a header that is not a JSON object, a
    ///   duplicated header name, a part that is not base64url).
    package init(_ bytes: [UInt8]) throws(JAdESFormatError) {
        guard bytes.count <= Self.maximumSize else {
            throw JAdESFormatError("the JWS is larger than \(Self.maximumSize >> 20) MiB")
        }
        let text = String(decoding: bytes, as: UTF8.self)
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("{") {
            try self.init(json: Array(trimmed.utf8))
        } else {
            // Compact: three base64url parts; only the first line counts (a trailing line break is common).
            let line = trimmed.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let parts = line.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 3 else {
                throw JAdESFormatError("a compact JWS has three parts separated by dots; this has \(parts.count)")
            }
            self.init(
                serialization: .compact,
                payload: parts[1],
                signatures: [try Self.signature(protected: parts[0], unprotected: nil, value: parts[2])]
            )
        }
    }

    private init(serialization: Serialization, payload: Substring, signatures: [Signature]) {
        self.serialization = serialization
        self.payload = payload
        self.signatures = signatures
    }

    init(json: [UInt8]) throws(JAdESFormatError) {
        let object: [String: Any]
        do {
            guard let parsed = try JSONSerialization.jsonObject(with: Data(json)) as? [String: Any] else {
                throw JAdESFormatError("the JWS JSON serialisation is not a JSON object")
            }
            object = parsed
        } catch let error as JAdESFormatError {
            throw error
        } catch {
            throw JAdESFormatError("the JWS JSON serialisation is not well-formed JSON")
        }
        payload = Substring(object["payload"] as? String ?? "")
        if let list = object["signatures"] {
            guard let entries = list as? [[String: Any]] else {
                throw JAdESFormatError("\"signatures\" is not an array of objects")
            }
            serialization = .general
            var read: [Signature] = []
            for entry in entries {
                read.append(try Self.signature(entry))
            }
            signatures = read
        } else {
            serialization = .flattened
            signatures = [try Self.signature(object)]
        }
    }

    static func signature(_ entry: [String: Any]) throws(JAdESFormatError) -> Signature {
        guard let protected = entry["protected"] as? String, let value = entry["signature"] as? String else {
            throw JAdESFormatError("a JWS signature needs \"protected\" and \"signature\" strings")
        }
        if let header = entry["header"], !(header is [String: Any]) {
            throw JAdESFormatError("the unprotected \"header\" is not a JSON object")
        }
        return try signature(
            protected: Substring(protected),
            unprotected: entry["header"] as? [String: Any],
            value: Substring(value)
        )
    }

    static func signature(
        protected: Substring,
        unprotected: [String: Any]?,
        value: Substring
    ) throws(JAdESFormatError)
        -> Signature
    {
        guard let headerBytes = decodeBase64URL(protected), !headerBytes.isEmpty else {
            throw JAdESFormatError("the protected header is not base64url")
        }
        switch JSONDuplicateKeys.check(headerBytes) {
        case .none: break
        case .duplicate(let name):
            throw JAdESFormatError("the protected header has \"\(name)\" twice (RFC 7515 §5.2: not a valid JWS)")
        case .malformed:
            throw JAdESFormatError("the protected header is not well-formed JSON")
        }
        guard let header = (try? JSONSerialization.jsonObject(with: Data(headerBytes))) as? [String: Any] else {
            throw JAdESFormatError("the protected header is not a JSON object")
        }
        guard let signatureBytes = decodeBase64URL(value) else {
            throw JAdESFormatError("the signature value is not base64url")
        }
        return Signature(
            encodedProtected: protected,
            protected: header,
            unprotected: unprotected ?? [:],
            encodedSignature: value,
            value: signatureBytes
        )
    }
}

/// A JWS that cannot be read, in words.
package struct JAdESFormatError: Error, CustomStringConvertible, Sendable {
    package let description: String
    init(_ description: String) { self.description = description }
}
