import Foundation
public import SealbridgeCrypto
public import SealbridgeX509
import SealbridgeXAdES
import SealbridgeXML

/// Signs an XML document with an enveloped XAdES baseline-B signature as TS 119 612 Annex B asks of a trusted list:
/// the signature is the last child of the root, one reference `URI=""` with the enveloped-signature and exclusive
/// C14N transforms, one reference to the XAdES `SignedProperties` (signing time and signing certificate), the
/// certificate in `KeyInfo`.
public enum XMLEnvelopedSigner {
    /// Returns `document` with the signature added.
    ///
    /// - Parameters:
    ///   - document: the XML document (UTF-8), unsigned.
    ///   - key: an RSA (PKCS #1 v1.5) or ECDSA P-256/P-384/P-521 key.
    ///   - certificate: the key's certificate.
    ///   - hash: the digest for references and signature.
    ///   - signingTime: the XAdES signing time.
    ///   - signingCertificateV2: write `SigningCertificateV2` (TS 119 612 v6 lists, EN 319 132-1) rather than
    ///     `SigningCertificate` (v5).
    ///   - rsaPSS: sign an RSA key with RSASSA-PSS (`…#sha256-rsa-MGF1`, salt as long as the hash; RFC 6931).
    /// - Returns: the signed document: the input bytes with the `ds:Signature` inserted before the root's end tag.
    /// - Throws: `TrustError` when the document is not safe XML or already signed; `CryptoError` when the key
    ///   cannot sign.
    public static func sign(
        _ document: [UInt8],
        key: PrivateKey,
        certificate: Certificate,
        hash: HashFunction = .sha256,
        signingTime: X509Time = .now,
        signingCertificateV2: Bool = true,
        rsaPSS: Bool = false
    ) throws -> [UInt8] {
        let source = "(document to sign)"
        let tree = try XMLTree.trustData(parsing: document, source: source)
        guard let root = tree.root else { throw TrustError(file: source, field: "(root)", reason: "is missing") }
        guard root.children(XMLNamespace.dsig, "Signature").isEmpty else {
            throw TrustError(file: source, field: "ds:Signature", reason: "the document is already signed")
        }
        guard let digestURI = XMLSignatureAlgorithms.digestURI(hash),
            let signatureURI = XMLSignatureAlgorithms.signatureURI(for: key.publicKey, hash: hash, rsaPSS: rsaPSS),
            let (algorithm, rawECDSA) = XMLSignatureAlgorithms.trustedListSignature(signatureURI)
        else {
            throw CryptoError.unsupportedAlgorithm(
                reason: "XML signatures are made with RSA or ECDSA and SHA-256/384/512, not \(key.algorithm)/\(hash)"
            )
        }
        let documentDigest = hash.digest(
            try tree.canonicalForm(of: nil, excluding: nil, method: .exclusive)
        )
        let identifier = "sig-" + HexEncoding.encode(hash.digest(documentDigest + certificate.derBytes).prefix(8))
        let certificateDigest = hash.digest(certificate.derBytes)
        let signingCertificate = signingCertificateV2 ? "SigningCertificateV2" : "SigningCertificate"
        let issuerSerial: String
        if signingCertificateV2 {
            issuerSerial = ""  // optional in V2 (EN 319 132-1 §5.2.2.2); the digest binds the certificate.
        } else {
            issuerSerial =
                "<xades:IssuerSerial><ds:X509IssuerName>\(certificate.issuer.description.xmlEscaped)</ds:X509IssuerName>"
                + "<ds:X509SerialNumber>\(decimal(certificate.serialNumber))</ds:X509SerialNumber></xades:IssuerSerial>"
        }
        let signedProperties =
            "<xades:SignedProperties Id=\"\(identifier)-signed-properties\"><xades:SignedSignatureProperties>"
            + "<xades:SigningTime>\(signingTime.description)</xades:SigningTime>"
            + "<xades:\(signingCertificate)><xades:Cert><xades:CertDigest>"
            + "<ds:DigestMethod Algorithm=\"\(digestURI)\"/>"
            + "<ds:DigestValue>\(base64(certificateDigest))</ds:DigestValue></xades:CertDigest>\(issuerSerial)"
            + "</xades:Cert></xades:\(signingCertificate)></xades:SignedSignatureProperties>"
            + "</xades:SignedProperties>"
        func signatureElement(signedInfo: String, value: String) -> String {
            "<ds:Signature xmlns:ds=\"\(XMLNamespace.dsig)\" Id=\"\(identifier)\">\(signedInfo)"
                + "<ds:SignatureValue>\(value)</ds:SignatureValue>"
                + "<ds:KeyInfo><ds:X509Data><ds:X509Certificate>\(base64(certificate.derBytes))"
                + "</ds:X509Certificate></ds:X509Data></ds:KeyInfo>"
                + "<ds:Object><xades:QualifyingProperties xmlns:xades=\"\(XMLNamespace.xades)\" "
                + "Target=\"#\(identifier)\">\(signedProperties)</xades:QualifyingProperties></ds:Object>"
                + "</ds:Signature>"
        }
        // Exclusive C14N of an element depends only on the element (visibly used namespaces), so the
        // SignedProperties and SignedInfo digests are computed on a stand-alone copy of the Signature.
        let propertiesDigest = try digestOfElement(
            signatureElement(signedInfo: "", value: ""),
            namespace: XMLNamespace.xades,
            name: "SignedProperties",
            hash: hash
        )
        let transforms =
            "<ds:Transforms><ds:Transform Algorithm=\"\(XMLSignatureAlgorithms.envelopedSignature)\"/>"
            + "<ds:Transform Algorithm=\"\(XMLNamespace.exclusiveC14N)\"/></ds:Transforms>"
        let signedInfo =
            "<ds:SignedInfo><ds:CanonicalizationMethod Algorithm=\"\(XMLNamespace.exclusiveC14N)\"/>"
            + "<ds:SignatureMethod Algorithm=\"\(signatureURI)\"/>"
            + "<ds:Reference Id=\"\(identifier)-ref-0\" URI=\"\">\(transforms)"
            + "<ds:DigestMethod Algorithm=\"\(digestURI)\"/><ds:DigestValue>\(base64(documentDigest))</ds:DigestValue>"
            + "</ds:Reference>"
            + "<ds:Reference Type=\"http://uri.etsi.org/01903#SignedProperties\" "
            + "URI=\"#\(identifier)-signed-properties\"><ds:Transforms>"
            + "<ds:Transform Algorithm=\"\(XMLNamespace.exclusiveC14N)\"/></ds:Transforms>"
            + "<ds:DigestMethod Algorithm=\"\(digestURI)\"/><ds:DigestValue>\(base64(propertiesDigest.digest))"
            + "</ds:DigestValue></ds:Reference></ds:SignedInfo>"
        let canonicalSignedInfo = try digestOfElement(
            signatureElement(signedInfo: signedInfo, value: ""),
            namespace: XMLNamespace.dsig,
            name: "SignedInfo",
            hash: hash
        ).canonical
        var value = try key.signature(for: canonicalSignedInfo, algorithm: algorithm)
        if rawECDSA, let size = SignatureEncoding.componentByteCount(for: key.algorithm) {
            value = try SignatureEncoding.raw(fromDER: value, componentByteCount: size)
        }
        let signature = Array(signatureElement(signedInfo: signedInfo, value: base64(value)).utf8)
        // Insert just before the root's end tag: the last "</" of the document (only whitespace and comments may
        // follow the root, and the parse above guarantees well-formedness).
        guard let endTag = lastEndTag(in: document) else {
            throw TrustError(file: source, field: "(root)", reason: "has no end tag to sign before")
        }
        return Array(document[..<endTag]) + signature + Array(document[endTag...])
    }

    private static func digestOfElement(
        _ xml: String,
        namespace: String,
        name: String,
        hash: HashFunction
    ) throws -> (canonical: [UInt8], digest: [UInt8]) {
        let tree = try XMLTree.trustData(parsing: Array(xml.utf8), source: "(signature)")
        var stack = tree.root.map { [$0] } ?? []
        while let element = stack.popLast() {
            if element.is(namespace, name) {
                let canonical = try tree.canonicalForm(of: element, excluding: nil, method: .exclusive)
                return (canonical, hash.digest(canonical))
            }
            stack.append(contentsOf: element.childElements)
        }
        throw TrustError(file: "(signature)", field: name, reason: "not found")
    }

    private static func lastEndTag(in bytes: [UInt8]) -> Int? {
        var index = bytes.count - 2
        while index >= 0 {
            if bytes[index] == UInt8(ascii: "<"), bytes[index + 1] == UInt8(ascii: "/") { return index }
            index -= 1
        }
        return nil
    }

    private static func base64(_ bytes: [UInt8]) -> String { Data(bytes).base64EncodedString() }

    /// The serial number in decimal, as `ds:X509SerialNumber` is an integer.
    private static func decimal(_ bytes: ArraySlice<UInt8>) -> String {
        var digits: [UInt8] = []
        var number = Array(bytes)
        while number.contains(where: { $0 != 0 }) {
            var remainder = 0
            for index in number.indices {
                let value = remainder * 256 + Int(number[index])
                number[index] = UInt8(value / 10)
                remainder = value % 10
            }
            digits.append(UInt8(remainder))
        }
        return digits.isEmpty ? "0" : String(digits.reversed().map { Character(String($0)) })
    }
}
