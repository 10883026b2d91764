import SealbridgeCrypto
public import SealbridgeX509
public import SwiftASN1

/// An RFC 3161 time-stamp token: a SignedData whose content is a ``TSTInfo`` (RFC 3161 §2.4.2).
public struct TimeStampToken: Sendable {
    /// The SignedData.
    public let signedData: CMSSignedData
    /// The TSTInfo it carries.
    public let info: TSTInfo
    /// The token's DER as received.
    public let derBytes: [UInt8]

    /// Reads a token (a ContentInfo).
    ///
    /// - Throws: `CMSError` when it is not SignedData, its content is not id-ct-TSTInfo, or TSTInfo is malformed.
    public init(derEncoded bytes: [UInt8]) throws {
        let signedData = try CMSSignedData(berEncoded: bytes)
        guard signedData.encapsulatedContentType == CMSObjectIdentifier.tstInfo else {
            throw CMSError.invalidValue(
                "the token's eContentType is \(signedData.encapsulatedContentType.displayText), not id-ct-TSTInfo (RFC 3161 §2.4.2)"
            )
        }
        guard let content = signedData.encapsulatedContent else {
            throw CMSError.invalidValue("the token carries no TSTInfo (its content is detached)")
        }
        self.signedData = signedData
        self.info = try TSTInfo(derEncoded: Array(content))
        self.derBytes = bytes
    }
}

/// How time-stamp tokens are checked.
public struct TimeStampVerificationOptions: Sendable {
    /// Trust anchors for the TSA's certificate path, validated at genTime with the timeStamping EKU. `nil`
    /// leaves the path to the caller (the token is then checked only in itself).
    public var trustStore: TrustStore?
    /// Untrusted certificates to build the TSA's path with, beyond those in the token.
    public var intermediates: [Certificate] = []
    /// The policy the token must carry, when set.
    public var requiredPolicy: ASN1ObjectIdentifier?
    /// CRLs for the TSA's path beyond those the token carries (e.g. those the signature carries and those given).
    public var crls: [CertificateRevocationList] = []
    /// How the TSA's path is checked for revocation: where a CRL is at hand, by default. The facts are in
    /// ``TimeStampVerification/path``.
    public var revocation: ValidationOptions.RevocationMode = .whereAvailable
    /// When the CRLs for the TSA's path must be current; nil: genTime. A validator gives the current time, so that
    /// CRLs obtained now judge the TSA certificate as of genTime: a revocation dated before genTime fails the path,
    /// one dated after it is reported and tolerated (EN 319 102-1 §5.5.4 4a, as for a signer at
    /// best-signature-time).
    public var revocationTime: X509Time?
    /// The defaults: no trust store, any policy.
    public init() {}
}

/// The outcome of checking one time-stamp token.
public struct TimeStampVerification: Sendable {
    /// Valid, or why not.
    public enum Status: Hashable, Sendable, CustomStringConvertible {
        /// Every check passed.
        case valid
        /// A check failed; the reason says which.
        case invalid(String)
        /// The token is sound in itself but its TSA path could not be validated (e.g. no anchor).
        case indeterminate(String)

        /// Whether `.valid`.
        public var isValid: Bool { self == .valid }

        /// `valid`, `invalid: …` or `indeterminate: …`.
        public var description: String {
            switch self {
            case .valid: return "valid"
            case .invalid(let reason): return "invalid: \(reason)"
            case .indeterminate(let reason): return "indeterminate: \(reason)"
            }
        }
    }

    /// The outcome.
    public let status: Status
    /// The token, when it parsed.
    public let token: TimeStampToken?
    /// The TSA's certificate, when found.
    public let tsaCertificate: Certificate?
    /// The validated TSA path, when a trust store was given and it validated.
    public let path: VerifiedPath?

    /// genTime, when the token parsed.
    public var genTime: PreciseTime? { token?.info.genTime }

    /// An outcome (a format reader's, for a token it could not even give to the verifier).
    package init(status: Status, token: TimeStampToken?, tsaCertificate: Certificate?, path: VerifiedPath?) {
        self.status = status
        self.token = token
        self.tsaCertificate = tsaCertificate
        self.path = path
    }
}

/// Checks RFC 3161 tokens: the CMS signature (with ESS signing-certificate binding, RFC 3161 §2.4.1 and RFC 5816),
/// the TSA certificate's critical, sole timeStamping EKU (§2.3), genTime within the certificate's validity, the
/// imprint, the nonce and the policy; and the TSA path when anchors are given.
public struct TimeStampTokenVerifier: Sendable {
    /// The options.
    public let options: TimeStampVerificationOptions

    /// Makes a verifier.
    public init(options: TimeStampVerificationOptions = TimeStampVerificationOptions()) {
        self.options = options
    }

    /// Checks a token over `timeStampedData` (hashed with the token's imprint algorithm).
    public func verify(tokenBytes: [UInt8], timeStampedData: [UInt8], nonce: [UInt8]? = nil) -> TimeStampVerification {
        verify(tokenBytes: tokenBytes, expectedImprint: nil, data: timeStampedData, nonce: nonce)
    }

    /// Checks a token against the imprint a request carried (`openssl ts -verify -queryfile`).
    public func verify(tokenBytes: [UInt8], request: TimeStampRequest) -> TimeStampVerification {
        var result = verify(
            tokenBytes: tokenBytes,
            expectedImprint: request.messageImprint,
            data: nil,
            nonce: request.nonce
        )
        if result.status.isValid, let policy = request.policy, result.token?.info.policy != policy {
            result = TimeStampVerification(
                status: .invalid("the token's policy is not the requested \(policy.dottedText)"),
                token: result.token,
                tsaCertificate: result.tsaCertificate,
                path: nil
            )
        }
        return result
    }

    /// Checks a token against an expected imprint.
    public func verify(
        tokenBytes: [UInt8],
        expectedImprint: MessageImprint,
        nonce: [UInt8]? = nil
    )
        -> TimeStampVerification
    {
        verify(tokenBytes: tokenBytes, expectedImprint: expectedImprint, data: nil, nonce: nonce)
    }

    private func verify(
        tokenBytes: [UInt8],
        expectedImprint: MessageImprint?,
        data: [UInt8]?,
        nonce: [UInt8]?
    )
        -> TimeStampVerification
    {
        let token: TimeStampToken
        do {
            token = try TimeStampToken(derEncoded: tokenBytes)
        } catch {
            return TimeStampVerification(
                status: .invalid("the token is malformed: \(userFacingDescription(of: error))"),
                token: nil,
                tsaCertificate: nil,
                path: nil
            )
        }
        var certificate: Certificate?
        func outcome(_ status: TimeStampVerification.Status, path: VerifiedPath? = nil) -> TimeStampVerification {
            TimeStampVerification(status: status, token: token, tsaCertificate: certificate, path: path)
        }
        let info = token.info
        // The imprint.
        if let expectedImprint {
            guard info.messageImprint.matches(expectedImprint) else {
                return outcome(.invalid("the token's message imprint does not match the request's"))
            }
        } else if let data {
            guard let function = info.messageImprint.hashFunction else {
                return outcome(
                    .invalid(
                        "the imprint's hash \(info.messageImprint.hashAlgorithm.algorithm.displayText) is not supported"
                    )
                )
            }
            guard function.digest(data) == info.messageImprint.hashedMessage else {
                return outcome(.invalid("the token's message imprint does not match the time-stamped data"))
            }
        }
        if let nonce, info.nonce != nonce {
            return outcome(.invalid("the token's nonce does not match the request's"))
        }
        if let required = options.requiredPolicy, info.policy != required {
            return outcome(
                .invalid("the token's policy \(info.policy.dottedText) is not the required \(required.dottedText)")
            )
        }
        // RFC 3161 §2.4.2: exactly one signer.
        guard token.signedData.signerInfos.count == 1, let signer = token.signedData.signerInfos.first else {
            return outcome(.invalid("a time-stamp token must have exactly one signer"))
        }
        let extra = options.intermediates
        certificate = token.signedData.certificate(for: signer, among: extra)
        // The CMS signature with its ESS binding.
        guard let attributes = signer.signedAttributes else {
            return outcome(
                .invalid("the token's signer has no signed attributes (RFC 3161 §2.4.1 needs ESS signing-certificate)")
            )
        }
        let hasESS =
            ((try? attributes.signingCertificateV2()) ?? nil) != nil
            || ((try? attributes.signingCertificateV1()) ?? nil) != nil
        guard hasESS else {
            return outcome(
                .invalid("the token has no ESS signing-certificate(-v2) attribute (RFC 3161 §2.4.1, RFC 5816)")
            )
        }
        let cms = CMSVerifier().verify(token.signedData, extraCertificates: extra)
        guard let signerResult = cms.signers.first else { return outcome(.invalid("no signer")) }
        switch signerResult.status {
        case .valid: break
        case .invalid(let failure): return outcome(.invalid("the token's signature: \(failure)"))
        case .indeterminate(let failure): return outcome(.indeterminate("the token's signature: \(failure)"))
        }
        guard let certificate else { return outcome(.indeterminate("the TSA certificate was not found")) }
        // RFC 3161 §2.3: the TSA certificate's EKU is critical and holds only id-kp-timeStamping.
        guard let eku = certificate.extension(ExtensionOID.extendedKeyUsage), eku.isCritical,
            let usages = try? certificate.extendedKeyUsage(), usages == [CMSObjectIdentifier.timeStampingUsage]
        else {
            return outcome(
                .invalid(
                    "the TSA certificate must have a critical extendedKeyUsage with only timeStamping (RFC 3161 §2.3)"
                )
            )
        }
        guard certificate.notBefore.secondsSinceEpoch <= info.genTime.secondsSinceEpoch,
            info.genTime.secondsSinceEpoch <= certificate.notAfter.secondsSinceEpoch
        else {
            return outcome(.invalid("genTime \(info.genTime) is outside the TSA certificate's validity"))
        }
        guard let trustStore = options.trustStore else { return outcome(.valid) }
        var pathOptions = ValidationOptions(time: info.genTime.x509Time)
        pathOptions.requiredExtendedKeyUsages = [CMSObjectIdentifier.timeStampingUsage]
        pathOptions.revocation = options.revocation
        if let revocationTime = options.revocationTime {
            pathOptions.revocationTime = revocationTime
            pathOptions.toleratesRevocationAfterTime = true
        }
        let verifier = CertificateVerifier(
            trustStore: trustStore,
            intermediates: token.signedData.certificates + extra,
            crls: token.signedData.crls + options.crls,
            options: pathOptions
        )
        switch verifier.verify(certificate) {
        case .valid(let path): return outcome(.valid, path: path)
        case .invalid(let failure): return outcome(.indeterminate("the TSA certificate path: \(failure)"))
        }
    }
}
