import Foundation
import SealbridgeCrypto
public import SealbridgeX509
import SealbridgeXAdES
import SealbridgeXML

/// XML namespaces of trusted lists and their signatures.
enum XMLNamespace {
    static let dsig = "http://www.w3.org/2000/09/xmldsig#"
    static let trustedList = "http://uri.etsi.org/02231/v2#"
    static let trustedListAdditionalTypes = "http://uri.etsi.org/02231/v2/additionaltypes#"
    static let qualifications = "http://uri.etsi.org/TrstSvc/SvcInfoExt/eSigDir-1999-93-EC-TrustedList/#"
    static let xades = "http://uri.etsi.org/01903/v1.3.2#"
    static let exclusiveC14N = "http://www.w3.org/2001/10/xml-exc-c14n#"
}

/// The outcome of checking the enveloped XML-DSig signature of a document, such as a trusted list
/// (XML-DSig 1.1, ETSI TS 119 612 §5.7 and Annex B).
public struct XMLSignatureVerification: Sendable {
    /// What the check concluded; the first failure in the order format → references → signature value → signer.
    public enum Outcome: Sendable, Hashable, CustomStringConvertible {
        /// Every reference digest matches, the signature value verifies, and the signer is one the caller trusts.
        case valid
        /// The document has no signature.
        case unsigned
        /// The signature's structure is unusable or unsafe (e.g. a second signature, a reference to an element
        /// outside the signature, a transform that is not allowed).
        case malformed(String)
        /// An algorithm is not supported or not allowed (e.g. SHA-1).
        case unsupportedAlgorithm(String)
        /// The digest of the reference with this URI does not match: the signed content was altered.
        case referenceDigestMismatch(uri: String)
        /// The signature value does not verify with the signer's key.
        case signatureValueInvalid
        /// The XAdES signing-certificate digest does not name the certificate in KeyInfo.
        case signingCertificateMismatch
        /// Cryptographically sound, but the signer is not one of the given anchors (or issued by one).
        case signerNotTrusted(String)

        /// One sentence for people.
        public var description: String {
            switch self {
            case .valid: return "valid"
            case .unsigned: return "the document is not signed"
            case .malformed(let reason): return "malformed: \(reason)"
            case .unsupportedAlgorithm(let what): return "unsupported algorithm: \(what)"
            case .referenceDigestMismatch(let uri):
                return "the digest of reference \"\(uri)\" does not match: the document was altered after signing"
            case .signatureValueInvalid: return "the signature value does not verify"
            case .signingCertificateMismatch: return "the XAdES signing certificate is not the certificate in KeyInfo"
            case .signerNotTrusted(let reason): return "signer not trusted: \(reason)"
            }
        }
    }

    /// One `ds:Reference` and whether its digest matched.
    public struct ReferenceCheck: Sendable, Hashable {
        /// The reference's `URI` attribute.
        public let uri: String
        /// The digest algorithm URI.
        public let digestMethod: String
        /// Whether the recomputed digest equals `DigestValue`.
        public let digestMatches: Bool
    }

    /// The conclusion.
    public let outcome: Outcome
    /// The certificate in `KeyInfo` (or the anchor whose key verified the signature), when found.
    public let signerCertificate: Certificate?
    /// The XAdES signing time, when present and covered by a matching reference.
    public let signingTime: X509Time?
    /// `SignatureMethod/@Algorithm`.
    public let signatureMethod: String?
    /// `CanonicalizationMethod/@Algorithm`.
    public let canonicalizationMethod: String?
    /// Every reference checked.
    public let references: [ReferenceCheck]
    /// The XAdES signing-certificate property present: 1 (`SigningCertificate`), 2 (`SigningCertificateV2`) or nil.
    public let signingCertificateVersion: Int?

    /// Whether the outcome is `.valid`.
    public var isValid: Bool { outcome == .valid }

    func replacingOutcome(_ outcome: Outcome) -> XMLSignatureVerification {
        XMLSignatureVerification(
            outcome: outcome,
            signerCertificate: signerCertificate,
            signingTime: signingTime,
            signatureMethod: signatureMethod,
            canonicalizationMethod: canonicalizationMethod,
            references: references,
            signingCertificateVersion: signingCertificateVersion
        )
    }
}

extension XMLSignatureAlgorithms {
    /// The signature methods a trusted list may use: RSA, RSASSA-PSS and ECDSA with SHA-2 (TS 119 612 §5.7.1 with
    /// TS 119 312); SHA-1, SM2 and Ed25519, which the XAdES reader knows, are not accepted for lists.
    static func trustedListSignature(_ uri: String) -> (algorithm: SignatureAlgorithm, rawECDSA: Bool)? {
        guard let (algorithm, encoding) = signature(uri), let hash = algorithm.hash,
            [.sha256, .sha384, .sha512].contains(hash), algorithm.scheme != .sm2
        else { return nil }
        return (algorithm, encoding == .rawPair)
    }

    /// The digest a XAdES `CertDigest` of a trusted list's signer names: the reference digests, and also SHA-1 and
    /// SHA-3. A `CertDigest` only identifies the signing certificate — the signature binds the certificate through
    /// it, and a collision would have to be a certificate the attacker cannot make — so SHA-1, which EU lists used
    /// until about 2020 in `SigningCertificate` (v1), is accepted here as DSS accepts it, and nowhere else.
    static func certificateDigest(_ uri: String) -> HashFunction? {
        guard let hash = digest(uri), hash != .sm3 else { return nil }
        return hash
    }
}

/// Checks the single enveloped signature of an XML document against caller-given anchors.
enum XMLSignatureVerifier {
    /// Verifies the enveloped signature of `tree`.
    ///
    /// The signature must be the only `ds:Signature` in the document and a child of the root; one reference must
    /// cover the whole document (`URI=""` or the root's `#Id`) with the enveloped-signature transform; any other
    /// reference must point to exactly one element inside the signature (XAdES `SignedProperties`). This is the
    /// signature-wrapping defence of TS 119 612 Annex B and DSS. The key comes from the anchor or from the
    /// `X509Certificate` in `KeyInfo` — never from `ds:KeyValue`.
    ///
    /// - Parameters:
    ///   - tree: the parsed document.
    ///   - anchors: the certificates the caller trusts to sign this document: the signer must be one of them or
    ///     issued by one. Empty: the signature is checked, then reported as `signerNotTrusted`.
    /// - Returns: the outcome with the references checked, the signer and the XAdES signing time.
    static func verify(_ tree: XMLTree, anchors: [Certificate]) -> XMLSignatureVerification {
        var checker = Checker(tree: tree)
        let outcome = checker.run(anchors: anchors)
        return XMLSignatureVerification(
            outcome: outcome,
            signerCertificate: checker.signer,
            signingTime: checker.signingTimeCovered ? checker.signingTime : nil,
            signatureMethod: checker.signatureMethod,
            canonicalizationMethod: checker.canonicalizationMethod,
            references: checker.references,
            signingCertificateVersion: checker.signingCertificateVersion
        )
    }

    private struct Checker {
        let tree: XMLTree
        var signer: Certificate?
        var signingTime: X509Time?
        var signingTimeCovered = false
        var signatureMethod: String?
        var canonicalizationMethod: String?
        var references: [XMLSignatureVerification.ReferenceCheck] = []
        var signingCertificateVersion: Int?

        init(tree: XMLTree) { self.tree = tree }

        mutating func run(anchors: [Certificate]) -> XMLSignatureVerification.Outcome {
            guard let root = tree.root else { return .malformed("the document has no root element") }
            let all = countSignatures(under: root)
            let direct = root.children(XMLNamespace.dsig, "Signature")
            if all == 0 { return .unsigned }
            guard all == 1, direct.count == 1, let signature = direct.first else {
                return .malformed(
                    "the document has \(all) ds:Signature elements (\(direct.count) as children of the root); exactly "
                        + "one, a child of the root, is allowed"
                )
            }
            guard let signedInfo = signature.childElements.first, signedInfo.is(XMLNamespace.dsig, "SignedInfo") else {
                return .malformed("ds:Signature does not start with ds:SignedInfo")
            }
            guard let c14nURI = signedInfo.child(XMLNamespace.dsig, "CanonicalizationMethod")?.attribute("Algorithm"),
                let c14n = CanonicalizationMethod(uri: c14nURI)
            else {
                return .unsupportedAlgorithm(
                    "CanonicalizationMethod "
                        + (signedInfo.child(XMLNamespace.dsig, "CanonicalizationMethod")?.attribute("Algorithm")
                            ?? "(missing)")
                )
            }
            canonicalizationMethod = c14nURI
            let methodURI = signedInfo.child(XMLNamespace.dsig, "SignatureMethod")?.attribute("Algorithm")
            signatureMethod = methodURI
            guard let methodURI, let method = XMLSignatureAlgorithms.trustedListSignature(methodURI) else {
                return .unsupportedAlgorithm("SignatureMethod \(methodURI ?? "(missing)")")
            }
            // XAdES SignedSignatureProperties, read once: signing time, signing-certificate reference.
            let properties = signedProperties(signature)?.child(XMLNamespace.xades, "SignedSignatureProperties")
            signingTime = properties?.child(XMLNamespace.xades, "SigningTime").flatMap { X509Time(rfc3339: $0.text) }

            // References (XML-DSig 1.1 §3.2.1 reference validation), all of them, before the signature value.
            let referenceElements = signedInfo.children(XMLNamespace.dsig, "Reference")
            guard !referenceElements.isEmpty else { return .malformed("ds:SignedInfo has no ds:Reference") }
            var coversDocument = false
            var firstMismatch: String?
            for reference in referenceElements {
                switch check(reference, root: root, signature: signature) {
                case .failure(let failure): return failure.outcome
                case .success(let (uri, wholeDocument, matches)):
                    coversDocument = coversDocument || wholeDocument
                    if !matches, firstMismatch == nil { firstMismatch = uri }
                }
            }
            guard coversDocument else {
                return .malformed("no reference covers the whole document (URI=\"\" with the enveloped transform)")
            }
            if let firstMismatch {
                // A changed document is HASH_FAILURE whatever else is wrong (EN 319 102-1 §5.2.7: the signed data
                // no longer match), and the signer named is KeyInfo's, if readable.
                if case .success(let certificate) = readKeyInfoCertificate(signature) { signer = certificate }
                return .referenceDigestMismatch(uri: firstMismatch)
            }

            // The signature value over the canonical SignedInfo.
            guard let valueText = signature.child(XMLNamespace.dsig, "SignatureValue")?.text,
                var value = decodeXMLBase64(valueText), !value.isEmpty
            else { return .malformed("ds:SignatureValue is missing or not base64") }
            let keyInfoCertificate: Certificate?
            switch readKeyInfoCertificate(signature) {
            case .failure(let failure): return failure.outcome
            case .success(let certificate): keyInfoCertificate = certificate
            }
            let reference =
                properties?.child(XMLNamespace.xades, "SigningCertificateV2")
                ?? properties?.child(XMLNamespace.xades, "SigningCertificate")
            signingCertificateVersion = reference.map { $0.localName == "SigningCertificateV2" ? 2 : 1 }
            if let reference, let keyInfoCertificate,
                let mismatch = checkXAdESCertificateDigest(reference, keyInfoCertificate)
            {
                return mismatch
            }
            let signedBytes: [UInt8]
            do {
                signedBytes = try tree.canonicalForm(
                    of: signedInfo,
                    excluding: nil,
                    method: c14n,
                    inclusivePrefixes: inclusivePrefixes(signedInfo.child(XMLNamespace.dsig, "CanonicalizationMethod"))
                )
            } catch {
                return .malformed(error.reason)
            }
            if method.rawECDSA {
                guard value.count % 2 == 0, let der = try? SignatureEncoding.der(fromRaw: value) else {
                    return .malformed("the ECDSA SignatureValue is not r‖s of equal halves")
                }
                value = der
            }
            // Candidate keys: the anchors themselves (pinned signers), then KeyInfo's certificate.
            let candidates = (keyInfoCertificate.map { [$0] } ?? []) + anchors.filter { $0 != keyInfoCertificate }
            var verifiedWith: Certificate?
            for candidate in candidates {
                guard let key = try? candidate.publicKey() else { continue }
                if key.isValidSignature(value, for: signedBytes, algorithm: method.algorithm) {
                    verifiedWith = candidate
                    break
                }
            }
            signer = verifiedWith ?? keyInfoCertificate
            guard let verifiedWith else { return .signatureValueInvalid }
            if anchors.isEmpty { return .signerNotTrusted("no anchor was given to check the signer against") }
            if anchors.contains(verifiedWith) { return .valid }
            let issuedByAnchor = anchors.contains { anchor in
                anchor.subject == verifiedWith.issuer
                    && (try? anchor.publicKey()).map { verifiedWith.isSignatureValid(issuerKey: $0) } == true
            }
            if issuedByAnchor { return .valid }
            return .signerNotTrusted("the signer \(verifiedWith.subject) is not a given anchor nor issued by one")
        }

        private func countSignatures(under root: XMLElementNode) -> Int {
            var count = 0
            var stack = [root]
            while let element = stack.popLast() {
                if element.is(XMLNamespace.dsig, "Signature") { count += 1 }
                stack.append(contentsOf: element.childElements)
            }
            return count
        }

        private mutating func check(
            _ reference: XMLElementNode,
            root: XMLElementNode,
            signature: XMLElementNode
        ) -> Result<(String, Bool, Bool), CheckFailure> {
            guard let uri = reference.attribute("URI") else {
                return .failure(.init(.malformed("a ds:Reference has no URI")))
            }
            var enveloped = false
            var c14n: CanonicalizationMethod?
            var prefixes: [String] = []
            for transform in reference.child(XMLNamespace.dsig, "Transforms")?.children(XMLNamespace.dsig, "Transform")
                ?? []
            {
                let algorithm = transform.attribute("Algorithm") ?? ""
                if algorithm == XMLSignatureAlgorithms.envelopedSignature, !enveloped, c14n == nil {
                    enveloped = true
                } else if let method = CanonicalizationMethod(uri: algorithm), c14n == nil {
                    c14n = method
                    prefixes = inclusivePrefixes(transform)
                } else {
                    return .failure(.init(.unsupportedAlgorithm("Transform \(algorithm) in reference \"\(uri)\"")))
                }
            }
            let digestURI = reference.child(XMLNamespace.dsig, "DigestMethod")?.attribute("Algorithm") ?? "(missing)"
            guard let hash = XMLSignatureAlgorithms.trustedListDigest(digestURI) else {
                return .failure(.init(.unsupportedAlgorithm("DigestMethod \(digestURI)")))
            }
            guard let expectedText = reference.child(XMLNamespace.dsig, "DigestValue")?.text,
                let expected = decodeXMLBase64(expectedText), expected.count == hash.byteCount
            else { return .failure(.init(.malformed("reference \"\(uri)\" has no usable DigestValue"))) }

            let rootID = root.attribute("Id")
            let wholeDocument = uri.isEmpty || (rootID.map { uri == "#" + $0 } ?? false)
            let target: XMLElementNode?
            if wholeDocument {
                guard enveloped else {
                    return .failure(
                        .init(.malformed("the reference to the whole document lacks the enveloped-signature transform"))
                    )
                }
                target = uri.isEmpty ? nil : root
            } else if uri.hasPrefix("#"), !enveloped {
                let matches = tree.elements(withID: String(uri.dropFirst()))
                guard matches.count == 1, let element = matches.first, element.isInside(signature) else {
                    return .failure(
                        .init(
                            .malformed(
                                "reference \"\(uri)\" must name exactly one element inside the signature; it names "
                                    + "\(matches.count), \(matches.first.map { $0.isInside(signature) ? "inside" : "outside" } ?? "none")"
                            )
                        )
                    )
                }
                target = element
            } else {
                return .failure(.init(.malformed("reference \"\(uri)\" is not a same-document reference")))
            }
            // A node-set left at the end of the transforms is converted with C14N 1.0 (XML-DSig 1.1 §4.4.3.2); a
            // same-document reference drops comments (§4.4.3.3).
            let method = (c14n ?? CanonicalizationMethod.all[0]).withoutComments
            let bytes: [UInt8]
            do {
                bytes = try tree.canonicalForm(
                    of: target,
                    excluding: enveloped ? signature : nil,
                    method: method,
                    inclusivePrefixes: prefixes
                )
            } catch {
                return .failure(.init(.malformed(error.reason)))
            }
            let matches = hash.digest(bytes) == expected
            references.append(.init(uri: uri, digestMethod: digestURI, digestMatches: matches))
            if let target, target.is(XMLNamespace.xades, "SignedProperties"), matches { signingTimeCovered = true }
            return .success((uri, wholeDocument, matches))
        }

        private func signedProperties(_ signature: XMLElementNode) -> XMLElementNode? {
            signature.children(XMLNamespace.dsig, "Object")
                .lazy
                .compactMap {
                    $0.child(XMLNamespace.xades, "QualifyingProperties")?.child(XMLNamespace.xades, "SignedProperties")
                }
                .first
        }

        private func readKeyInfoCertificate(_ signature: XMLElementNode) -> Result<Certificate?, CheckFailure> {
            guard
                let text = signature.child(XMLNamespace.dsig, "KeyInfo")?.child(XMLNamespace.dsig, "X509Data")?
                    .child(XMLNamespace.dsig, "X509Certificate")?.text
            else { return .success(nil) }
            guard let der = decodeXMLBase64(text), let certificate = try? Certificate(derEncoded: der) else {
                return .failure(.init(.malformed("KeyInfo/X509Data/X509Certificate is not a certificate")))
            }
            return .success(certificate)
        }

        /// XAdES SigningCertificate (v5 lists) or SigningCertificateV2 (v6): the CertDigest must be the KeyInfo
        /// certificate's (EN 319 132-1 §5.2.2).
        private func checkXAdESCertificateDigest(
            _ element: XMLElementNode,
            _ certificate: Certificate
        ) -> XMLSignatureVerification.Outcome? {
            let digests = element.children(XMLNamespace.xades, "Cert").compactMap {
                $0.child(XMLNamespace.xades, "CertDigest")
            }
            for digest in digests {
                guard let uri = digest.child(XMLNamespace.dsig, "DigestMethod")?.attribute("Algorithm"),
                    let hash = XMLSignatureAlgorithms.certificateDigest(uri),
                    let value = digest.child(XMLNamespace.dsig, "DigestValue").flatMap({ decodeXMLBase64($0.text) })
                else { continue }
                if hash.digest(certificate.derBytes) == value { return nil }
            }
            return digests.isEmpty ? nil : .signingCertificateMismatch
        }

        private func inclusivePrefixes(_ element: XMLElementNode?) -> [String] {
            guard let list = element?.child(XMLNamespace.exclusiveC14N, "InclusiveNamespaces")?.attribute("PrefixList")
            else { return [] }
            return list.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
        }
    }

    private struct CheckFailure: Error {
        let outcome: XMLSignatureVerification.Outcome
        init(_ outcome: XMLSignatureVerification.Outcome) { self.outcome = outcome }
    }
}
