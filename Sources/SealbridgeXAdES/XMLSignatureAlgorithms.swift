package import SealbridgeCrypto

/// The XML namespaces of XML-DSig and XAdES.
package enum XMLDSigNamespace {
    /// XML-DSig 1.0/1.1 (`ds:`).
    package static let dsig = "http://www.w3.org/2000/09/xmldsig#"
    /// XAdES 1.3.2 (EN 319 132-1: the qualifying properties, `SigningCertificateV2`, `SignerRoleV2`).
    package static let xades132 = "http://uri.etsi.org/01903/v1.3.2#"
    /// XAdES 1.4.1 (EN 319 132-1: `ArchiveTimeStamp`, `TimeStampValidationData`, `SignaturePolicyStore`).
    package static let xades141 = "http://uri.etsi.org/01903/v1.4.1#"
    /// Exclusive C14N's `InclusiveNamespaces`.
    package static let exclusiveC14N = "http://www.w3.org/2001/10/xml-exc-c14n#"
    /// XPath Filter 2.0 (`dsig-xpath:XPath`).
    package static let xpathFilter2 = "http://www.w3.org/2002/06/xmldsig-filter2"

    /// ETSI TS 101 903 v1.1.1 and v1.2.2, which signers used before 1.3.2 and old signatures still carry.
    package static let xades111 = "http://uri.etsi.org/01903/v1.1.1#"
    package static let xades122 = "http://uri.etsi.org/01903/v1.2.2#"

    /// Whether `namespace` is one of the XAdES namespaces, in which the properties are read.
    package static func isXAdES(_ namespace: String) -> Bool {
        namespace == xades132 || namespace == xades141 || namespace == xades122 || namespace == xades111
    }
}

/// How an XML-DSig `SignatureValue` holds (r, s) for the elliptic-curve schemes.
package enum XMLSignatureValueEncoding: Sendable, Hashable {
    /// As the scheme's DER or raw form needs no change (RSA, Ed25519).
    case asIs
    /// `r ‖ s`, each half as long as the curve (XML-DSig ECDSA, RFC 4050 §3.3).
    case rawPair
    /// SM2 as the Chinese customs software writes it: `r ‖ s` (64 bytes); DER `SEQUENCE { r, s }` is read too.
    case rawPairOrDER
}

/// The algorithm URIs Sealbridge reads and writes in XML signatures: RFC 3275, RFC 6931 and RFC 9231, and the two
/// SM2/SM3 names Chinese customs software uses (no URI for SM2 or SM3 is registered in the IANA XML Security URIs).
///
/// - `http://www.w3.org/2000/09/xmldsig#sm2-sm3`: the `SignatureMethod` of China E-Port's cross-border e-commerce
///   messages (CEB 311/621/… as the customs signing client returns them), r ‖ s in 64 bytes. Sealbridge writes it,
///   because that is what a customs system verifies.
/// - `http://www.chinaport.gov.cn/2022/04/xmldsig#sm2-sm3` and `…#sm3`: the names of E-Port's 2022 client for the
///   same signature and for SM3 digests. Sealbridge reads both and writes `…2022/04/xmldsig#sm3` for SM3 digests, the
///   only SM3 digest URI in use.
///
/// Reading is wide (SHA-1 included: whether a SHA-1 signature is acceptable is the cryptographic constraints'
/// decision, EN 319 102-1 §5.2.8, not the parser's); trusted lists narrow it (``trustedListDigest(_:)``).
package enum XMLSignatureAlgorithms {
    package static let envelopedSignature = "http://www.w3.org/2000/09/xmldsig#enveloped-signature"
    package static let base64Transform = "http://www.w3.org/2000/09/xmldsig#base64"
    package static let xpathTransform = "http://www.w3.org/TR/1999/REC-xpath-19991116"
    package static let xpathFilter2Transform = "http://www.w3.org/2002/06/xmldsig-filter2"
    package static let sm2WithSM3 = "http://www.w3.org/2000/09/xmldsig#sm2-sm3"
    package static let chinaPortSM2WithSM3 = "http://www.chinaport.gov.cn/2022/04/xmldsig#sm2-sm3"
    package static let chinaPortSM3 = "http://www.chinaport.gov.cn/2022/04/xmldsig#sm3"
    package static let ed25519 = "http://www.w3.org/2021/04/xmldsig-more#eddsa-ed25519"

    /// A digest a reference, a `CertDigest` or a manifest entry may name.
    package static func digest(_ uri: String) -> HashFunction? {
        switch uri {
        case "http://www.w3.org/2000/09/xmldsig#sha1": return .insecureSHA1
        case "http://www.w3.org/2001/04/xmlenc#sha256": return .sha256
        case "http://www.w3.org/2001/04/xmldsig-more#sha384": return .sha384
        case "http://www.w3.org/2001/04/xmlenc#sha512": return .sha512
        case "http://www.w3.org/2007/05/xmldsig-more#sha3-256": return .sha3_256
        case "http://www.w3.org/2007/05/xmldsig-more#sha3-384": return .sha3_384
        case "http://www.w3.org/2007/05/xmldsig-more#sha3-512": return .sha3_512
        case chinaPortSM3: return .sm3
        default: return nil
        }
    }

    /// The digests a trusted list's references may use: SHA-2 only (TS 119 612 v2.3.1 §5.7.1 with TS 119 312).
    package static func trustedListDigest(_ uri: String) -> HashFunction? {
        guard let hash = digest(uri), [.sha256, .sha384, .sha512].contains(hash) else { return nil }
        return hash
    }

    /// The URI Sealbridge writes for a digest.
    package static func digestURI(_ hash: HashFunction) -> String? {
        switch hash {
        case .sha256: return "http://www.w3.org/2001/04/xmlenc#sha256"
        case .sha384: return "http://www.w3.org/2001/04/xmldsig-more#sha384"
        case .sha512: return "http://www.w3.org/2001/04/xmlenc#sha512"
        case .sha3_256: return "http://www.w3.org/2007/05/xmldsig-more#sha3-256"
        case .sha3_384: return "http://www.w3.org/2007/05/xmldsig-more#sha3-384"
        case .sha3_512: return "http://www.w3.org/2007/05/xmldsig-more#sha3-512"
        case .sm3: return chinaPortSM3
        case .insecureSHA1: return nil
        }
    }

    /// The signature algorithm a `SignatureMethod` names and how its value holds (r, s).
    package static func signature(
        _ uri: String
    ) -> (algorithm: SignatureAlgorithm, encoding: XMLSignatureValueEncoding)? {
        let dsig = "http://www.w3.org/2000/09/xmldsig#"
        let more = "http://www.w3.org/2001/04/xmldsig-more#"
        let more2007 = "http://www.w3.org/2007/05/xmldsig-more#"
        switch uri {
        case dsig + "rsa-sha1": return (.sha1WithRSAEncryption, .asIs)
        case more + "rsa-sha256": return (.sha256WithRSAEncryption, .asIs)
        case more + "rsa-sha384": return (.sha384WithRSAEncryption, .asIs)
        case more + "rsa-sha512": return (.sha512WithRSAEncryption, .asIs)
        case more2007 + "rsa-sha3-256": return (.sha3_256WithRSAEncryption, .asIs)
        case more2007 + "rsa-sha3-384": return (.sha3_384WithRSAEncryption, .asIs)
        case more2007 + "rsa-sha3-512": return (.sha3_512WithRSAEncryption, .asIs)
        // RFC 6931 §2.3.10: MGF1 with the same hash, salt length = hash length, trailer 0xBC.
        case more2007 + "sha256-rsa-MGF1": return (.rsaPSS(hash: .sha256, saltLength: 32), .asIs)
        case more2007 + "sha384-rsa-MGF1": return (.rsaPSS(hash: .sha384, saltLength: 48), .asIs)
        case more2007 + "sha512-rsa-MGF1": return (.rsaPSS(hash: .sha512, saltLength: 64), .asIs)
        case more + "ecdsa-sha1": return (.ecdsaWithSHA1, .rawPair)
        case more + "ecdsa-sha256": return (.ecdsaWithSHA256, .rawPair)
        case more + "ecdsa-sha384": return (.ecdsaWithSHA384, .rawPair)
        case more + "ecdsa-sha512": return (.ecdsaWithSHA512, .rawPair)
        case more2007 + "ecdsa-sha3-256": return (.ecdsaWithSHA3_256, .rawPair)
        case more2007 + "ecdsa-sha3-384": return (.ecdsaWithSHA3_384, .rawPair)
        case more2007 + "ecdsa-sha3-512": return (.ecdsaWithSHA3_512, .rawPair)
        case ed25519: return (.ed25519, .asIs)
        case sm2WithSM3, chinaPortSM2WithSM3: return (.sm2WithSM3, .rawPairOrDER)
        default: return nil
        }
    }

    /// The `SignatureMethod` Sealbridge writes for `key` and `hash`.
    package static func signatureURI(for key: PublicKey, hash: HashFunction, rsaPSS: Bool = false) -> String? {
        let more = "http://www.w3.org/2001/04/xmldsig-more#"
        if rsaPSS {
            guard key.algorithm == .rsa, [.sha256, .sha384, .sha512].contains(hash) else { return nil }
            return "http://www.w3.org/2007/05/xmldsig-more#\(hash.rawValue)-rsa-MGF1"
        }
        switch (key.algorithm, hash) {
        case (.rsa, .sha256): return more + "rsa-sha256"
        case (.rsa, .sha384): return more + "rsa-sha384"
        case (.rsa, .sha512): return more + "rsa-sha512"
        case (.p256, .sha256), (.p384, .sha256), (.p521, .sha256): return more + "ecdsa-sha256"
        case (.p256, .sha384), (.p384, .sha384), (.p521, .sha384): return more + "ecdsa-sha384"
        case (.p256, .sha512), (.p384, .sha512), (.p521, .sha512): return more + "ecdsa-sha512"
        case (.ed25519, _): return ed25519
        case (.sm2, .sm3): return sm2WithSM3
        default: return nil
        }
    }

    /// The DER (or, for Ed25519 and RSA, the unchanged) signature the key layer verifies, from a `SignatureValue`.
    package static func verifiableSignature(_ value: [UInt8], encoding: XMLSignatureValueEncoding) -> [UInt8]? {
        switch encoding {
        case .asIs:
            return value
        case .rawPair:
            guard !value.isEmpty, value.count % 2 == 0 else { return nil }
            return try? SignatureEncoding.der(fromRaw: value)
        case .rawPairOrDER:
            if value.count == 64 { return try? SignatureEncoding.der(fromRaw: value) }
            return value.first == 0x30 ? value : nil
        }
    }
}

/// Decodes base64 that may be wrapped over lines (XML-DSig values often are); nil when not base64.
package func decodeXMLBase64(_ text: String) -> [UInt8]? {
    // Byte-wise (``Base64Text``): a CR LF written as `&#xD;` and a line break is one Swift Character, which a
    // character filter would not remove.
    Base64Text.decode(text.utf8, maximumOutput: nil)
}
