public import SealbridgeCrypto
public import SealbridgeSM
public import SealbridgeX509
public import SwiftASN1

/// A signing key with its certificate (and the chain to include), checked to belong together.
public struct CMSSigner: Sendable {
    /// The private key.
    public let key: PrivateKey
    /// The signer's certificate.
    public let certificate: Certificate
    /// Further certificates to carry (intermediates, possibly the root).
    public let chain: [Certificate]
    /// The signature algorithm.
    public let signatureAlgorithm: SignatureAlgorithm
    /// The SM2 user ID for Z.
    public let sm2UserID: [UInt8]

    /// Pairs a key with its certificate.
    ///
    /// - Parameters:
    ///   - key: The private key.
    ///   - certificate: Its certificate.
    ///   - chain: Further certificates to carry.
    ///   - signatureAlgorithm: By default the key's usual one (SM2-with-SM3, ECDSA with the curve's hash,
    ///     SHA-256 with RSA PKCS #1 v1.5); pass ``SignatureAlgorithm/rsaPSS(hash:mgfHash:saltLength:)`` for PSS.
    ///   - sm2UserID: The SM2 user ID for Z.
    /// - Throws: `CMSError.signingFailed` when the key does not match the certificate's public key, or cannot
    ///   sign with the algorithm.
    public init(
        key: PrivateKey,
        certificate: Certificate,
        chain: [Certificate] = [],
        signatureAlgorithm: SignatureAlgorithm? = nil,
        sm2UserID: [UInt8] = SM2.defaultUserID
    ) throws {
        let algorithm = signatureAlgorithm ?? key.algorithm.defaultSignatureAlgorithm
        guard algorithm.hash != nil else {
            throw CMSError(code: .unsupported, reason: "\(algorithm) is not supported for CMS signing here")
        }
        // The pairing is checked by signing and verifying, so equivalent public-key encodings do not matter.
        let probe = Array("sealbridge key and certificate check".utf8)
        guard let certificateKey = try? certificate.publicKey(),
            let signature = try? key.signature(for: probe, algorithm: algorithm, sm2UserID: sm2UserID),
            certificateKey.isValidSignature(signature, for: probe, algorithm: algorithm, sm2UserID: sm2UserID)
        else {
            throw CMSError(
                code: .signingFailed,
                reason:
                    "the private key does not match the certificate \(certificate.subject), or cannot sign with \(algorithm)"
            )
        }
        self.key = key
        self.certificate = certificate
        self.chain = chain
        self.signatureAlgorithm = algorithm
        self.sm2UserID = sm2UserID
    }

    /// The digest algorithm: the signature algorithm's hash.
    var digestFunction: HashFunction { signatureAlgorithm.hash ?? .sha256 }
}

/// What a signature should look like.
public struct CMSSignOptions: Sendable {
    /// How the signer's certificate is named in SignerInfo.
    public enum SignerIdentifierForm: String, Sendable {
        /// issuerAndSerialNumber (SignerInfo v1).
        case issuerAndSerialNumber
        /// subjectKeyIdentifier (SignerInfo v3).
        case subjectKeyIdentifier
    }

    /// Leave the content out (a detached signature).
    public var detached = false
    /// RFC 5652 object identifiers, or GB/T 35275's.
    public var profile: CMSSignedData.Profile = .rfc5652
    /// Sign signed attributes (the default; CAdES needs them) or the content itself (GB/T 35275 allows both).
    public var usesSignedAttributes = true
    /// The signing-time attribute's value; `nil` leaves it out.
    public var signingTime: X509Time?
    /// The eContentType; by default id-data (or GB/T 35275 data).
    public var contentType: ASN1ObjectIdentifier?
    /// Include ESS signing-certificate-v2 (RFC 5035; CAdES B-B requires it).
    public var includesSigningCertificate = true
    /// Include CMSAlgorithmProtection (RFC 6211).
    public var includesAlgorithmProtection = true
    /// A commitment type (ETSI EN 319 122-1 §5.2.3), e.g. proof of origin `1.2.840.113549.1.9.16.6.1`.
    public var commitmentType: ASN1ObjectIdentifier?
    /// An RFC 3161 token over the content's digest (with the signer's digest algorithm), written as the
    /// content-time-stamp signed attribute (EN 319 122-1 §5.2.8): proof that the content existed before signing.
    public var contentTimeStampToken: [UInt8]?
    /// Where the signer claims to be.
    public var signerLocation: SignerLocation?
    /// The signer identifier form.
    public var signerIdentifier: SignerIdentifierForm = .issuerAndSerialNumber
    /// Carry the signers' certificates and chains.
    public var includesCertificates = true

    /// Defaults: attached, RFC 5652, signed attributes with signing-certificate-v2 and algorithm protection,
    /// signing time now.
    public init(signingTime: X509Time? = X509Time.now) {
        self.signingTime = signingTime
    }
}

/// The content to sign: bytes in memory, or a file streamed for a detached signature.
public enum CMSContent: Sendable {
    /// The bytes.
    case bytes([UInt8])
    /// A file read in pieces (hashes only: the content cannot be attached this way).
    case stream(@Sendable (_ consume: (UnsafeRawBufferPointer) -> Void) throws -> Void)
}

/// Makes CMS SignedData (RFC 5652 §5, GB/T 35275 for SM2), DER-encoded, with CAdES B-B attributes by default.
///
/// ```swift
/// let signer = try CMSSigner(key: key, certificate: certificate)
/// let signed = try CMSSignedDataBuilder.sign(.bytes(invoice), signers: [signer], options: CMSSignOptions())
/// let der = signed.derRepresentation
/// ```
public enum CMSSignedDataBuilder {
    /// Signs `content` with every signer.
    ///
    /// - Throws: `CMSError` when a signer cannot sign, or a streamed content is asked to be attached.
    public static func sign(
        _ content: CMSContent,
        signers: [CMSSigner],
        options: CMSSignOptions
    ) throws
        -> CMSSignedData
    {
        guard !signers.isEmpty else { throw CMSError.invalidValue("at least one signer is needed") }
        let contentType =
            options.contentType ?? (options.profile == .gm ? CMSObjectIdentifier.gmData : CMSObjectIdentifier.data)

        // Every digest the signers need, in one pass over the content.
        var channels = Set<CMSContentDigests.Channel>()
        for signer in signers {
            channels.insert(.init(function: signer.digestFunction, prefix: []))
            if !options.usesSignedAttributes, let sm2 = signer.key.sm2 {
                channels.insert(.init(function: .sm3, prefix: try zValue(sm2.publicKey, signer.sm2UserID)))
            }
        }
        var digester = CMSContentDigester(channels: channels)
        let attached: [UInt8]?
        switch content {
        case .bytes(let bytes):
            digester.update(bytes)
            attached = options.detached ? nil : bytes
        case .stream(let read):
            guard options.detached else {
                throw CMSError.invalidValue(
                    "streamed content can only be signed detached; read it into memory to attach it"
                )
            }
            try read { digester.update($0) }
            attached = nil
        }
        let digests = digester.finalizeDigests()

        var signerInfos: [CMSSignerInfo] = []
        for signer in signers {
            signerInfos.append(
                try signerInfo(signer, contentType: contentType, content: attached, digests: digests, options: options)
            )
        }
        var certificates: [Certificate] = []
        if options.includesCertificates {
            for certificate in signers.flatMap({ [$0.certificate] + $0.chain })
            where !certificates.contains(certificate) {
                certificates.append(certificate)
            }
        }
        // RFC 5652 §5.1: version 3 when any SignerInfo is v3 or the content is not id-data; GB/T 35275 uses 1.
        let version =
            options.profile == .gm
            ? 1 : (signerInfos.contains { $0.version == 3 } || contentType != CMSObjectIdentifier.data ? 3 : 1)
        return CMSSignedData(
            contentInfoType: options.profile == .gm ? CMSObjectIdentifier.gmSignedData : CMSObjectIdentifier.signedData,
            version: version,
            digestAlgorithms: signers.map { AlgorithmIdentifier(algorithm: $0.digestFunction.oid, parameters: nil) },
            encapsulatedContentType: contentType,
            encapsulatedContent: attached?[...],
            carried: CMSSignedData.Carried(certificates: certificates),
            signerInfos: signerInfos
        )
    }

    private static func zValue(_ key: SM2PublicKey, _ userID: [UInt8]) throws -> [UInt8] {
        do {
            return try key.zValue(userID: userID)
        } catch {
            throw CMSError(
                code: .signingFailed,
                reason: "the SM2 user ID cannot be used: \(userFacingDescription(of: error))"
            )
        }
    }

    /// Adds a countersignature by `counterSigner` to the signer at `index` (RFC 5652 §11.4): a SignerInfo over
    /// that signer's signature value, with signed attributes but no content-type, carried as an unsigned
    /// attribute.
    ///
    /// - Throws: `CMSError.invalidValue` for a bad index; `CMSError.signingFailed` when signing fails.
    public static func countersign(
        _ signedData: CMSSignedData,
        signerAt index: Int,
        with counterSigner: CMSSigner,
        signingTime: X509Time? = X509Time.now
    ) throws -> CMSSignedData {
        guard signedData.signerInfos.indices.contains(index) else {
            throw CMSError.invalidValue("there is no signer \(index) to countersign")
        }
        var options = CMSSignOptions(signingTime: signingTime)
        options.includesAlgorithmProtection = false
        let target = signedData.signerInfos[index]
        var hasher = StreamingHasher(counterSigner.digestFunction)
        hasher.update(target.signature)
        let counter = try signerInfo(
            counterSigner,
            contentType: nil,
            content: target.signature,
            digests: [.init(function: counterSigner.digestFunction, prefix: []): hasher.finalizeDigest()],
            options: options
        )
        let existing = target.unsignedAttributes?.attributes ?? []
        let attribute = CMSAttribute(
            type: CMSObjectIdentifier.countersignature,
            values: [try counter.derRepresentation]
        )
        var signers = signedData.signerInfos
        signers[index] = try target.replacingUnsignedAttributes(existing + [attribute])
        var result = signedData.replacingSignerInfos(signers)
        if !result.certificates.contains(counterSigner.certificate) {
            result = result.adding(certificates: [counterSigner.certificate])
        }
        return result
    }

    static func signerInfo(
        _ signer: CMSSigner,
        contentType: ASN1ObjectIdentifier?,
        content: [UInt8]?,
        digests: [CMSContentDigests.Channel: ComputedDigest],
        options: CMSSignOptions
    ) throws -> CMSSignerInfo {
        let function = signer.digestFunction
        let digestAlgorithm = AlgorithmIdentifier(algorithm: function.oid, parameters: nil)
        let signatureAlgorithm = try algorithmIdentifier(signer.signatureAlgorithm, profile: options.profile)
        let identifier: SignerIdentifier
        switch options.signerIdentifier {
        case .issuerAndSerialNumber:
            identifier = .issuerAndSerialNumber(
                issuer: signer.certificate.issuer,
                serialNumber: signer.certificate.serialNumber
            )
        case .subjectKeyIdentifier:
            guard let ski = try? signer.certificate.subjectKeyIdentifier() else {
                throw CMSError.invalidValue("the signer's certificate has no subjectKeyIdentifier to name it by")
            }
            identifier = .subjectKeyIdentifier(ski)
        }
        guard let contentDigest = digests[.init(function: function, prefix: [])] else {
            throw CMSError(code: .signingFailed, reason: "the content digest is missing")
        }
        var signedAttributes: CMSAttributes?
        let signature: [UInt8]
        do {
            if options.usesSignedAttributes {
                var attributes = [
                    CMSAttribute(
                        type: CMSObjectIdentifier.messageDigest,
                        values: [try ASN1OctetString(contentBytes: contentDigest.bytes[...]).serializedDER()]
                    )
                ]
                if let contentType {  // absent in countersignatures (RFC 5652 §11.4)
                    attributes.append(
                        CMSAttribute(type: CMSObjectIdentifier.contentType, values: [try contentType.serializedDER()])
                    )
                }
                if let time = options.signingTime {
                    attributes.append(
                        CMSAttribute(type: CMSObjectIdentifier.signingTime, values: [try time.serializedDER()])
                    )
                }
                if options.includesSigningCertificate {
                    attributes.append(try signingCertificateV2(signer.certificate, hash: function))
                }
                if options.includesAlgorithmProtection {
                    let protection = AlgorithmProtection(
                        digestAlgorithm: digestAlgorithm,
                        signatureAlgorithm: signatureAlgorithm
                    )
                    attributes.append(
                        CMSAttribute(
                            type: CMSObjectIdentifier.algorithmProtection,
                            values: [try protection.serializedDER()]
                        )
                    )
                }
                if let token = options.contentTimeStampToken {
                    attributes.append(CMSAttribute(type: CMSObjectIdentifier.contentTimeStamp, values: [token]))
                }
                if let commitment = options.commitmentType {
                    attributes.append(
                        CMSAttribute(
                            type: CMSObjectIdentifier.commitmentType,
                            values: [try CommitmentTypeIndication(commitment).serializedDER()]
                        )
                    )
                }
                if let location = options.signerLocation {
                    attributes.append(
                        CMSAttribute(type: CMSObjectIdentifier.signerLocation, values: [try location.serializedDER()])
                    )
                }
                let set = try CMSAttributes(attributes, tagNumber: 0)
                signedAttributes = set
                signature = try signer.key.signature(
                    for: set.signedBytes,
                    algorithm: signer.signatureAlgorithm,
                    sm2UserID: signer.sm2UserID
                )
            } else if let sm2 = signer.key.sm2 {
                let z = try zValue(sm2.publicKey, signer.sm2UserID)
                guard let e = digests[.init(function: .sm3, prefix: z)] else {
                    throw CMSError(code: .signingFailed, reason: "the SM2 digest is missing")
                }
                signature = try signer.key.signature(digest: e, algorithm: signer.signatureAlgorithm)
            } else if signer.signatureAlgorithm.scheme == .ed25519 {
                guard let content else {
                    throw CMSError.unsupported("Ed25519 without signed attributes needs the content attached")
                }
                signature = try signer.key.signature(for: content, algorithm: signer.signatureAlgorithm)
            } else {
                signature = try signer.key.signature(digest: contentDigest, algorithm: signer.signatureAlgorithm)
            }
        } catch let error as CMSError {
            throw error
        } catch {
            throw CMSError(
                code: .signingFailed,
                reason: "signing with \(signer.signatureAlgorithm) failed: \(userFacingDescription(of: error))"
            )
        }
        return CMSSignerInfo(
            version: options.signerIdentifier == .subjectKeyIdentifier ? 3 : 1,
            signerIdentifier: identifier,
            digestAlgorithm: digestAlgorithm,
            signedAttributes: signedAttributes,
            signatureAlgorithm: signatureAlgorithm,
            signature: signature,
            unsignedAttributes: nil
        )
    }

    /// ESS signing-certificate-v2 with one ESSCertIDv2 naming `certificate` by hash and issuerSerial (RFC 5035 §4;
    /// the hash algorithm is omitted when it is the default SHA-256).
    static func signingCertificateV2(_ certificate: Certificate, hash: HashFunction) throws -> CMSAttribute {
        let reference = SigningCertificateReference(
            version: 2,
            certificates: [
                SigningCertificateReference.CertificateID(
                    hash: HashAlgorithmReference(oid: hash.oid, hasNullParameters: false),
                    certificateHash: hash.digest(certificate.derBytes),
                    issuer: [.directoryName(certificate.issuer)],
                    serialNumber: Array(certificate.serialNumber)
                )
            ]
        )
        return CMSAttribute(type: CMSObjectIdentifier.signingCertificateV2, values: [try reference.serializedDER()])
    }

    /// The SignerInfo signatureAlgorithm for an algorithm: SM2 as `1.2.156.10197.1.501` (RFC 5652 profile, what
    /// BouncyCastle expects) or `1.2.156.10197.1.301.1` (GB/T 35275 §7.4); PKCS #1 v1.5 with NULL parameters;
    /// ECDSA without; PSS with explicit RSASSA-PSS-params (RFC 4055 §3.1).
    static func algorithmIdentifier(
        _ algorithm: SignatureAlgorithm,
        profile: CMSSignedData.Profile
    ) throws
        -> AlgorithmIdentifier
    {
        switch algorithm.scheme {
        case .sm2:
            return AlgorithmIdentifier(
                algorithm: profile == .gm ? CMSObjectIdentifier.sm2Signature : SignatureAlgorithm.sm2WithSM3.oid,
                parameters: nil
            )
        default:
            return try algorithm.algorithmIdentifier()
        }
    }
}

/// `CommitmentTypeIndication ::= SEQUENCE { commitmentTypeId OBJECT IDENTIFIER, commitmentTypeQualifier … OPTIONAL }`
/// (ETSI EN 319 122-1 §5.2.3), written without qualifiers.
struct CommitmentTypeIndication: DERSerializable {
    let commitmentTypeID: ASN1ObjectIdentifier

    init(_ commitmentTypeID: ASN1ObjectIdentifier) { self.commitmentTypeID = commitmentTypeID }

    func serialize(into coder: inout DER.Serializer) throws {
        try coder.appendConstructedNode(identifier: .sequence) { try $0.serialize(commitmentTypeID) }
    }
}
