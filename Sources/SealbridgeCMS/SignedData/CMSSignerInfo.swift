public import SealbridgeCrypto
public import SealbridgeX509
public import SwiftASN1

/// How a `SignerInfo` names its certificate (RFC 5652 §5.3).
public enum SignerIdentifier: Hashable, Sendable, CustomStringConvertible, DERParseable, DERSerializable {
    /// `issuerAndSerialNumber`: the issuer's name and the serial number's content bytes (version 1).
    case issuerAndSerialNumber(issuer: DistinguishedName, serialNumber: ArraySlice<UInt8>)
    /// `subjectKeyIdentifier` `[0]` (version 3).
    case subjectKeyIdentifier([UInt8])

    /// Whether `certificate` is the one named; the issuer by RFC 5280 §7.1 name matching (as OpenSSL's
    /// `X509_NAME_cmp` does), since signers re-encode names.
    public func matches(_ certificate: Certificate) -> Bool {
        switch self {
        case .issuerAndSerialNumber(let issuer, let serial):
            return certificate.serialNumber == serial && issuer.matches(certificate.issuer)
        case .subjectKeyIdentifier(let identifier):
            return (try? certificate.subjectKeyIdentifier()).flatMap { $0 } == identifier
        }
    }

    /// `issuer=…, serial=…` or `subjectKeyIdentifier=…`.
    public var description: String {
        switch self {
        case .issuerAndSerialNumber(let issuer, let serial):
            return "issuer=\(issuer), serial=\(HexEncoding.encode(serial))"
        case .subjectKeyIdentifier(let identifier):
            return "subjectKeyIdentifier=\(HexEncoding.encode(identifier))"
        }
    }

    /// Reads either choice.
    ///
    /// - Throws: `CMSError` naming the bad field.
    public init(derEncoded node: ASN1Node) throws {
        if node.identifier == ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific) {
            guard case .primitive(let bytes) = node.content else {
                throw CMSError.malformed("subjectKeyIdentifier [0] is not primitive")
            }
            self = .subjectKeyIdentifier(Array(bytes))
            return
        }
        self = try DER.sequence(node, identifier: .sequence) { nodes in
            let issuer = try DistinguishedName(derEncoded: &nodes)
            guard let serial = nodes.next(), serial.identifier == .integer, case .primitive(let bytes) = serial.content,
                !bytes.isEmpty
            else {
                throw CMSError.malformed("issuerAndSerialNumber has no serial number INTEGER")
            }
            return .issuerAndSerialNumber(issuer: issuer, serialNumber: bytes)
        }
    }

    /// Writes the choice: `IssuerAndSerialNumber` (the name as received, the serial's content octets) or
    /// `[0] IMPLICIT SubjectKeyIdentifier`.
    public func serialize(into coder: inout DER.Serializer) throws {
        switch self {
        case .issuerAndSerialNumber(let issuer, let serial):
            try coder.appendConstructedNode(identifier: .sequence) { coder in
                try coder.serialize(issuer)
                coder.appendPrimitiveNode(identifier: .integer) { $0.append(contentsOf: serial) }
            }
        case .subjectKeyIdentifier(let identifier):
            coder.appendPrimitiveNode(identifier: ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)) {
                $0.append(contentsOf: identifier)
            }
        }
    }
}

/// One signer of a `SignedData` (RFC 5652 §5.3), with the received bytes of what its signature covers.
///
/// ```
/// SignerInfo ::= SEQUENCE { version CMSVersion, sid SignerIdentifier, digestAlgorithm DigestAlgorithmIdentifier,
///     signedAttrs [0] IMPLICIT SignedAttributes OPTIONAL, signatureAlgorithm SignatureAlgorithmIdentifier,
///     signature SignatureValue, unsignedAttrs [1] IMPLICIT UnsignedAttributes OPTIONAL }
/// ```
public struct CMSSignerInfo: Hashable, Sendable, DERImplicitlyTaggable {
    /// SEQUENCE.
    public static var defaultIdentifier: ASN1Identifier { .sequence }

    /// 1 (issuerAndSerialNumber) or 3 (subjectKeyIdentifier).
    public let version: Int
    /// The signer's certificate reference.
    public let signerIdentifier: SignerIdentifier
    /// The digest algorithm over the content (and the signed attributes).
    public let digestAlgorithm: AlgorithmIdentifier
    /// The signed attributes, when present; their received bytes are what the signature covers.
    public let signedAttributes: CMSAttributes?
    /// The signature algorithm as written (which may be a key OID such as rsaEncryption, RFC 3370 §3.2).
    public let signatureAlgorithm: AlgorithmIdentifier
    /// The signature value.
    public internal(set) var signature: [UInt8]
    /// The unsigned attributes, when present.
    public internal(set) var unsignedAttributes: CMSAttributes?

    /// Reads one `SignerInfo`.
    ///
    /// - Throws: `CMSError.malformed` naming the bad field.
    public init(berEncoded bytes: ArraySlice<UInt8>) throws {
        try self.init(derEncoded: BERInput.parse(bytes, what: "SignerInfo"))
    }

    /// Reads one `SignerInfo` from a parsed node carrying `identifier`.
    ///
    /// - Throws: `CMSError` naming the bad field.
    public init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try CMSError.reading("a SignerInfo") {
            try DER.sequence(node, identifier: identifier) { nodes in
                let version = try Int(derEncoded: &nodes)
                guard let sidNode = nodes.next() else { throw CMSError.malformed("SignerInfo has no sid") }
                let sid = try SignerIdentifier(derEncoded: sidNode)
                let digest = try AlgorithmIdentifier(derEncoded: &nodes)
                guard var next = nodes.next() else { throw CMSError.malformed("SignerInfo ends after digestAlgorithm") }
                var signed: CMSAttributes?
                if next.identifier == ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific) {
                    signed = try CMSAttributes(node: next)
                    guard let after = nodes.next() else {
                        throw CMSError.malformed("SignerInfo ends after signedAttrs")
                    }
                    next = after
                }
                let algorithm = try AlgorithmIdentifier(derEncoded: next)
                guard let signatureNode = nodes.next() else { throw CMSError.malformed("SignerInfo has no signature") }
                let signature = Array(try BERInput.octetString(signatureNode))
                var unsigned: CMSAttributes?
                if let rest = nodes.next() {
                    guard rest.identifier == ASN1Identifier(tagWithNumber: 1, tagClass: .contextSpecific) else {
                        throw CMSError.malformed("SignerInfo has an unexpected field \(rest.identifier)")
                    }
                    unsigned = try CMSAttributes(node: rest)
                }
                guard nodes.next() == nil else { throw CMSError.malformed("SignerInfo has fields after unsignedAttrs") }
                switch (version, sid) {
                case (1, .issuerAndSerialNumber), (3, .subjectKeyIdentifier):
                    break
                default:
                    throw CMSError.invalidValue("SignerInfo version \(version) does not fit its sid (RFC 5652 §5.3)")
                }
                return CMSSignerInfo(
                    version: version,
                    signerIdentifier: sid,
                    digestAlgorithm: digest,
                    signedAttributes: signed,
                    signatureAlgorithm: algorithm,
                    signature: signature,
                    unsignedAttributes: unsigned
                )
            }
        }
    }

    init(
        version: Int,
        signerIdentifier: SignerIdentifier,
        digestAlgorithm: AlgorithmIdentifier,
        signedAttributes: CMSAttributes?,
        signatureAlgorithm: AlgorithmIdentifier,
        signature: [UInt8],
        unsignedAttributes: CMSAttributes?
    ) {
        self.version = version
        self.signerIdentifier = signerIdentifier
        self.digestAlgorithm = digestAlgorithm
        self.signedAttributes = signedAttributes
        self.signatureAlgorithm = signatureAlgorithm
        self.signature = signature
        self.unsignedAttributes = unsignedAttributes
    }

    /// The same signer with `attributes` as its unsigned attributes (e.g. a signature time-stamp added for
    /// CAdES B-T). The signature is untouched: unsigned attributes are outside it.
    ///
    /// - Throws: when an attribute cannot be encoded.
    public func replacingUnsignedAttributes(_ attributes: [CMSAttribute]) throws -> CMSSignerInfo {
        var copy = self
        copy.unsignedAttributes = attributes.isEmpty ? nil : try CMSAttributes(attributes, tagNumber: 1)
        return copy
    }

    /// The same signer with another signature value (one recovered from an encrypted `encryptedDigest`).
    func replacingSignature(_ signature: [UInt8]) -> CMSSignerInfo {
        var copy = self
        copy.signature = signature
        return copy
    }

    /// The DER encoding; signed attributes are copied as received so the signature still covers them.
    ///
    /// - Throws: when a field cannot be encoded.
    public var derRepresentation: [UInt8] {
        get throws { try serializedDER() }
    }

    /// Writes the fields; both attribute sets as their received (or built) bytes, so the signature still covers
    /// the signed ones.
    public func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(version)
            try coder.serialize(signerIdentifier)
            try coder.serialize(digestAlgorithm)
            if let signedAttributes { coder.serializeRawBytes(signedAttributes.receivedBytes) }
            try coder.serialize(signatureAlgorithm)
            try coder.serialize(ASN1OctetString(contentBytes: signature[...]))
            if let unsignedAttributes { coder.serializeRawBytes(unsignedAttributes.receivedBytes) }
        }
    }

    /// The digest algorithm as a hash function, with its parameters checked (absent or NULL, RFC 5754 §2).
    ///
    /// - Throws: `CMSError.unsupported` for an unknown digest.
    public func digestFunction() throws -> HashFunction {
        guard digestAlgorithm.hasNoOrNullParameters, let function = HashFunction(oid: digestAlgorithm.algorithm)
        else {
            throw CMSError.unsupported("digest algorithm \(digestAlgorithm.algorithm.displayText) is not supported")
        }
        return function
    }

    /// The signature algorithm resolved against the digest algorithm: a key OID (rsaEncryption, id-ecPublicKey,
    /// the SM2 OIDs) takes its hash from `digestAlgorithm` (RFC 3370 §3.2, RFC 5753 §2.1.1, GB/T 35275 §7.4);
    /// a combined OID must name the same hash as `digestAlgorithm`.
    ///
    /// - Throws: `CMSError.unsupported` or `.invalidValue` naming the mismatch.
    public func resolvedSignatureAlgorithm() throws -> SignatureAlgorithm {
        let hash = try digestFunction()
        switch signatureAlgorithm.algorithm {
        case CMSObjectIdentifier.rsaEncryption:
            switch hash {
            case .sha256: return .sha256WithRSAEncryption
            case .sha384: return .sha384WithRSAEncryption
            case .sha512: return .sha512WithRSAEncryption
            case .insecureSHA1: return .sha1WithRSAEncryption
            case .sm3: return .sm3WithRSAEncryption
            case .sha3_256: return .sha3_256WithRSAEncryption
            case .sha3_384: return .sha3_384WithRSAEncryption
            case .sha3_512: return .sha3_512WithRSAEncryption
            }
        case CMSObjectIdentifier.ecPublicKey:
            switch hash {
            case .sha256: return .ecdsaWithSHA256
            case .sha384: return .ecdsaWithSHA384
            case .sha512: return .ecdsaWithSHA512
            case .insecureSHA1: return .ecdsaWithSHA1
            case .sm3: throw CMSError.unsupported("ECDSA with SM3 is not a defined algorithm")
            case .sha3_256: return .ecdsaWithSHA3_256
            case .sha3_384: return .ecdsaWithSHA3_384
            case .sha3_512: return .ecdsaWithSHA3_512
            }
        case CMSObjectIdentifier.sm2Signature, CMSObjectIdentifier.sm2Key, SignatureAlgorithm.sm2WithSM3.oid:
            guard hash == .sm3 else {
                throw CMSError.invalidValue("an SM2 signature needs the SM3 digest algorithm (GB/T 35275); got \(hash)")
            }
            return .sm2WithSM3
        default:
            let algorithm: SignatureAlgorithm
            do {
                algorithm = try SignatureAlgorithm(identifier: signatureAlgorithm)
            } catch {
                throw CMSError.unsupported(
                    "signature algorithm \(signatureAlgorithm.algorithm.displayText) is not supported"
                )
            }
            if let own = algorithm.hash, own != hash {
                throw CMSError.invalidValue(
                    "signatureAlgorithm \(algorithm) hashes with \(own) but digestAlgorithm is \(hash)"
                )
            }
            return algorithm
        }
    }
}
