import SealbridgeCrypto
import SealbridgeSM
public import SealbridgeX509
import SwiftASN1

/// Checks the signers of a CMS SignedData (RFC 5652 §5.4–5.6) and, for CAdES, their baseline attributes and
/// signature time-stamps (ETSI EN 319 122-1): structure, message digest, signature value, signing-certificate
/// binding, CMSAlgorithmProtection, time-stamp imprint and token signature. Certificate paths and trust are the
/// X.509 and validation layers' business.
///
/// ```swift
/// let signed = try CMSSignedData(berEncoded: bytes)
/// let result = CMSVerifier().verify(signed, detachedContent: document)
/// for signer in result.signers { print(signer.index, signer.status) }
/// ```
public struct CMSVerifier: Sendable {
    /// The options every call uses.
    public let options: CMSVerificationOptions

    /// Makes a verifier.
    public init(options: CMSVerificationOptions = CMSVerificationOptions()) {
        self.options = options
    }

    /// Checks every signer against the attached content or `detachedContent`.
    ///
    /// - Parameters:
    ///   - signedData: The SignedData.
    ///   - detachedContent: The content, for a detached signature.
    ///   - extraCertificates: Certificates to look for signers in beyond those carried.
    /// - Returns: One result per signer.
    public func verify(
        _ signedData: CMSSignedData,
        detachedContent: [UInt8]? = nil,
        extraCertificates: [Certificate] = []
    ) -> CMSVerificationResult {
        let digests = (signedData.encapsulatedContent ?? detachedContent?[...]).map {
            CMSContentDigester.digests(of: $0, for: signedData, extra: extraCertificates, options: options)
        }
        return verify(signedData, contentDigests: digests, extraCertificates: extraCertificates)
    }

    /// Checks every signer against content digests computed by streaming (``CMSContentDigester``); `nil` when
    /// the content is not available, which leaves detached signers indeterminate.
    ///
    /// - Parameters:
    ///   - signedData: The SignedData.
    ///   - contentDigests: The digests of the content, or `nil`.
    ///   - extraCertificates: Certificates to look for signers in beyond those carried.
    /// - Returns: One result per signer.
    public func verify(
        _ signedData: CMSSignedData,
        contentDigests: CMSContentDigests?,
        extraCertificates: [Certificate] = []
    ) -> CMSVerificationResult {
        let certificates = signedData.certificates + extraCertificates
        let signers = signedData.signerInfos.enumerated().map { index, signer in
            check(
                signer,
                index: index,
                contentType: signedData.encapsulatedContentType,
                digests: contentDigests,
                certificates: certificates,
                isCountersignature: false,
                depth: 0
            )
        }
        return CMSVerificationResult(signers: signers)
    }

    // MARK: - One signer

    private func check(
        _ signer: CMSSignerInfo,
        index: Int,
        contentType: ASN1ObjectIdentifier?,
        digests: CMSContentDigests?,
        certificates: [Certificate],
        isCountersignature: Bool,
        depth: Int
    ) -> CMSSignerResult {
        var notes: [String] = []
        let form: CMSSignerResult.Form = signer.signedAttributes == nil ? .content : .signedAttributes
        let certificate = certificates.first { signer.signerIdentifier.matches($0) }
        var algorithm: SignatureAlgorithm?
        var signingTime: X509Time?
        var level: CMSSignerResult.BaselineLevel?
        var timeStamps: [TimeStampVerification] = []
        var contentTimeStamps: [TimeStampVerification] = []
        var referencesSigningCertificate = false
        var countersignatures: [CMSSignerResult] = []

        func result(_ status: CMSSignerStatus) -> CMSSignerResult {
            CMSSignerResult(
                index: index,
                signerInfo: signer,
                certificate: certificate,
                status: status,
                form: form,
                signatureAlgorithm: algorithm,
                signingTime: signingTime,
                baselineLevel: level,
                timeStamps: timeStamps,
                contentTimeStamps: contentTimeStamps,
                referencesSigningCertificate: referencesSigningCertificate,
                countersignatures: countersignatures,
                notes: notes
            )
        }
        func failed(_ code: CMSSignerFailure.Code, _ reason: String) -> CMSSignerResult {
            result(.invalid(CMSSignerFailure(code: code, reason: reason)))
        }
        func undecided(_ code: CMSSignerFailure.Code, _ reason: String) -> CMSSignerResult {
            result(.indeterminate(CMSSignerFailure(code: code, reason: reason)))
        }

        // Algorithms first: they decide which digest the content needs.
        let function: HashFunction
        do {
            function = try signer.digestFunction()
            algorithm = try signer.resolvedSignatureAlgorithm()
        } catch let error as CMSError where error.code == .invalidValue {
            return failed(.algorithmMismatch, error.reason)
        } catch {
            return undecided(.unsupportedAlgorithm, userFacingDescription(of: error))
        }
        if function == .insecureSHA1 { notes.append("the digest algorithm is SHA-1, which is broken for collisions") }
        guard let certificate else {
            return undecided(
                .signerCertificateNotFound,
                "no certificate matches \(signer.signerIdentifier); pass the signer's certificate"
            )
        }
        let key: PublicKey
        do {
            key = try certificate.publicKey()
        } catch {
            return undecided(
                .unsupportedAlgorithm,
                "the signer's public key cannot be used: \(userFacingDescription(of: error))"
            )
        }

        // The signed attributes, when present (RFC 5652 §5.3, §11; RFC 5035; RFC 6211).
        if let attributes = signer.signedAttributes {
            do {
                let claimedType = try attributes.contentType()
                if isCountersignature {
                    // RFC 5652 §11.4: a countersignature's signed attributes must not contain content-type.
                    if claimedType != nil {
                        return failed(
                            .contentTypeMismatch,
                            "a countersignature must not carry a content-type attribute"
                        )
                    }
                } else {
                    guard let claimedType else {
                        return failed(
                            .missingAttribute,
                            "signed attributes without a content-type attribute (RFC 5652 §5.3)"
                        )
                    }
                    let plainData: Set<ASN1ObjectIdentifier> = [CMSObjectIdentifier.data, CMSObjectIdentifier.gmData]
                    if claimedType != contentType, let contentType, plainData.contains(claimedType),
                        plainData.contains(contentType)
                    {
                        // GB/T 35275 data and RFC 5652 id-data name the same thing; Chinese toolkits mix them (the
                        // ofdrw "数科-compatible" OFD signatures among them).
                        notes.append(
                            "the content-type attribute names \(claimedType.displayText) and eContentType "
                                + "\(contentType.displayText): two names for plain data, accepted as the same"
                        )
                    } else if claimedType != contentType {
                        return failed(
                            .contentTypeMismatch,
                            "the content-type attribute says \(claimedType.displayText) but eContentType is \(contentType?.displayText ?? "absent")"
                        )
                    }
                }
                guard let claimedDigest = try attributes.messageDigest() else {
                    return failed(
                        .missingAttribute,
                        "signed attributes without a message-digest attribute (RFC 5652 §5.3)"
                    )
                }
                signingTime = try attributes.signingTime()
                if let protection = try attributes.algorithmProtection() {
                    // RFC 6211 §3: the protected algorithms must match the SignerInfo's.
                    guard sameAlgorithm(protection.digestAlgorithm, signer.digestAlgorithm),
                        protection.signatureAlgorithm.map({ sameAlgorithm($0, signer.signatureAlgorithm) }) ?? true
                    else {
                        return failed(
                            .algorithmMismatch,
                            "CMSAlgorithmProtection names other algorithms than the SignerInfo (RFC 6211 §3)"
                        )
                    }
                }
                let v2 = try attributes.signingCertificateV2()
                let v1 = try attributes.signingCertificateV1()
                referencesSigningCertificate = v2 != nil || v1 != nil
                for reference in [v2, v1].compactMap({ $0 }) {
                    guard let first = reference.certificates.first, first.matches(certificate) else {
                        return failed(
                            .signingCertificateMismatch,
                            "the signing-certificate\(reference.version == 2 ? "-v2" : "") attribute does not reference the signer's certificate"
                        )
                    }
                }
                guard let digest = digests?.digest(function) else {
                    return undecided(
                        .contentMissing,
                        digests == nil
                            ? "the signature is detached; give the signed content to check it"
                            : "the signer digests the document with \(function); give the document, or its "
                                + "\(function) digest"
                    )
                }
                guard digest == claimedDigest else {
                    return failed(
                        .messageDigestMismatch,
                        "the message-digest attribute does not match the \(function) digest of the content"
                    )
                }
                if v2 != nil || v1 != nil, signingTime != nil, !isCountersignature {
                    level = .bb
                }
                // Content time-stamps: the imprint is the content's digest (EN 319 122-1 §5.2.8), here checked
                // against the digest with the token's own hash when it is one the content was hashed with.
                let tokenVerifier = TimeStampTokenVerifier(options: options.timeStampOptions)
                for token in attributes.contentTimeStampTokens() {
                    let parsed = try? TimeStampToken(derEncoded: Array(token))
                    guard let hash = parsed?.info.messageImprint.hashFunction, let contentDigest = digests?.digest(hash)
                    else {
                        notes.append("a content time-stamp uses a hash the content was not digested with; not checked")
                        continue
                    }
                    contentTimeStamps.append(
                        tokenVerifier.verify(
                            tokenBytes: Array(token),
                            expectedImprint: MessageImprint(hash: hash, hashedMessage: contentDigest),
                            nonce: nil
                        )
                    )
                }
            } catch let error as CMSError {
                return failed(.malformedAttribute, error.reason)
            } catch {
                return failed(.malformedAttribute, userFacingDescription(of: error))
            }
            if let failure = checkSignatureOverAttributes(
                signer.signature,
                attributes: attributes,
                key: key,
                algorithm: algorithm,
                notes: &notes
            ) {
                return result(failure)
            }
        } else {
            if let required = options.requiredBaselineLevel {
                return failed(.missingAttribute, "CAdES \(required.rawValue) needs signed attributes")
            }
            guard let digests else {
                return undecided(.contentMissing, "the signature is detached; give the signed content to check it")
            }
            if let failure = checkSignature(
                signer.signature,
                key: key,
                algorithm: algorithm,
                message: algorithm?.scheme == .ed25519 ? digests.content.map(Array.init) : nil,
                directDigests: digests,
                notes: &notes
            ) {
                return result(failure)
            }
        }

        // Unsigned attributes: signature time-stamps and countersignatures (outside the signature).
        if let unsigned = signer.unsignedAttributes {
            let tokenVerifier = TimeStampTokenVerifier(options: options.timeStampOptions)
            for token in unsigned.signatureTimeStampTokens() {
                timeStamps.append(
                    tokenVerifier.verify(tokenBytes: Array(token), timeStampedData: signer.signature)
                )
            }
            if depth < options.maximumCountersignatureDepth {
                for (position, encoded) in unsigned.countersignatures().enumerated() {
                    do {
                        let counter = try CMSSignerInfo(berEncoded: encoded)
                        let counterDigests = CMSContentDigester.digests(
                            of: signer.signature[...],
                            for: CMSSignedData.single(counter),
                            extra: certificates,
                            options: options
                        )
                        countersignatures.append(
                            check(
                                counter,
                                index: position,
                                contentType: nil,
                                digests: counterDigests,
                                certificates: certificates,
                                isCountersignature: true,
                                depth: depth + 1
                            )
                        )
                    } catch {
                        notes.append("countersignature \(position) is malformed: \(userFacingDescription(of: error))")
                    }
                }
            } else if !unsigned.countersignatures().isEmpty {
                notes.append("countersignatures deeper than \(options.maximumCountersignatureDepth) were not checked")
            }
        }
        if level == .bb, timeStamps.contains(where: { $0.status.isValid }) { level = .bt }
        for failedStamp in timeStamps where !failedStamp.status.isValid {
            notes.append("a signature time-stamp is invalid: \(failedStamp.status)")
        }
        if let required = options.requiredBaselineLevel, !isCountersignature {
            guard let reached = level, reached >= required else {
                let code: CMSSignerFailure.Code =
                    required == .bt && level == .bb ? .timeStampInvalid : .missingAttribute
                return failed(
                    code,
                    required == .bt && level == .bb
                        ? "CAdES B-T needs a valid signature time-stamp; none was found"
                        : "CAdES B-B needs signing-certificate-v2 (or v1), signing-time, content-type and message-digest"
                )
            }
        }
        return result(.valid)
    }

    /// Checks a signature over signed attributes, which RFC 5652 §5.4 says covers their DER encoding. Most
    /// files carry them in DER, so the received bytes are what was signed; when the sender wrote the SET out of
    /// DER order (or in BER), the signature is checked over the DER re-encoding, as DSS and BouncyCastle do — a
    /// signature that verifies only over the received, non-DER bytes is refused with a sentence saying so
    /// (OpenSSL 3.0 checks the received bytes and so errs both ways).
    private func checkSignatureOverAttributes(
        _ signature: [UInt8],
        attributes: CMSAttributes,
        key: PublicKey,
        algorithm: SignatureAlgorithm?,
        notes: inout [String]
    ) -> CMSSignerStatus? {
        let received = attributes.signedBytes
        let der: [UInt8]
        do {
            der = try attributes.derSignedBytes()
        } catch {
            return .invalid(.init(code: .malformedAttribute, reason: userFacingDescription(of: error)))
        }
        if der == received {
            return checkSignature(
                signature,
                key: key,
                algorithm: algorithm,
                message: der,
                directDigests: nil,
                notes: &notes
            )
        }
        var derNotes: [String] = []
        let overDER = checkSignature(
            signature,
            key: key,
            algorithm: algorithm,
            message: der,
            directDigests: nil,
            notes: &derNotes
        )
        if overDER == nil {
            notes += derNotes
            notes.append(
                "the signed attributes were not sent in DER form (RFC 5652 §5.4); the signature was checked over "
                    + "their DER encoding"
            )
            return nil
        }
        var receivedNotes: [String] = []
        let overReceived = checkSignature(
            signature,
            key: key,
            algorithm: algorithm,
            message: received,
            directDigests: nil,
            notes: &receivedNotes
        )
        guard overReceived == nil else { return overDER }
        return .invalid(
            .init(
                code: .signatureInvalid,
                reason: "the signature covers the signed attributes as they were sent, not in DER form as RFC 5652 "
                    + "§5.4 requires; the signing software encodes them wrongly, so the signature cannot be relied on"
            )
        )
    }

    /// Checks the signature value; nil when valid (possibly with a note), else the status to report.
    private func checkSignature(
        _ signature: [UInt8],
        key: PublicKey,
        algorithm: SignatureAlgorithm?,
        message: [UInt8]?,
        directDigests: CMSContentDigests?,
        notes: inout [String]
    ) -> CMSSignerStatus? {
        guard let algorithm else { return .indeterminate(.init(code: .unsupportedAlgorithm, reason: "unknown")) }
        let invalid = CMSSignerStatus.invalid(
            CMSSignerFailure(code: .signatureInvalid, reason: "the \(algorithm) signature value does not verify")
        )
        if algorithm.scheme == .sm2 {
            guard let sm2 = key.sm2 else {
                return .invalid(.init(code: .algorithmMismatch, reason: "an SM2 signature with a non-SM2 key"))
            }
            // e = SM3(Z ‖ M) with the configured ID, then the two non-standard forms seen in the field.
            func e(_ userID: [UInt8]?) -> [UInt8]? {
                if let message {
                    guard let userID else { return SM3.hash(message) }
                    return try? sm2.digest(for: message, userID: userID)
                }
                guard let userID else { return directDigests?.digest(.sm3) }
                return (try? sm2.zValue(userID: userID)).flatMap { directDigests?.digest(.sm3, prefix: $0) }
            }
            guard message != nil || e(options.sm2UserID) != nil else {
                // Only a digest of the document was given: SM3(Z ‖ document) cannot be made from it.
                return .indeterminate(
                    .init(
                        code: .contentMissing,
                        reason: "an SM2 signature without signed attributes covers SM3(Z ‖ document); give the "
                            + "document itself"
                    )
                )
            }
            if let digest = e(options.sm2UserID), key.isValidSignature(signature, digest: digest, algorithm: algorithm)
            {
                return nil
            }
            if let digest = e([]), key.isValidSignature(signature, digest: digest, algorithm: algorithm) {
                guard options.sm2Compatibility.contains(.insecureEmptyUserID) else {
                    return .invalid(
                        .init(
                            code: .sm2NonStandardDigest,
                            reason: "the SM2 signature verifies only with an empty user ID (OpenSSL's default), "
                                + "not the GB/T 35275 default 1234567812345678"
                        )
                    )
                }
                notes.append("the SM2 signature uses an empty user ID (accepted by option)")
                return nil
            }
            if let digest = e(nil), key.isValidSignature(signature, digest: digest, algorithm: algorithm) {
                guard options.sm2Compatibility.contains(.nonStandardWithoutZ) else {
                    return .invalid(
                        .init(
                            code: .sm2NonStandardDigest,
                            reason: "the SM2 signature verifies only over SM3(M) without the Z value, which "
                                + "GB/T 32918.2 and GB/T 35275 require; accept it with the without-Z option"
                        )
                    )
                }
                notes.append("the SM2 signature was made without the Z value (accepted by option)")
                return nil
            }
            return invalid
        }
        if let message {
            return key.isValidSignature(signature, for: message, algorithm: algorithm) ? nil : invalid
        }
        guard let hash = algorithm.hash, let digest = directDigests?.digest(hash) else {
            return .indeterminate(
                .init(code: .contentMissing, reason: "\(algorithm) without signed attributes needs the whole content")
            )
        }
        return key.isValidSignature(signature, digest: digest, algorithm: algorithm) ? nil : invalid
    }

    private func sameAlgorithm(_ lhs: AlgorithmIdentifier, _ rhs: AlgorithmIdentifier) -> Bool {
        lhs.algorithm == rhs.algorithm
            && (lhs.parameters == rhs.parameters || (lhs.hasNoOrNullParameters && rhs.hasNoOrNullParameters))
    }
}

extension CMSSignedData {
    /// A SignedData shell around one signer, to reuse the digest planner for countersignatures.
    static func single(_ signer: CMSSignerInfo) -> CMSSignedData {
        CMSSignedData(
            contentInfoType: CMSObjectIdentifier.signedData,
            version: 1,
            digestAlgorithms: [signer.digestAlgorithm],
            encapsulatedContentType: CMSObjectIdentifier.data,
            encapsulatedContent: nil,
            signerInfos: [signer]
        )
    }
}
