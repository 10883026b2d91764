public import SealbridgeCrypto
public import SwiftASN1

/// An X.509 certificate, v1 to v3 (RFC 5280 §4.1), parsed strictly from DER.
///
/// ```
/// Certificate ::= SEQUENCE { tbsCertificate TBSCertificate, signatureAlgorithm AlgorithmIdentifier,
///                            signatureValue BIT STRING }
/// TBSCertificate ::= SEQUENCE {
///     version [0] EXPLICIT Version DEFAULT v1, serialNumber CertificateSerialNumber,
///     signature AlgorithmIdentifier, issuer Name, validity Validity, subject Name,
///     subjectPublicKeyInfo SubjectPublicKeyInfo,
///     issuerUniqueID [1] IMPLICIT UniqueIdentifier OPTIONAL,   -- v2, v3
///     subjectUniqueID [2] IMPLICIT UniqueIdentifier OPTIONAL,  -- v2, v3
///     extensions [3] EXPLICIT Extensions OPTIONAL }            -- v3
/// ```
///
/// The received bytes are kept: the signature is checked over `tbsCertificateBytes` exactly as received, and two
/// certificates are equal when their bytes are.
public struct Certificate: Hashable, Sendable, CustomStringConvertible {
    /// The whole certificate's DER.
    public let derBytes: [UInt8]
    /// The DER of `tbsCertificate` as received: what the signature covers.
    public let tbsCertificateBytes: ArraySlice<UInt8>
    /// 1, 2 or 3.
    public let version: Int
    /// The serial number's content bytes (two's complement, as encoded; RFC 5280 allows up to 20 octets, and
    /// validators must accept negative and zero serials from non-conforming CAs).
    public let serialNumber: ArraySlice<UInt8>
    /// `tbsCertificate.signature`, which must equal `signatureAlgorithm` (RFC 5280 §4.1.1.2).
    public let tbsSignatureAlgorithm: AlgorithmIdentifier
    /// The issuer's name.
    public let issuer: DistinguishedName
    /// Not valid before this time.
    public let notBefore: X509Time
    /// Not valid after this time.
    public let notAfter: X509Time
    /// The subject's name.
    public let subject: DistinguishedName
    /// The DER of `subjectPublicKeyInfo`.
    public let subjectPublicKeyInfoBytes: ArraySlice<UInt8>
    /// The algorithm of the subject public key (e.g. id-ecPublicKey, rsaEncryption, id-dsa).
    public let publicKeyAlgorithm: AlgorithmIdentifier
    /// `issuerUniqueID`, when present.
    public let issuerUniqueID: ASN1BitString?
    /// `subjectUniqueID`, when present.
    public let subjectUniqueID: ASN1BitString?
    /// The extensions in order (v3).
    public let extensions: [Extension]
    /// The outer `signatureAlgorithm`.
    public let signatureAlgorithm: AlgorithmIdentifier
    /// The signature value's bytes.
    public let signature: ArraySlice<UInt8>
    /// The unused bits of the signature BIT STRING (0 for every valid signature).
    public let signatureUnusedBits: Int

    /// The largest certificate accepted (hostile input bound; real ones are a few KB).
    public static let maximumByteCount = 1 << 20
    /// The most extensions a certificate may carry before it is refused.
    public static let maximumExtensionCount = 64

    /// Reads a DER certificate.
    ///
    /// - Throws: `X509Error` naming what is malformed.
    public init(derEncoded bytes: [UInt8]) throws {
        guard bytes.count <= Certificate.maximumByteCount else {
            throw X509Error.tooLarge(reason: "a certificate of \(bytes.count) bytes is over the 1 MiB limit")
        }
        do {
            self = try Certificate.parse(bytes)
        } catch let error as X509Error {
            throw error
        } catch {
            throw X509Error.malformedDER(
                reason: "the certificate is not valid DER: \(ASN1ErrorWording.detail(of: error))"
            )
        }
    }

    private static func parse(_ bytes: [UInt8]) throws -> Certificate {
        let root = try DER.parse(bytes)
        return try DER.sequence(root, identifier: .sequence) { nodes in
            guard let tbsNode = nodes.next() else {
                throw X509Error.malformedDER(reason: "the certificate has no tbsCertificate")
            }
            let outerAlgorithm = try AlgorithmIdentifier(derEncoded: &nodes)
            // A signature value with unused bits parses (OpenSSL and PKITS' broken-signature cases have them) but
            // never verifies: every supported algorithm's signature is a whole number of octets.
            let signatureBits = try ASN1BitString(derEncoded: &nodes)
            return try DER.sequence(tbsNode, identifier: .sequence) { tbs in
                let version = try DER.optionalExplicitlyTagged(&tbs, tagNumber: 0, tagClass: .contextSpecific) {
                    try Int(derEncoded: $0)
                }
                if version == 0 {
                    throw X509Error.malformedDER(reason: "version v1 must be omitted in DER (it is the default)")
                }
                let versionNumber = (version ?? 0) + 1
                guard (1...3).contains(versionNumber) else {
                    throw X509Error.invalidValue(reason: "certificate version \(versionNumber) is not 1, 2 or 3")
                }
                guard let serialNode = tbs.next(), serialNode.identifier == .integer,
                    case .primitive(let serialContent) = serialNode.content
                else {
                    throw X509Error.malformedDER(reason: "the serial number is not an INTEGER")
                }
                // X.690 §8.3.2: an INTEGER is at least one octet and minimal. RFC 5280 asks validators to cope
                // with negative or zero serials from non-conforming CAs, so the sign is not checked here.
                guard let first = serialContent.first else {
                    throw X509Error.malformedDER(reason: "the serial number INTEGER is empty")
                }
                if serialContent.count > 1, let second = serialContent.dropFirst().first,
                    (first == 0x00 && second & 0x80 == 0) || (first == 0xFF && second & 0x80 != 0)
                {
                    throw X509Error.malformedDER(reason: "the serial number INTEGER is not minimally encoded")
                }
                let innerAlgorithm = try AlgorithmIdentifier(derEncoded: &tbs)
                let issuer = try DistinguishedName(derEncoded: &tbs)
                guard let validityNode = tbs.next() else {
                    throw X509Error.malformedDER(reason: "Validity is missing")
                }
                let (notBefore, notAfter) = try DER.sequence(validityNode, identifier: .sequence) { validity in
                    guard let before = validity.next(), let after = validity.next() else {
                        throw X509Error.malformedDER(reason: "Validity needs notBefore and notAfter")
                    }
                    return (try X509Time(derEncoded: before), try X509Time(derEncoded: after))
                }
                let subject = try DistinguishedName(derEncoded: &tbs)
                guard let spkiNode = tbs.next(), spkiNode.identifier == .sequence else {
                    throw X509Error.malformedDER(reason: "subjectPublicKeyInfo is missing")
                }
                let keyAlgorithm = try DER.sequence(spkiNode, identifier: .sequence) { spki in
                    let algorithm = try AlgorithmIdentifier(derEncoded: &spki)
                    _ = try ASN1BitString(derEncoded: &spki)
                    return algorithm
                }
                let issuerUID = try DER.optionalImplicitlyTagged(
                    &tbs,
                    tag: ASN1Identifier(tagWithNumber: 1, tagClass: .contextSpecific)
                ) { try ASN1BitString(derEncoded: $0, withIdentifier: $0.identifier) }
                let subjectUID = try DER.optionalImplicitlyTagged(
                    &tbs,
                    tag: ASN1Identifier(tagWithNumber: 2, tagClass: .contextSpecific)
                ) { try ASN1BitString(derEncoded: $0, withIdentifier: $0.identifier) }
                if (issuerUID != nil || subjectUID != nil) && versionNumber < 2 {
                    throw X509Error.invalidValue(reason: "unique identifiers need version 2 or 3 (RFC 5280 §4.1.2.8)")
                }
                let extensions: [Extension] =
                    try DER.optionalExplicitlyTagged(&tbs, tagNumber: 3, tagClass: .contextSpecific) { node in
                        try DER.sequence(of: Extension.self, identifier: .sequence, rootNode: node)
                    } ?? []
                if !extensions.isEmpty && versionNumber != 3 {
                    throw X509Error.invalidValue(reason: "extensions need version 3 (RFC 5280 §4.1.2.9)")
                }
                guard extensions.count <= Certificate.maximumExtensionCount else {
                    throw X509Error.tooLarge(reason: "more than \(Certificate.maximumExtensionCount) extensions")
                }
                // At most 64 extensions: a pairwise check costs less than a hash set's allocation.
                for (index, item) in extensions.enumerated()
                where extensions[..<index].contains(where: { $0.oid == item.oid }) {
                    throw X509Error.invalidValue(
                        reason: "extension \(item.oid.displayText) appears twice (RFC 5280 §4.2)"
                    )
                }
                return Certificate(
                    derBytes: bytes,
                    tbsCertificateBytes: tbsNode.encodedBytes,
                    version: versionNumber,
                    serialNumber: serialContent,
                    tbsSignatureAlgorithm: innerAlgorithm,
                    issuer: issuer,
                    notBefore: notBefore,
                    notAfter: notAfter,
                    subject: subject,
                    subjectPublicKeyInfoBytes: spkiNode.encodedBytes,
                    publicKeyAlgorithm: keyAlgorithm,
                    issuerUniqueID: issuerUID,
                    subjectUniqueID: subjectUID,
                    extensions: extensions,
                    signatureAlgorithm: outerAlgorithm,
                    signature: signatureBits.bytes,
                    signatureUnusedBits: Int(signatureBits.paddingBits)
                )
            }
        }
    }

    private init(
        derBytes: [UInt8],
        tbsCertificateBytes: ArraySlice<UInt8>,
        version: Int,
        serialNumber: ArraySlice<UInt8>,
        tbsSignatureAlgorithm: AlgorithmIdentifier,
        issuer: DistinguishedName,
        notBefore: X509Time,
        notAfter: X509Time,
        subject: DistinguishedName,
        subjectPublicKeyInfoBytes: ArraySlice<UInt8>,
        publicKeyAlgorithm: AlgorithmIdentifier,
        issuerUniqueID: ASN1BitString?,
        subjectUniqueID: ASN1BitString?,
        extensions: [Extension],
        signatureAlgorithm: AlgorithmIdentifier,
        signature: ArraySlice<UInt8>,
        signatureUnusedBits: Int
    ) {
        self.derBytes = derBytes
        self.tbsCertificateBytes = tbsCertificateBytes
        self.version = version
        self.serialNumber = serialNumber
        self.tbsSignatureAlgorithm = tbsSignatureAlgorithm
        self.issuer = issuer
        self.notBefore = notBefore
        self.notAfter = notAfter
        self.subject = subject
        self.subjectPublicKeyInfoBytes = subjectPublicKeyInfoBytes
        self.publicKeyAlgorithm = publicKeyAlgorithm
        self.issuerUniqueID = issuerUniqueID
        self.subjectUniqueID = subjectUniqueID
        self.extensions = extensions
        self.signatureAlgorithm = signatureAlgorithm
        self.signature = signature
        self.signatureUnusedBits = signatureUnusedBits
    }

    /// The subject public key, when its algorithm is one SealbridgeCrypto supports (not DSA, not brainpool yet).
    ///
    /// - Throws: `CryptoError.invalidKey` for an unsupported or invalid key.
    public func publicKey() throws -> PublicKey {
        try PublicKey(derRepresentation: Array(subjectPublicKeyInfoBytes))
    }

    /// The extension with `oid`, if present.
    public func `extension`(_ oid: ASN1ObjectIdentifier) -> Extension? {
        extensions.first { $0.oid == oid }
    }

    /// Whether subject and issuer are the same name (byte-for-byte here; RFC 5280 §7.1 matching comes with path
    /// validation).
    public var isSelfIssued: Bool { subject.derBytes == issuer.derBytes }

    /// `subject`, serial and validity in one line.
    public var description: String {
        "Certificate(subject: \(subject), issuer: \(issuer), serial: \(hex(serialNumber)), \(notBefore)…\(notAfter))"
    }

    /// Equal when the DER bytes are equal.
    public static func == (lhs: Certificate, rhs: Certificate) -> Bool { lhs.derBytes == rhs.derBytes }

    /// Hashes the DER bytes.
    public func hash(into hasher: inout Hasher) { hasher.combine(derBytes) }
}
