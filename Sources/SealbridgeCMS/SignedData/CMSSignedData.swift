public import SealbridgeCrypto
public import SealbridgeX509
public import SwiftASN1

/// A CMS `SignedData` in its `ContentInfo` (RFC 5652 §3, §5; PKCS #7; GB/T 35275 for SM2).
///
/// ```
/// ContentInfo ::= SEQUENCE { contentType ContentType, content [0] EXPLICIT ANY DEFINED BY contentType }
/// SignedData ::= SEQUENCE { version CMSVersion, digestAlgorithms DigestAlgorithmIdentifiers,
///     encapContentInfo EncapsulatedContentInfo, certificates [0] IMPLICIT CertificateSet OPTIONAL,
///     crls [1] IMPLICIT RevocationInfoChoices OPTIONAL, signerInfos SignerInfos }
/// EncapsulatedContentInfo ::= SEQUENCE { eContentType ContentType, eContent [0] EXPLICIT OCTET STRING OPTIONAL }
/// ```
///
/// Input may be BER (indefinite lengths, constructed OCTET STRINGs, as `openssl cms -sign -stream` writes);
/// ``derRepresentation`` is DER. Signers' signed attributes are kept as received.
public struct CMSSignedData: Hashable, Sendable, DERParseable, DERSerializable {
    /// Which object identifiers name the content types: RFC 5652's or GB/T 35275's.
    public enum Profile: String, Hashable, Sendable, CaseIterable {
        /// id-signedData and id-data (RFC 5652, PKCS #7).
        case rfc5652
        /// 1.2.156.10197.6.1.4.2.2 and .1 (GB/T 35275, formerly GM/T 0010).
        case gm
    }

    /// The outer content type: id-signedData or GB/T 35275's signedData.
    public internal(set) var contentInfoType: ASN1ObjectIdentifier
    /// The SignedData version (1, 3, 4 or 5; RFC 5652 §5.1).
    public internal(set) var version: Int
    /// The digest algorithms the signers use (informational; each SignerInfo names its own).
    public internal(set) var digestAlgorithms: [AlgorithmIdentifier]
    /// `eContentType`.
    public internal(set) var encapsulatedContentType: ASN1ObjectIdentifier
    /// The encapsulated content's octets, or `nil` for a detached signature. A slice of the bytes the SignedData
    /// was read from where the content is one primitive OCTET STRING, so a large attached content is not copied.
    public internal(set) var encapsulatedContent: ArraySlice<UInt8>?
    /// The X.509 certificates carried (CertificateChoices `certificate`).
    public internal(set) var certificates: [Certificate]
    /// The other certificate choices carried (attribute certificates, `other`), kept as received and written
    /// back unchanged.
    public internal(set) var otherCertificates: [ArraySlice<UInt8>]
    /// The CRLs carried.
    public internal(set) var crls: [CertificateRevocationList]
    /// How many other revocation choices (`other`, e.g. OCSP responses) were carried, kept as received.
    public internal(set) var otherRevocationInfo: [ArraySlice<UInt8>]
    /// The signers.
    public internal(set) var signerInfos: [CMSSignerInfo]
    /// How many zero bytes followed the ContentInfo and were ignored: PDF `/Contents` and fixed-size buffers pad
    /// the signature with them. Any other data after the ContentInfo is an error.
    public internal(set) var trailingZeroByteCount = 0

    /// The largest input accepted by ``init(berEncoded:)`` (attached content included).
    public static let maximumByteCount = 1 << 31
    /// The most signers, certificates or CRLs one SignedData may carry.
    public static let maximumElementCount = 1_024

    /// The profile the outer content type belongs to.
    public var profile: Profile { contentInfoType == CMSObjectIdentifier.gmSignedData ? .gm : .rfc5652 }

    /// Whether the content is not carried (a detached signature).
    public var isDetached: Bool { encapsulatedContent == nil }

    /// Reads a `ContentInfo` holding a SignedData, from BER, DER, or PEM (`CMS`, `PKCS7`, `PKCS #7 SIGNED DATA`).
    ///
    /// - Throws: `CMSError` naming what is malformed: not SignedData, bad version, bad fields, too large.
    public init(berEncoded bytes: [UInt8]) throws {
        guard bytes.count <= CMSSignedData.maximumByteCount else {
            throw CMSError.tooLarge("a CMS object of \(bytes.count) bytes is over the 2 GiB limit")
        }
        let der = try BERInput.derOrPEM(bytes, types: ["CMS", "PKCS7", "PKCS #7 SIGNED DATA"])
        var element = der[...]
        var padding = 0
        if let end = BERInput.firstElementEnd(element), end < element.endIndex {
            guard element[end...].allSatisfy({ $0 == 0 }) else {
                throw CMSError.malformed(
                    "\(element.endIndex - end) bytes follow the CMS signature and are not zero padding; give the "
                        + "signature file alone"
                )
            }
            padding = element.endIndex - end
            element = element[..<end]
        }
        let root = try BERInput.parse(element, what: "CMS ContentInfo")
        self = try CMSError.reading("the CMS SignedData") {
            try CMSSignedData.read(contentInfo: root)
        }
        trailingZeroByteCount = padding
    }

    /// Reads the ContentInfo node of a SignedData (e.g. a time-stamp token inside another structure).
    /// Reads a ContentInfo holding a SignedData from a parsed node (BER or DER).
    ///
    /// - Throws: `CMSError` naming the bad field.
    public init(derEncoded root: ASN1Node) throws {
        try self.init(contentInfo: root)
    }

    init(contentInfo root: ASN1Node) throws {
        self = try CMSError.reading("the CMS SignedData") {
            try CMSSignedData.read(contentInfo: root)
        }
    }

    private static func read(contentInfo root: ASN1Node) throws -> CMSSignedData {
        try DER.sequence(root, identifier: .sequence) { nodes in
            let type = try ASN1ObjectIdentifier(derEncoded: &nodes)
            guard type == CMSObjectIdentifier.signedData || type == CMSObjectIdentifier.gmSignedData else {
                let name = type.displayText
                throw CMSError.invalidValue(
                    "the ContentInfo holds \(name), not SignedData; only signed CMS can be verified here"
                )
            }
            guard let explicit = nodes.next(),
                explicit.identifier == ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific),
                case .constructed(let inner) = explicit.content, let signedData = inner.first(where: { _ in true })
            else {
                throw CMSError.malformed("the ContentInfo has no [0] content")
            }
            guard nodes.next() == nil else { throw CMSError.malformed("the ContentInfo has fields after content") }
            return try read(signedData: signedData, contentInfoType: type)
        }
    }

    private static func read(signedData node: ASN1Node, contentInfoType: ASN1ObjectIdentifier) throws -> CMSSignedData {
        try DER.sequence(node, identifier: .sequence) { nodes in
            let version = try Int(derEncoded: &nodes)
            guard [1, 3, 4, 5].contains(version) else {
                throw CMSError.invalidValue("SignedData version \(version) is not 1, 3, 4 or 5 (RFC 5652 §5.1)")
            }
            let digests = try elements(of: nodes.next(), tag: .set, what: "digestAlgorithms").map {
                try AlgorithmIdentifier(derEncoded: $0)
            }
            guard let encapsulated = nodes.next() else {
                throw CMSError.malformed("SignedData has no encapContentInfo")
            }
            let (contentType, content) = try readEncapsulatedContent(encapsulated)

            var next = nodes.next()
            let carried = try readCarried(&next, &nodes)
            let signers = try elements(of: next, tag: .set, what: "signerInfos").map {
                try CMSSignerInfo(derEncoded: $0)
            }
            guard nodes.next() == nil else { throw CMSError.malformed("SignedData has fields after signerInfos") }
            return CMSSignedData(
                contentInfoType: contentInfoType,
                version: version,
                digestAlgorithms: digests,
                encapsulatedContentType: contentType,
                encapsulatedContent: content,
                carried: carried,
                signerInfos: signers
            )
        }
    }

    /// A SignedData with everything `carried` as read (other certificate and revocation choices included), or as
    /// made (certificates only).
    init(
        contentInfoType: ASN1ObjectIdentifier,
        version: Int,
        digestAlgorithms: [AlgorithmIdentifier],
        encapsulatedContentType: ASN1ObjectIdentifier,
        encapsulatedContent: ArraySlice<UInt8>?,
        carried: Carried = Carried(),
        signerInfos: [CMSSignerInfo]
    ) {
        self.contentInfoType = contentInfoType
        self.version = version
        self.digestAlgorithms = digestAlgorithms
        self.encapsulatedContentType = encapsulatedContentType
        self.encapsulatedContent = encapsulatedContent
        self.certificates = carried.certificates
        self.otherCertificates = carried.otherCertificates
        self.crls = carried.crls
        self.otherRevocationInfo = carried.otherRevocationInfo
        self.signerInfos = signerInfos
    }

    /// What a SignedData (or SignedAndEnvelopedData) carries for validation.
    struct Carried {
        var certificates: [Certificate] = []
        var otherCertificates: [ArraySlice<UInt8>] = []
        var crls: [CertificateRevocationList] = []
        var otherRevocationInfo: [ArraySlice<UInt8>] = []
    }

    /// `certificates [0] IMPLICIT CertificateSet OPTIONAL, crls [1] IMPLICIT RevocationInfoChoices OPTIONAL`,
    /// starting at `next`, which is left at the node after them.
    static func readCarried(_ next: inout ASN1Node?, _ nodes: inout ASN1NodeCollection.Iterator) throws -> Carried {
        var carried = Carried()
        let certificatesTag = ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)
        if let certNode = next, certNode.identifier == certificatesTag {
            for child in try elements(of: certNode, tag: certificatesTag, what: "certificates") {
                if child.identifier == .sequence {
                    carried.certificates.append(try readCertificate(child))
                } else {
                    carried.otherCertificates.append(child.encodedBytes)  // attribute certificates, other [3]
                }
            }
            next = nodes.next()
        }
        let crlsTag = ASN1Identifier(tagWithNumber: 1, tagClass: .contextSpecific)
        if let crlNode = next, crlNode.identifier == crlsTag {
            for child in try elements(of: crlNode, tag: crlsTag, what: "crls") {
                if child.identifier == .sequence {
                    do {
                        carried.crls.append(try CertificateRevocationList(derEncoded: Array(child.encodedBytes)))
                    } catch {
                        throw CMSError.malformed(
                            "a CRL in the SignedData is malformed: \(userFacingDescription(of: error))"
                        )
                    }
                } else {
                    carried.otherRevocationInfo.append(child.encodedBytes)  // OtherRevocationInfoFormat [1]
                }
            }
            next = nodes.next()
        }
        return carried
    }

    /// The children of a SET (or implicitly tagged set) named `what`, at most ``maximumElementCount`` of them.
    static func elements(of node: ASN1Node?, tag: ASN1Identifier, what: String) throws -> [ASN1Node] {
        guard let node, node.identifier == tag, case .constructed(let children) = node.content else {
            throw CMSError.malformed("SignedData has no \(what) set where one belongs")
        }
        var result: [ASN1Node] = []
        for child in children {
            guard result.count < maximumElementCount else {
                throw CMSError.tooLarge("more than \(maximumElementCount) elements in \(what)")
            }
            result.append(child)
        }
        return result
    }

    private static func readCertificate(_ node: ASN1Node) throws -> Certificate {
        do {
            return try Certificate(derEncoded: Array(node.encodedBytes))
        } catch {
            throw CMSError.malformed(
                "a certificate in the SignedData is malformed: \(userFacingDescription(of: error))"
            )
        }
    }

    /// `EncapsulatedContentInfo`: the type and, when attached, the content's octets. RFC 5652 §5.2 puts them in
    /// an OCTET STRING (BER may segment it); PKCS #7 v1.5 producers put other types' values directly, whose
    /// contents octets are then the content (RFC 5652 §5.2.1).
    private static func readEncapsulatedContent(_ node: ASN1Node) throws -> (ASN1ObjectIdentifier, ArraySlice<UInt8>?) {
        try DER.sequence(node, identifier: .sequence) { nodes in
            let type = try ASN1ObjectIdentifier(derEncoded: &nodes)
            guard let explicit = nodes.next() else { return (type, nil) }
            guard explicit.identifier == ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific),
                case .constructed(let inner) = explicit.content
            else {
                throw CMSError.malformed("eContent is not [0] EXPLICIT")
            }
            var iterator = inner.makeIterator()
            guard let value = iterator.next() else { throw CMSError.malformed("eContent [0] is empty") }
            guard iterator.next() == nil, nodes.next() == nil else {
                throw CMSError.malformed("encapContentInfo has extra fields")
            }
            if value.identifier == .octetString {
                return (type, try BERInput.octetString(value))
            }
            return (type, BERInput.contentsOctets(value))
        }
    }

    /// The same SignedData with `signerInfos` replaced (e.g. after adding signature time-stamps).
    public func replacingSignerInfos(_ signerInfos: [CMSSignerInfo]) -> CMSSignedData {
        var copy = self
        copy.signerInfos = signerInfos
        return copy
    }

    /// The same SignedData carrying extra certificates and CRLs (duplicates dropped), e.g. the chain for
    /// long-term validation.
    public func adding(
        certificates extra: [Certificate],
        crls extraCRLs: [CertificateRevocationList] = []
    )
        -> CMSSignedData
    {
        var copy = self
        for certificate in extra where !copy.certificates.contains(certificate) {
            copy.certificates.append(certificate)
        }
        for crl in extraCRLs where !copy.crls.contains(crl) { copy.crls.append(crl) }
        return copy
    }

    /// The DER encoding of the whole ContentInfo. Certificates, CRLs and signed attributes are copied as
    /// received; the SETs are sorted as DER requires.
    ///
    /// - Throws: when a field cannot be encoded.
    public var derRepresentation: [UInt8] {
        get throws { try serializedDER() }
    }

    /// Writes the ContentInfo: the SignedData under `[0] EXPLICIT`, each digest algorithm once, the carried
    /// certificates and revocation information as their received bytes, every SET in DER order (X.690 §11.6).
    public func serialize(into coder: inout DER.Serializer) throws {
        var seen = Set<AlgorithmIdentifier>()
        let distinctDigestAlgorithms = digestAlgorithms.filter { seen.insert($0).inserted }
        try coder.appendConstructedNode(identifier: .sequence) { coder in
            try coder.serialize(contentInfoType)
            try coder.serialize(explicitlyTaggedWithTagNumber: 0, tagClass: .contextSpecific) { coder in
                try coder.appendConstructedNode(identifier: .sequence) { coder in
                    try coder.serialize(version)
                    try coder.serializeSetOf(distinctDigestAlgorithms)
                    try coder.appendConstructedNode(identifier: .sequence) { coder in
                        try coder.serialize(encapsulatedContentType)
                        if let encapsulatedContent {
                            try coder.serialize(
                                ASN1OctetString(contentBytes: encapsulatedContent),
                                explicitlyTaggedWithTagNumber: 0,
                                tagClass: .contextSpecific
                            )
                        }
                    }
                    if !certificates.isEmpty || !otherCertificates.isEmpty {
                        try coder.serializeSetOf(
                            certificates.map { DEREncoded($0.derBytes) } + otherCertificates.map(DEREncoded.init),
                            identifier: ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)
                        )
                    }
                    if !crls.isEmpty || !otherRevocationInfo.isEmpty {
                        try coder.serializeSetOf(
                            crls.map { DEREncoded($0.derBytes) } + otherRevocationInfo.map(DEREncoded.init),
                            identifier: ASN1Identifier(tagWithNumber: 1, tagClass: .contextSpecific)
                        )
                    }
                    try coder.serializeSetOf(signerInfos)
                }
            }
        }
    }

    /// The certificate `signer` names, among the carried ones and `extra`.
    public func certificate(for signer: CMSSignerInfo, among extra: [Certificate] = []) -> Certificate? {
        (certificates + extra).first { signer.signerIdentifier.matches($0) }
    }
}
