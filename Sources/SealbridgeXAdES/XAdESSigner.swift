import Foundation
public import SealbridgeCMS
public import SealbridgeCrypto
public import SealbridgeX509
import SealbridgeXML

/// Makes XAdES baseline signatures (EN 319 132-1 v1.3.1 §6.3): B-B, and B-T with a signature time-stamp from a
/// TSA. Enveloped (the signature is the last child of an XML document's root), enveloping (the document inside a
/// `ds:Object`: XML as it is, anything else in base64 with the Base64 transform) or detached (a reference by file
/// name). SM2 signs as China E-Port's customs software expects (`xmldsig#sm2-sm3`, r ‖ s, SM3 digests); RSA,
/// RSASSA-PSS, ECDSA and Ed25519 with the W3C and RFC 9231 URIs. Every digest and the signature are over exclusive
/// C14N, whose result for an element depends only on the element, so they are computed once on the signature alone.
public enum XAdESSigner {
    /// Where the signature goes with respect to the document.
    public enum Packaging: Sendable, Hashable {
        /// Inside the XML document, as the last child of its root (reference `URI=""` with the enveloped transform).
        case enveloped
        /// The document inside the signature's `ds:Object`.
        case enveloping
        /// A separate signature naming the document by `fileName`.
        case detached(fileName: String)
    }

    /// What to sign and with what.
    public struct Request: Sendable {
        /// The document.
        public var document: [UInt8]
        /// Its media type, for `DataObjectFormat` (the baseline requires it).
        public var mimeType: String
        /// The packaging.
        public var packaging: Packaging
        /// The signing key.
        public var key: PrivateKey
        /// Its certificate (in `KeyInfo` and `SigningCertificateV2`).
        public var certificate: Certificate
        /// The rest of the path, added to `KeyInfo`.
        public var chain: [Certificate] = []
        /// The digest for references (default: SM3 for SM2 keys, SHA-256 otherwise).
        public var hash: HashFunction?
        /// RSASSA-PSS rather than PKCS #1 v1.5 for RSA keys.
        public var rsaPSS = false
        /// The claimed signing time.
        public var signingTime: X509Time = .now
        /// A `CommitmentTypeIndication` identifier (e.g. `http://uri.etsi.org/01903/v1.2.2#ProofOfOrigin`).
        public var commitmentType: String?
        /// A claimed role (`SignerRoleV2/ClaimedRoles`).
        public var claimedRole: String?
        /// A TSA for B-T: the signature time-stamp over `ds:SignatureValue` (§5.3.4); nil for B-B.
        public var timeStamp: (any TimeStampSource)?
        /// CRLs to carry in `RevocationValues` (§5.4.2), so that a relying party can check the path's revocation
        /// status from the file alone, as a CAdES signature carries them in its SignedData.
        public var crls: [CertificateRevocationList] = []

        /// A request with the required parts.
        public init(
            document: [UInt8],
            mimeType: String,
            packaging: Packaging,
            key: PrivateKey,
            certificate: Certificate
        ) {
            self.document = document
            self.mimeType = mimeType
            self.packaging = packaging
            self.key = key
            self.certificate = certificate
        }
    }

    /// Signs.
    ///
    /// - Returns: the signed document (enveloped), or the signature document (enveloping, detached), UTF-8 XML.
    /// - Throws: ``XAdESSigningError`` when the document is not XML Sealbridge reads (enveloped), already holds a
    ///   signature where one goes, the key cannot sign XML signatures, or the TSA fails.
    public static func sign(_ request: Request) async throws -> [UInt8] {
        let hash = request.hash ?? (request.key.algorithm == .sm2 ? .sm3 : .sha256)
        guard let digestURI = XMLSignatureAlgorithms.digestURI(hash),
            let signatureURI = XMLSignatureAlgorithms.signatureURI(
                for: request.key.publicKey,
                hash: request.key.algorithm == .sm2 ? .sm3 : hash,
                rsaPSS: request.rsaPSS
            ),
            let method = XMLSignatureAlgorithms.signature(signatureURI)
        else {
            throw XAdESSigningError(
                "a \(request.key.algorithm) key cannot make an XML signature with \(hash.rawValue); use RSA, ECDSA "
                    + "P-256/384/521, Ed25519 or SM2, with SHA-256/384/512 (SM3 for SM2)"
            )
        }
        let exclusive = XMLDSigNamespace.exclusiveC14N
        let identifier =
            "id-" + HexEncoding.encode(hash.digest(request.document + request.certificate.derBytes).prefix(12))
        let referenceID = "r-\(identifier)-1"
        let objectID = "o-\(identifier)-1"

        // The data reference.
        let dataReference: String
        var object = ""
        switch request.packaging {
        case .enveloped:
            let tree = try parse(request.document, "the document to sign")
            guard let root = tree.root else { throw XAdESSigningError("the document to sign has no root element") }
            if root.children(XMLDSigNamespace.dsig, "Signature").contains(where: { _ in true }) {
                throw XAdESSigningError("the document is already signed at its root; sign it detached instead")
            }
            let canonical = try canonical(tree, nil)
            dataReference = reference(
                id: referenceID,
                uri: "",
                transforms: [XMLSignatureAlgorithms.envelopedSignature, exclusive],
                digestURI: digestURI,
                digest: hash.digest(canonical)
            )
        case .enveloping:
            if let tree = try? XMLTree(parsing: request.document, source: "document"), tree.root != nil {
                // XML goes in as it is, without its prolog; the reference takes the Object's exclusive C14N.
                let body = try xmlBody(request.document)
                object = "<ds:Object Id=\"\(objectID)\" MimeType=\"\(request.mimeType.xmlEscaped)\">\(body)</ds:Object>"
                dataReference = "DIGEST-OF-OBJECT"
            } else {
                object =
                    "<ds:Object Id=\"\(objectID)\" MimeType=\"\(request.mimeType.xmlEscaped)\" "
                    + "Encoding=\"http://www.w3.org/2000/09/xmldsig#base64\">\(base64(request.document))</ds:Object>"
                dataReference = reference(
                    id: referenceID,
                    uri: "#\(objectID)",
                    transforms: [XMLSignatureAlgorithms.base64Transform],
                    digestURI: digestURI,
                    digest: hash.digest(request.document),
                    type: "http://www.w3.org/2000/09/xmldsig#Object"
                )
            }
        case .detached(let fileName):
            dataReference = reference(
                id: referenceID,
                uri: fileName.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? fileName,
                transforms: [],
                digestURI: digestURI,
                digest: hash.digest(request.document)
            )
        }

        // The signed properties (§5.2): signing time, signing certificate, data-object format, and what was asked.
        let certificateDigest = hash.digest(request.certificate.derBytes)
        var signedSignatureProperties =
            "<xades:SigningTime>\(request.signingTime.description)</xades:SigningTime>"
            + "<xades:SigningCertificateV2><xades:Cert><xades:CertDigest><ds:DigestMethod Algorithm=\"\(digestURI)\"/>"
            + "<ds:DigestValue>\(base64(certificateDigest))</ds:DigestValue></xades:CertDigest></xades:Cert>"
            + "</xades:SigningCertificateV2>"
        if let role = request.claimedRole {
            signedSignatureProperties +=
                "<xades:SignerRoleV2><xades:ClaimedRoles><xades:ClaimedRole>\(role.xmlEscaped)</xades:ClaimedRole>"
                + "</xades:ClaimedRoles></xades:SignerRoleV2>"
        }
        var dataObjectProperties =
            "<xades:DataObjectFormat ObjectReference=\"#\(referenceID)\"><xades:MimeType>"
            + "\(request.mimeType.xmlEscaped)</xades:MimeType></xades:DataObjectFormat>"
        if let commitment = request.commitmentType {
            dataObjectProperties +=
                "<xades:CommitmentTypeIndication><xades:CommitmentTypeId><xades:Identifier>\(commitment.xmlEscaped)"
                + "</xades:Identifier></xades:CommitmentTypeId><xades:AllSignedDataObjects/>"
                + "</xades:CommitmentTypeIndication>"
        }
        let signedProperties =
            "<xades:SignedProperties Id=\"xades-\(identifier)\"><xades:SignedSignatureProperties>"
            + signedSignatureProperties + "</xades:SignedSignatureProperties><xades:SignedDataObjectProperties>"
            + dataObjectProperties + "</xades:SignedDataObjectProperties></xades:SignedProperties>"
        let keyInfo =
            "<ds:KeyInfo><ds:X509Data>"
            + ([request.certificate] + request.chain).map {
                "<ds:X509Certificate>\(base64($0.derBytes))</ds:X509Certificate>"
            }.joined() + "</ds:X509Data></ds:KeyInfo>"
        func signature(signedInfo: String, value: String, unsigned: String = "") -> String {
            "<ds:Signature xmlns:ds=\"\(XMLDSigNamespace.dsig)\" Id=\"\(identifier)\">\(signedInfo)"
                + "<ds:SignatureValue Id=\"value-\(identifier)\">\(value)</ds:SignatureValue>\(keyInfo)\(object)"
                + "<ds:Object><xades:QualifyingProperties xmlns:xades=\"\(XMLDSigNamespace.xades132)\" "
                + "Target=\"#\(identifier)\">\(signedProperties)\(unsigned)</xades:QualifyingProperties></ds:Object>"
                + "</ds:Signature>"
        }
        // Exclusive C14N of an element depends only on the element: digests on the signature alone.
        let draft = try parse(Array(signature(signedInfo: "", value: "").utf8), "the signature")
        var references = dataReference
        if dataReference == "DIGEST-OF-OBJECT" {
            references = reference(
                id: referenceID,
                uri: "#\(objectID)",
                transforms: [exclusive],
                digestURI: digestURI,
                digest: hash.digest(try canonical(draft, element(draft, XMLDSigNamespace.dsig, "Object"))),
                type: "http://www.w3.org/2000/09/xmldsig#Object"
            )
        }
        references += reference(
            id: nil,
            uri: "#xades-\(identifier)",
            transforms: [exclusive],
            digestURI: digestURI,
            digest: hash.digest(try canonical(draft, element(draft, XMLDSigNamespace.xades132, "SignedProperties"))),
            type: "http://uri.etsi.org/01903#SignedProperties"
        )
        let signedInfo =
            "<ds:SignedInfo><ds:CanonicalizationMethod Algorithm=\"\(exclusive)\"/>"
            + "<ds:SignatureMethod Algorithm=\"\(signatureURI)\"/>\(references)</ds:SignedInfo>"
        let withInfo = try parse(Array(signature(signedInfo: signedInfo, value: "").utf8), "the signature")
        let toSign = try canonical(withInfo, element(withInfo, XMLDSigNamespace.dsig, "SignedInfo"))
        var value = try request.key.signature(for: toSign, algorithm: method.algorithm)
        if method.encoding != .asIs, let size = SignatureEncoding.componentByteCount(for: request.key.algorithm) {
            value = try SignatureEncoding.raw(fromDER: value, componentByteCount: size)
        }

        // B-T: the signature time-stamp over the exclusive C14N of ds:SignatureValue (§5.3.4).
        var unsignedProperties = ""
        if let source = request.timeStamp {
            let signed = try parse(
                Array(signature(signedInfo: signedInfo, value: base64(value)).utf8),
                "the signature"
            )
            let stamped = try canonical(signed, element(signed, XMLDSigNamespace.dsig, "SignatureValue"))
            let token: [UInt8]
            do {
                token = try await source.timeStampToken(
                    for: TimeStampRequest(messageImprint: MessageImprint(hashing: stamped, with: hash))
                )
            } catch {
                throw XAdESSigningError("the time-stamp authority did not time-stamp the signature: \(error)")
            }
            unsignedProperties =
                "<xades:SignatureTimeStamp Id=\"ts-\(identifier)\"><ds:CanonicalizationMethod Algorithm=\"\(exclusive)\"/>"
                + "<xades:EncapsulatedTimeStamp>\(base64(token))</xades:EncapsulatedTimeStamp></xades:SignatureTimeStamp>"
        }
        if !request.crls.isEmpty {
            unsignedProperties +=
                "<xades:RevocationValues><xades:CRLValues>"
                + request.crls.map { "<xades:EncapsulatedCRLValue>\(base64($0.derBytes))</xades:EncapsulatedCRLValue>" }
                .joined() + "</xades:CRLValues></xades:RevocationValues>"
        }
        let unsigned =
            unsignedProperties.isEmpty
            ? ""
            : "<xades:UnsignedProperties><xades:UnsignedSignatureProperties>\(unsignedProperties)"
                + "</xades:UnsignedSignatureProperties></xades:UnsignedProperties>"
        let signatureBytes = Array(signature(signedInfo: signedInfo, value: base64(value), unsigned: unsigned).utf8)
        switch request.packaging {
        case .enveloped:
            guard let endTag = lastEndTag(in: request.document) else {
                throw XAdESSigningError("the document's root has no end tag to sign before")
            }
            return Array(request.document[..<endTag]) + signatureBytes + Array(request.document[endTag...])
        case .enveloping, .detached:
            return Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>".utf8) + signatureBytes
        }
    }

    /// Whether `document` looks like XML: its first non-blank byte (after a UTF-8 byte-order mark) opens a tag. The
    /// default packaging (enveloped for XML, enveloping otherwise) and media type follow from it; signing parses it.
    public static func looksLikeXML(_ document: [UInt8]) -> Bool {
        let blank: Set<UInt8> = [0xEF, 0xBB, 0xBF, 0x20, 0x09, 0x0A, 0x0D]
        return document.drop { blank.contains($0) }.first == UInt8(ascii: "<")
    }

    static func reference(
        id: String?,
        uri: String,
        transforms: [String],
        digestURI: String,
        digest: [UInt8],
        type: String? = nil
    ) -> String {
        var text = "<ds:Reference"
        if let id { text += " Id=\"\(id)\"" }
        if let type { text += " Type=\"\(type)\"" }
        text += " URI=\"\(uri.xmlEscaped)\">"
        if !transforms.isEmpty {
            text +=
                "<ds:Transforms>" + transforms.map { "<ds:Transform Algorithm=\"\($0)\"/>" }.joined()
                + "</ds:Transforms>"
        }
        return text + "<ds:DigestMethod Algorithm=\"\(digestURI)\"/><ds:DigestValue>\(base64(digest))</ds:DigestValue>"
            + "</ds:Reference>"
    }

    static func parse(_ bytes: [UInt8], _ what: String) throws -> XMLTree {
        do { return try XMLTree(parsing: bytes, source: what) } catch {
            throw XAdESSigningError("\(what) is not XML Sealbridge reads: \(error.reason)")
        }
    }

    static func canonical(_ tree: XMLTree, _ element: XMLElementNode?) throws -> [UInt8] {
        do { return try tree.canonicalForm(of: element, excluding: nil, method: .exclusive) } catch {
            throw XAdESSigningError("canonicalisation failed: \(error.reason)")
        }
    }

    static func element(_ tree: XMLTree, _ namespace: String, _ name: String) throws -> XMLElementNode {
        var stack = tree.root.map { [$0] } ?? []
        while let element = stack.popLast() {
            if element.is(namespace, name) { return element }
            stack.append(contentsOf: element.childElements.reversed())
        }
        throw XAdESSigningError("the signature being made has no \(name)")
    }

    /// The document without its XML declaration (and a byte-order mark), to go inside a `ds:Object`.
    static func xmlBody(_ document: [UInt8]) throws -> String {
        var text = String(decoding: document, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        if text.hasPrefix("<?xml"), let end = text.range(of: "?>") { text = String(text[end.upperBound...]) }
        if text.contains("<!DOCTYPE") {
            throw XAdESSigningError("a document with a DOCTYPE cannot be signed enveloping")
        }
        return text
    }

    static func lastEndTag(in bytes: [UInt8]) -> Int? {
        var index = bytes.count - 2
        while index >= 0 {
            if bytes[index] == UInt8(ascii: "<"), bytes[index + 1] == UInt8(ascii: "/") { return index }
            index -= 1
        }
        return nil
    }

    static func base64(_ bytes: [UInt8]) -> String { Data(bytes).base64EncodedString() }
}

/// Why a XAdES signature could not be made, in words.
public struct XAdESSigningError: Error, CustomStringConvertible, Sendable {
    /// What happened and what to do.
    public let description: String

    init(_ description: String) { self.description = description }
}
