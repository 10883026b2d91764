public import SealbridgeCrypto
public import SwiftASN1

/// An X.509 certificate revocation list, v1 or v2 (RFC 5280 §5), parsed strictly from DER.
///
/// ```
/// CertificateList ::= SEQUENCE { tbsCertList TBSCertList, signatureAlgorithm AlgorithmIdentifier,
///                                signatureValue BIT STRING }
/// TBSCertList ::= SEQUENCE {
///     version Version OPTIONAL,  -- v2 when present
///     signature AlgorithmIdentifier, issuer Name, thisUpdate Time, nextUpdate Time OPTIONAL,
///     revokedCertificates SEQUENCE OF SEQUENCE {
///         userCertificate CertificateSerialNumber, revocationDate Time,
///         crlEntryExtensions Extensions OPTIONAL } OPTIONAL,
///     crlExtensions [0] EXPLICIT Extensions OPTIONAL }
/// ```
public struct CertificateRevocationList: Hashable, Sendable, CustomStringConvertible {
    /// One revoked certificate.
    public struct Entry: Hashable, Sendable {
        /// The revoked certificate's serial number (content bytes).
        public let serialNumber: [UInt8]
        /// When it was revoked.
        public let revocationDate: X509Time
        /// Entry extensions: reasonCode, invalidityDate, certificateIssuer (indirect CRLs).
        public let extensions: [Extension]

        /// The entry extension with `oid`, if present.
        public func `extension`(_ oid: ASN1ObjectIdentifier) -> Extension? {
            extensions.first { $0.oid == oid }
        }
    }

    /// The whole CRL's DER.
    public let derBytes: [UInt8]
    /// The DER of `tbsCertList` as received: what the signature covers.
    public let tbsCertListBytes: [UInt8]
    /// 1 or 2.
    public let version: Int
    /// `tbsCertList.signature`.
    public let tbsSignatureAlgorithm: AlgorithmIdentifier
    /// The CRL issuer's name.
    public let issuer: DistinguishedName
    /// When this CRL was issued.
    public let thisUpdate: X509Time
    /// When the next one will be issued, if said.
    public let nextUpdate: X509Time?
    /// The revoked certificates in order.
    public let entries: [Entry]
    /// CRL extensions (v2): cRLNumber, deltaCRLIndicator, issuingDistributionPoint, authorityKeyIdentifier, …
    public let extensions: [Extension]
    /// The outer `signatureAlgorithm`.
    public let signatureAlgorithm: AlgorithmIdentifier
    /// The signature value's bytes.
    public let signature: [UInt8]
    /// Unused bits of the signature BIT STRING (0 for every valid signature).
    public let signatureUnusedBits: Int

    /// The largest CRL accepted (hostile input bound).
    public static let maximumByteCount = 64 << 20

    /// Reads a DER CRL.
    ///
    /// - Throws: `X509Error` naming what is malformed.
    public init(derEncoded bytes: [UInt8]) throws {
        guard bytes.count <= CertificateRevocationList.maximumByteCount else {
            throw X509Error.tooLarge(reason: "a CRL of \(bytes.count) bytes is over the 64 MiB limit")
        }
        do {
            self = try CertificateRevocationList.parse(bytes)
        } catch let error as X509Error {
            throw error
        } catch {
            throw X509Error.malformedDER(reason: "the CRL is not valid DER: \(ASN1ErrorWording.detail(of: error))")
        }
    }

    private static func parse(_ bytes: [UInt8]) throws -> CertificateRevocationList {
        try DER.sequence(try DER.parse(bytes), identifier: .sequence) { nodes in
            guard let tbsNode = nodes.next() else {
                throw X509Error.malformedDER(reason: "the CRL has no tbsCertList")
            }
            let outerAlgorithm = try AlgorithmIdentifier(derEncoded: &nodes)
            let signatureBits = try ASN1BitString(derEncoded: &nodes)
            return try DER.sequence(tbsNode, identifier: .sequence) { tbs in
                let version = try DER.optionalImplicitlyTagged(&tbs, tag: .integer) { try Int(derEncoded: $0) }
                guard version == nil || version == 1 else {
                    throw X509Error.invalidValue(reason: "a CRL version must be absent (v1) or 1 (v2)")
                }
                let innerAlgorithm = try AlgorithmIdentifier(derEncoded: &tbs)
                let issuer = try DistinguishedName(derEncoded: &tbs)
                guard let thisUpdateNode = tbs.next() else {
                    throw X509Error.malformedDER(reason: "thisUpdate is missing")
                }
                let thisUpdate = try X509Time(derEncoded: thisUpdateNode)
                var lookahead = tbs
                var nextUpdate: X509Time?
                if let node = lookahead.next(), node.identifier == .utcTime || node.identifier == .generalizedTime {
                    nextUpdate = try X509Time(derEncoded: node)
                    tbs = lookahead
                }
                var entries: [Entry] = []
                lookahead = tbs
                if let node = lookahead.next(), node.identifier == .sequence {
                    tbs = lookahead
                    entries = try DER.sequence(of: EntryNode.self, identifier: .sequence, rootNode: node).map(\.entry)
                }
                let extensions: [Extension] =
                    try DER.optionalExplicitlyTagged(&tbs, tagNumber: 0, tagClass: .contextSpecific) { node in
                        try DER.sequence(of: Extension.self, identifier: .sequence, rootNode: node)
                    } ?? []
                if (!extensions.isEmpty || entries.contains { !$0.extensions.isEmpty }) && version != 1 {
                    throw X509Error.invalidValue(reason: "CRL extensions need version 2 (RFC 5280 §5.1.2.1)")
                }
                return CertificateRevocationList(
                    derBytes: bytes,
                    tbsCertListBytes: Array(tbsNode.encodedBytes),
                    version: (version ?? 0) + 1,
                    tbsSignatureAlgorithm: innerAlgorithm,
                    issuer: issuer,
                    thisUpdate: thisUpdate,
                    nextUpdate: nextUpdate,
                    entries: entries,
                    extensions: extensions,
                    signatureAlgorithm: outerAlgorithm,
                    signature: Array(signatureBits.bytes),
                    signatureUnusedBits: Int(signatureBits.paddingBits)
                )
            }
        }
    }

    /// Parses one `revokedCertificates` element.
    private struct EntryNode: DERParseable {
        let entry: Entry

        init(derEncoded node: ASN1Node) throws {
            entry = try DER.sequence(node, identifier: .sequence) { nodes in
                guard let serialNode = nodes.next(), serialNode.identifier == .integer,
                    case .primitive(let serial) = serialNode.content, !serial.isEmpty
                else {
                    throw X509Error.malformedDER(reason: "a revoked entry's serial is not an INTEGER")
                }
                guard let dateNode = nodes.next() else {
                    throw X509Error.malformedDER(reason: "a revoked entry has no revocationDate")
                }
                let date = try X509Time(derEncoded: dateNode)
                let extensions: [Extension] =
                    try nodes.next().map { try DER.sequence(of: Extension.self, identifier: .sequence, rootNode: $0) }
                    ?? []
                return Entry(serialNumber: Array(serial), revocationDate: date, extensions: extensions)
            }
        }
    }

    private init(
        derBytes: [UInt8],
        tbsCertListBytes: [UInt8],
        version: Int,
        tbsSignatureAlgorithm: AlgorithmIdentifier,
        issuer: DistinguishedName,
        thisUpdate: X509Time,
        nextUpdate: X509Time?,
        entries: [Entry],
        extensions: [Extension],
        signatureAlgorithm: AlgorithmIdentifier,
        signature: [UInt8],
        signatureUnusedBits: Int
    ) {
        self.derBytes = derBytes
        self.tbsCertListBytes = tbsCertListBytes
        self.version = version
        self.tbsSignatureAlgorithm = tbsSignatureAlgorithm
        self.issuer = issuer
        self.thisUpdate = thisUpdate
        self.nextUpdate = nextUpdate
        self.entries = entries
        self.extensions = extensions
        self.signatureAlgorithm = signatureAlgorithm
        self.signature = signature
        self.signatureUnusedBits = signatureUnusedBits
    }

    /// The CRL extension with `oid`, if present.
    public func `extension`(_ oid: ASN1ObjectIdentifier) -> Extension? {
        extensions.first { $0.oid == oid }
    }

    /// Checks the CRL's signature with its issuer's key, over `tbsCertListBytes` as received.
    ///
    /// - Returns: `true` when valid.
    public func isSignatureValid(issuerKey: PublicKey) -> Bool {
        SignedObject.isSignatureValid(
            signature[...],
            unusedBits: signatureUnusedBits,
            outer: signatureAlgorithm,
            inner: tbsSignatureAlgorithm,
            over: tbsCertListBytes[...],
            key: issuerKey
        )
    }

    /// Issuer, dates and the number of entries.
    public var description: String {
        "CRL(issuer: \(issuer), thisUpdate: \(thisUpdate), nextUpdate: \(nextUpdate.map { "\($0)" } ?? "none"), "
            + "\(entries.count) revoked)"
    }

    /// Equal when the DER bytes are equal.
    public static func == (lhs: CertificateRevocationList, rhs: CertificateRevocationList) -> Bool {
        lhs.derBytes == rhs.derBytes
    }

    /// Hashes the DER bytes.
    public func hash(into hasher: inout Hasher) { hasher.combine(derBytes) }
}
