import Foundation
package import SealbridgeCMS
package import SealbridgeCrypto
package import SealbridgeX509

/// The facts of one JAdES / JWS signature (TS 119 182-1 v1.2.1), for the validation process to judge.
package struct JAdESSignatureResult {
    /// The level: JAdES-B-B, JAdES-B-T, or a JWS that is not ETSI (with why).
    package enum Level: Equatable {
        case baselineB
        case baselineT
        case notETSI(String)
    }

    package enum SignatureValue: Equatable {
        case verified
        case failed(String)
        case unsupported(String)
        case notReached
    }

    package enum CertificateBinding: Equatable {
        case bound
        case absent
        case mismatch(String)
    }

    package var structureProblem: String?
    package var alg: String?
    package var signatureAlgorithm: SignatureAlgorithm?
    package var signatureValue: SignatureValue = .notReached
    package var signingCertificate: Certificate?
    package var certificateBinding: CertificateBinding = .absent
    package var signingCertificateNotFound: String?
    package var claimedSigningTime: X509Time?
    package var certificates: [Certificate] = []
    package var signatureTimeStamps: [TimeStampVerification] = []
    /// How many tokens each `sigTst` held (the baseline wants one in each).
    package var tokensPerSigTst: [Int] = []
    /// The payload was detached and not given.
    package var payloadMissing = false
    /// The detached payload given was used.
    package var usedDetachedContent = false
    package var level: Level = .notETSI("not read")
    package var unevaluated: [String] = []
    package var notes: [String] = []
}

/// What the JAdES checks may use beyond the JWS.
package struct JAdESVerificationOptions: Sendable {
    package var timeStampOptions = TimeStampVerificationOptions()
    package var extraCertificates: [Certificate] = []
    /// The payload of a detached JWS (no `sigD`: the one document given), read whole.
    package var detachedPayload: [UInt8]?

    package init() {}
}

/// Checks the signatures of a JWS as JAdES: the signing input (RFC 7515 §5.2, RFC 7797 for `b64: false`), the
/// signing certificate by `x5t#S256` / `x5t#o` among `x5c` and the certificates given, the claimed time (`sigT`,
/// `iat`), `crit` (RFC 7515 §4.1.11 and DSS's reading of TS 119 182-1), and the signature time-stamps of `etsiU`.
package struct JAdESVerifier {
    let options: JAdESVerificationOptions

    package init(options: JAdESVerificationOptions) { self.options = options }

    /// The header parameters JAdES or JOSE define that Sealbridge understands when a `crit` names them.
    static let understood: Set<String> = [
        "sigT", "x5t#o", "sigX5ts", "srCms", "sigPl", "srAts", "adoTst", "sigPId", "sigD", "iat", "exp", "b64", "etsiU",
    ]
    /// RFC 7515 / 7518 header parameters, which a `crit` must not name (RFC 7515 §4.1.11).
    static let registered: Set<String> = [
        "alg", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty", "crit", "enc", "zip", "epk", "apu",
        "apv", "iv", "tag", "p2s", "p2c",
    ]
    /// `sigT` alone is a baseline claimed time only before this instant; from then on `iat` (DSS, after TS 119 182-1
    /// v1.2.1 deprecated `sigT`).
    static let sigTDeadline = X509Time(year: 2025, month: 7, day: 15, hour: 0, minute: 0, second: 0)

    package func verify(_ message: JWSMessage) -> [JAdESSignatureResult] {
        message.signatures.map { verify($0, in: message) }
    }

    func verify(_ signature: JWSMessage.Signature, in message: JWSMessage) -> JAdESSignatureResult {
        var result = JAdESSignatureResult()
        let header = signature.protected
        guard let alg = header["alg"] as? String else {
            result.structureProblem = "the protected header has no \"alg\""
            return result
        }
        result.alg = alg
        // RFC 7515 §4.1.11: a critical extension the recipient does not understand makes the JWS invalid (DSS only
        // lowers the level; Sealbridge follows the RFC's "MUST").
        if let names = header["crit"] as? [Any] {
            let unknown = names.compactMap { $0 as? String }.filter {
                !Self.understood.contains($0) && !Self.registered.contains($0)
            }
            if !unknown.isEmpty {
                result.structureProblem =
                    "the JWS marks \(unknown.joined(separator: ", ")) critical, which Sealbridge does not understand "
                    + "(RFC 7515 §4.1.11: such a JWS is invalid)"
                return result
            }
        }
        let method = JWSAlgorithms.algorithm(alg)
        result.signatureAlgorithm = method?.algorithm

        // Certificates: x5c in the protected header.
        for text in header["x5c"] as? [String] ?? [] {
            guard let der = Base64Text.decode(text.utf8, maximumOutput: nil),
                let certificate = try? Certificate(derEncoded: der)
            else {
                result.notes.append("an x5c entry is not a readable certificate and was ignored")
                continue
            }
            result.certificates.append(certificate)
        }
        // Certificates in etsiU's xVals (TS 119 182-1 §5.3.5.1), which may hold the signer's.
        for entry in Self.etsiUEntries(signature.unprotected) ?? [] where entry.name == "xVals" {
            for value in entry.value as? [[String: Any]] ?? [] {
                guard let text = (value["x509Cert"] as? [String: Any])?["val"] as? String,
                    let der = Base64Text.decode(text.utf8, maximumOutput: nil),
                    let certificate = try? Certificate(derEncoded: der)
                else { continue }
                result.certificates.append(certificate)
            }
        }
        identifySigningCertificate(&result, header: header)

        // The payload and the signing input.
        let b64 = header["b64"] as? Bool ?? true
        var payload = Array(message.payload.utf8)
        if message.payload.isEmpty {
            if header["sigD"] != nil {
                result.payloadMissing = true
                result.notes.append("detached data objects by sigD are not resolved yet; the signature is not verified")
                result.level = level(result, header: header, unprotected: signature.unprotected)
                return result
            }
            if let detached = options.detachedPayload {
                payload = b64 ? Array(encodeBase64URL(detached).utf8) : detached
                result.usedDetachedContent = true
            } else {
                result.payloadMissing = true
            }
        }
        if !result.payloadMissing, let method, let certificate = result.signingCertificate {
            let input = Array(signature.encodedProtected.utf8) + [0x2E] + payload
            var value = signature.value
            if method.rawPair {
                guard !value.isEmpty, value.count % 2 == 0, let der = try? SignatureEncoding.der(fromRaw: value) else {
                    result.signatureValue = .failed("the \(alg) signature is not r ‖ s of equal halves")
                    return finish(result, header: header, signature: signature)
                }
                value = der
            }
            guard let key = try? certificate.publicKey() else {
                result.signatureValue = .unsupported("the signing certificate's public key is not one Sealbridge reads")
                return finish(result, header: header, signature: signature)
            }
            result.signatureValue =
                key.isValidSignature(value, for: input, algorithm: method.algorithm)
                ? .verified : .failed("the signature value does not verify with the signing certificate's key")
        } else if method == nil {
            result.signatureValue = .unsupported("the JWS algorithm \(alg)")
        }
        return finish(result, header: header, signature: signature)
    }

    func finish(
        _ result: JAdESSignatureResult,
        header: [String: Any],
        signature: JWSMessage.Signature
    )
        -> JAdESSignatureResult
    {
        var result = result
        // The claimed time: sigT (RFC 3339) or iat (seconds since the epoch).
        if let sigT = header["sigT"] as? String {
            result.claimedSigningTime = X509Time(rfc3339: sigT)
        } else if let iat = header["iat"] as? NSNumber {
            result.claimedSigningTime = X509Time(secondsSinceEpoch: iat.int64Value)
        }
        readUnsigned(&result, signature: signature)
        result.level = level(result, header: header, unprotected: signature.unprotected)
        return result
    }

    /// `etsiU` (TS 119 182-1 §5.3): every entry base64url-encoded or every entry in clear — mixed forms are refused
    /// (the ETSI JSON schema's `oneOf`); `sigTst` tokens are over the ASCII of the base64url signature value (§5.3.4).
    func readUnsigned(_ result: inout JAdESSignatureResult, signature: JWSMessage.Signature) {
        guard signature.unprotected["etsiU"] != nil else { return }
        guard let entries = Self.etsiUEntries(signature.unprotected) else {
            result.structureProblem =
                "etsiU is not an array of one-member objects in one form (all base64url-encoded or all clear, as "
                + "TS 119 182-1 requires)"
            return
        }
        let verifier = TimeStampTokenVerifier(options: options.timeStampOptions)
        let stamped = Array(signature.encodedSignature.utf8)
        for (name, value) in entries {
            if name == "xVals" { continue }
            guard name == "sigTst" else {
                result.unevaluated.append(name)
                continue
            }
            let tokens = ((value as? [String: Any])?["tstTokens"] as? [[String: Any]]) ?? []
            for token in tokens {
                guard let text = token["val"] as? String, let der = Base64Text.decode(text.utf8, maximumOutput: nil)
                else {
                    result.signatureTimeStamps.append(
                        TimeStampVerification(
                            status: .invalid("a sigTst token is not base64"),
                            token: nil,
                            tsaCertificate: nil,
                            path: nil
                        )
                    )
                    continue
                }
                result.signatureTimeStamps.append(verifier.verify(tokenBytes: der, timeStampedData: stamped))
            }
            result.tokensPerSigTst.append(tokens.count)
        }
    }

    /// The entries of `etsiU` (TS 119 182-1 §5.3) as (name, value): every entry base64url-encoded or every entry in
    /// clear — mixed forms are refused, as the ETSI JSON schema's `oneOf` does; nil when malformed.
    static func etsiUEntries(_ unprotected: [String: Any]) -> [(name: String, value: Any)]? {
        guard let list = unprotected["etsiU"] as? [Any] else { return unprotected["etsiU"] == nil ? [] : nil }
        let encoded = list.filter { $0 is String }.count
        guard encoded == 0 || encoded == list.count else { return nil }
        var entries: [(String, Any)] = []
        for entry in list {
            let object: [String: Any]?
            if let text = entry as? String {
                object =
                    decodeBase64URL(Substring(text)).flatMap { try? JSONSerialization.jsonObject(with: Data($0)) }
                    as? [String: Any]
            } else {
                object = entry as? [String: Any]
            }
            guard let object, object.count == 1, let member = object.first else { return nil }
            entries.append((member.key, member.value))
        }
        return entries
    }

    /// The signing certificate (TS 119 182-1 §5.2.2): the certificate whose digest `x5t#S256` or `x5t#o` gives,
    /// among `x5c` and those given.
    func identifySigningCertificate(_ result: inout JAdESSignatureResult, header: [String: Any]) {
        let candidates = result.certificates + options.extraCertificates
        var function: HashFunction?
        var digest: [UInt8]?
        if let thumbprint = header["x5t#S256"] as? String {
            function = .sha256
            digest = decodeBase64URL(Substring(thumbprint))
        } else if let other = header["x5t#o"] as? [String: Any], let name = other["digAlg"] as? String,
            let value = other["digVal"] as? String
        {
            function = JWSAlgorithms.digest(name)
            digest = decodeBase64URL(Substring(value))
        }
        guard let function, let digest else {
            result.certificateBinding = .absent
            result.signingCertificate = result.certificates.first
            if result.certificates.isEmpty {
                result.signingCertificateNotFound = "the JWS carries no certificate (x5c) and no certificate digest"
            }
            return
        }
        if let match = candidates.first(where: { function.digest($0.derBytes) == digest }) {
            result.signingCertificate = match
            result.certificateBinding = .bound
        } else if let first = result.certificates.first {
            result.signingCertificate = first
            result.certificateBinding = .mismatch(
                "the protected certificate digest (x5t#S256 / x5t#o) does not match the certificate in x5c (\(first.subject))"
            )
        } else {
            result.signingCertificateNotFound =
                "no certificate carried or given matches the protected certificate digest"
        }
    }

    /// The level with DSS's rules (`JAdESBaselineRequirementsChecker`): a valid `crit`, one certificate reference,
    /// one claimed time, then a signature time-stamp for B-T.
    func level(
        _ result: JAdESSignatureResult,
        header: [String: Any],
        unprotected: [String: Any]
    )
        -> JAdESSignatureResult.Level
    {
        if let why = critProblem(header: header, unprotected: unprotected) { return .notETSI(why) }
        let references = ["x5t#S256", "x5t#o", "sigX5ts"].filter { header[$0] != nil }.count
        guard references == 1 else {
            return .notETSI(
                "it has \(references) signing-certificate references (x5t#S256, x5t#o, sigX5ts); one is needed"
            )
        }
        let hasSigT = header["sigT"] != nil
        let hasIAT = header["iat"] != nil
        if hasSigT, hasIAT { return .notETSI("it claims its time twice (sigT and iat)") }
        if !hasSigT, !hasIAT { return .notETSI("it claims no signing time (iat, or sigT before 2025-07-15)") }
        if hasSigT, let time = result.claimedSigningTime, time >= Self.sigTDeadline {
            return .notETSI("sigT alone after 2025-07-15: TS 119 182-1 v1.2.1 claims the time with iat")
        }
        // The level is the form, as DSS reads it: a signature time-stamp present (one token in each sigTst) makes
        // B-T; whether it is intact and its time a proof is the process's decision.
        guard !result.tokensPerSigTst.isEmpty, result.tokensPerSigTst.allSatisfy({ $0 == 1 }) else { return .baselineB }
        return .baselineT
    }

    /// What is wrong with `crit` (RFC 7515 §4.1.11): present but not a non-empty array of distinct strings, naming
    /// a registered parameter, one absent from the headers, or one Sealbridge does not understand; `sigD` and `b64`
    /// must be listed when present.
    func critProblem(header: [String: Any], unprotected: [String: Any]) -> String? {
        let b64Present = header["b64"] != nil
        let sigDPresent = header["sigD"] != nil
        guard let value = header["crit"] else {
            return b64Present || sigDPresent ? "b64 or sigD is present but not listed in crit" : nil
        }
        guard let list = value as? [Any], !list.isEmpty else { return "crit is not a non-empty array" }
        let names = list.compactMap { $0 as? String }
        guard names.count == list.count else { return "crit lists something that is not a header name" }
        guard Set(names).count == names.count else { return "crit lists a name twice" }
        for name in names {
            if Self.registered.contains(name) { return "crit lists \(name), a registered JOSE header" }
            if header[name] == nil, unprotected[name] == nil { return "crit lists \(name), which the headers lack" }
            if !Self.understood.contains(name) { return "crit lists \(name), which Sealbridge does not understand" }
        }
        if b64Present, !names.contains("b64") { return "b64 is present but not listed in crit" }
        if sigDPresent, !names.contains("sigD") { return "sigD is present but not listed in crit" }
        return nil
    }
}

/// base64url without padding.
package func encodeBase64URL(_ bytes: [UInt8]) -> String {
    Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        .replacingOccurrences(of: "=", with: "")
}
