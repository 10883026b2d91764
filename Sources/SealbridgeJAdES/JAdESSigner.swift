import Foundation
public import SealbridgeCMS
public import SealbridgeCrypto
public import SealbridgeX509

/// Makes JAdES baseline signatures (ETSI TS 119 182-1 v1.2.1 §6): B-B with `alg`, `x5t#S256`, `x5c`, `iat` (and
/// `cty`), B-T with a signature time-stamp in `etsiU` (`sigTst`, base64url-encoded, over the ASCII of the base64url
/// signature value, §5.3.4). Compact or flattened JSON serialisation; the payload attached, or detached (an empty
/// payload, the document given to the validator apart). ES256/384/512, RS256, PS256, EdDSA, and `SM2-SM3`.
public enum JAdESSigner {
    /// How the JWS is written.
    public enum Serialization: String, Sendable, CaseIterable {
        /// `header.payload.signature` (no unprotected header, so no B-T).
        case compact
        /// The flattened JSON serialisation (RFC 7515 §7.2.2).
        case json
    }

    /// What to sign and with what.
    public struct Request: Sendable {
        /// The payload.
        public var payload: [UInt8]
        /// Its media type for `cty` (e.g. `json`), when given.
        public var contentType: String?
        /// The serialisation.
        public var serialization: Serialization = .json
        /// Leave the payload out (a detached JWS).
        public var detached = false
        /// The signing key.
        public var key: PrivateKey
        /// Its certificate (in `x5c` and `x5t#S256`).
        public var certificate: Certificate
        /// The rest of the path, added to `x5c`.
        public var chain: [Certificate] = []
        /// RSASSA-PSS (`PS256`) rather than PKCS #1 v1.5 (`RS256`) for RSA keys.
        public var rsaPSS = false
        /// The claimed signing time (`iat`).
        public var signingTime: X509Time = .now
        /// A TSA for B-T (JSON serialisation only).
        public var timeStamp: (any TimeStampSource)?

        /// A request with the required parts.
        public init(payload: [UInt8], key: PrivateKey, certificate: Certificate) {
            self.payload = payload
            self.key = key
            self.certificate = certificate
        }
    }

    /// The JOSE `alg` for a key.
    static func alg(for key: PrivateKey, rsaPSS: Bool) -> String? {
        switch key.algorithm {
        case .p256: "ES256"
        case .p384: "ES384"
        case .p521: "ES512"
        case .rsa: rsaPSS ? "PS256" : "RS256"
        case .ed25519: "EdDSA"
        case .sm2: JWSAlgorithms.sm2
        default: nil
        }
    }

    /// Signs.
    ///
    /// - Returns: the JWS, UTF-8.
    /// - Throws: ``JAdESSigningError`` when the key has no JOSE algorithm, B-T is asked of a compact JWS, or the TSA
    ///   fails.
    public static func sign(_ request: Request) async throws -> [UInt8] {
        guard let alg = alg(for: request.key, rsaPSS: request.rsaPSS), let method = JWSAlgorithms.algorithm(alg) else {
            throw JAdESSigningError("a \(request.key.algorithm) key has no JOSE algorithm Sealbridge signs with")
        }
        if request.timeStamp != nil, request.serialization == .compact {
            throw JAdESSigningError("B-T needs the JSON serialisation: a compact JWS has no unprotected header")
        }
        var header: [String: Any] = [
            "alg": alg,
            "x5t#S256": encodeBase64URL(HashFunction.sha256.digest(request.certificate.derBytes)),
            "x5c": ([request.certificate] + request.chain).map { Data($0.derBytes).base64EncodedString() },
            "iat": request.signingTime.secondsSinceEpoch,
        ]
        if let contentType = request.contentType { header["cty"] = contentType }
        let headerJSON = try JSONSerialization.data(
            withJSONObject: header,
            options: [.sortedKeys, .withoutEscapingSlashes]
        )
        let encodedHeader = encodeBase64URL(Array(headerJSON))
        let encodedPayload = encodeBase64URL(request.payload)
        var value = try request.key.signature(
            for: Array("\(encodedHeader).\(encodedPayload)".utf8),
            algorithm: method.algorithm
        )
        if method.rawPair, let size = SignatureEncoding.componentByteCount(for: request.key.algorithm) {
            value = try SignatureEncoding.raw(fromDER: value, componentByteCount: size)
        }
        let encodedSignature = encodeBase64URL(value)
        let shownPayload = request.detached ? "" : encodedPayload
        switch request.serialization {
        case .compact:
            return Array("\(encodedHeader).\(shownPayload).\(encodedSignature)".utf8)
        case .json:
            var object: [String: Any] = [
                "protected": encodedHeader, "payload": shownPayload, "signature": encodedSignature,
            ]
            if let source = request.timeStamp {
                let token: [UInt8]
                do {
                    token = try await source.timeStampToken(
                        for: TimeStampRequest(
                            messageImprint: MessageImprint(hashing: Array(encodedSignature.utf8), with: .sha256)
                        )
                    )
                } catch {
                    throw JAdESSigningError("the time-stamp authority did not time-stamp the signature: \(error)")
                }
                let sigTst = try JSONSerialization.data(
                    withJSONObject: ["sigTst": ["tstTokens": [["val": Data(token).base64EncodedString()]]]],
                    options: [.sortedKeys]
                )
                object["header"] = ["etsiU": [encodeBase64URL(Array(sigTst))]]
            }
            return Array(
                try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
            )
        }
    }
}

/// Why a JAdES signature could not be made, in words.
public struct JAdESSigningError: Error, CustomStringConvertible, Sendable {
    /// What happened and what to do.
    public let description: String
    init(_ description: String) { self.description = description }
}
