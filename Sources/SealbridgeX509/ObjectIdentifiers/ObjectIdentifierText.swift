import SealbridgeCrypto
public import SwiftASN1

extension ASN1ObjectIdentifier {
    /// The OID in dotted decimal (`2.5.29.15`), decoded from its DER content octets by X.690 §8.19.
    ///
    /// Show this, or ``displayText``, never `description`: swift-asn1 1.7.4's `description` divides the first
    /// subidentifier by 40, so an OID under joint-iso-itu-t (2) whose second arc is 40 or more prints wrongly
    /// (`2.999.1` as `26.39.1`), and it stops the program on an arc that does not fit a `UInt`. Here every arc is
    /// written exactly, whatever its size.
    public var dottedText: String {
        ASN1ObjectIdentifier.dottedText(contentOctets: contentOctets) ?? "(malformed object identifier)"
    }

    /// A readable name for an OID people meet in this project (`SM2-with-SM3`, `id-kp-timeStamping`,
    /// `signingCertificateV2`, `QcCompliance`, …); `nil` for any other.
    ///
    /// The registry covers signature, digest and key algorithms (from SealbridgeCrypto's registry), curves, name
    /// attributes, the RFC 5280 and CRL extensions, extended key usages, access methods, policy qualifiers and
    /// well-known policies, CMS content types and attributes (RFC 5652, RFC 5035, RFC 6211, RFC 3161, ETSI
    /// EN 319 122-1, GB/T 35275), commitment types and ETSI EN 319 412-5 qcStatements.
    public var readableName: String? {
        ObjectIdentifierNames.byOID[self]
    }

    /// The name and the dotted OID, `SM2-with-SM3 (1.2.156.10197.1.501)`, or the dotted OID alone when the OID has no
    /// ``readableName``.
    public var displayText: String {
        guard let name = readableName else { return dottedText }
        return "\(name) (\(dottedText))"
    }

    /// Dotted decimal from the content octets of a DER `OBJECT IDENTIFIER` (X.690 §8.19), with arcs of any size.
    ///
    /// The first subidentifier `X * 40 + Y` is split as §8.19.4 says: below 40 it is `0.Y`, below 80 `1.(v − 40)`,
    /// otherwise `2.(v − 80)`, so that `2.999` (subidentifier 1079) reads `2.999`. Arcs longer than 64 bits are
    /// converted with a decimal digit array, no big-number type; the work grows with the square of an arc's
    /// length, so an arc over 1,024 octets (about 2,500 digits, far beyond any registered OID) is refused.
    ///
    /// - Parameter contentOctets: the octets after the tag and length.
    /// - Returns: the dotted text, or `nil` when the octets are empty, end inside a subidentifier, encode a
    ///   subidentifier with a leading `0x80` (not minimal, §8.19.2) or hold an arc over 1,024 octets.
    public static func dottedText(contentOctets: some Collection<UInt8>) -> String? {
        var text = ""
        var digits: [UInt8] = []  // the base-128 digits of the subidentifier being read, most significant first
        for octet in contentOctets {
            if digits.isEmpty, octet == 0x80 { return nil }
            digits.append(octet & 0x7F)
            guard digits.count <= ObjectIdentifierArc.maximumOctets else { return nil }
            guard octet & 0x80 == 0 else { continue }
            if text.isEmpty {
                text = ObjectIdentifierArc.firstTwoArcs(ofSubidentifier: digits)
            } else {
                text += "." + ObjectIdentifierArc.decimal(ofBase128Digits: digits)
            }
            digits.removeAll(keepingCapacity: true)
        }
        guard digits.isEmpty, !text.isEmpty else { return nil }
        return text
    }

    /// The content octets of the DER encoding (the subidentifiers), read back through swift-asn1's serializer.
    var contentOctets: ArraySlice<UInt8> {
        var serializer = DER.Serializer()
        guard (try? serializer.serialize(self)) != nil, let node = try? DER.parse(serializer.serializedBytes),
            case .primitive(let content) = node.content
        else { return [] }
        return content
    }
}

/// Decimal text for OID subidentifiers given as base-128 digits (X.690 §8.19.2).
enum ObjectIdentifierArc {
    /// The longest arc written out, in octets (7 bits each).
    static let maximumOctets = 1024

    /// Nine decimal digits per limb of the digit array.
    private static let limbBase: UInt64 = 1_000_000_000

    /// `X.Y` for the first subidentifier `X * 40 + Y` (X.690 §8.19.4).
    static func firstTwoArcs(ofSubidentifier digits: [UInt8]) -> String {
        if let value = smallValue(digits) {
            switch value {
            case ..<40: return "0.\(value)"
            case ..<80: return "1.\(value - 40)"
            default: return "2.\(value - 80)"
            }
        }
        // Over 63 bits: certainly arc 2, and the second arc is the value less 80.
        var limbs = decimalLimbs(digits)
        subtract(80, from: &limbs)
        return "2." + text(ofLimbs: limbs)
    }

    /// The decimal text of a subidentifier.
    static func decimal(ofBase128Digits digits: [UInt8]) -> String {
        if let value = smallValue(digits) { return String(value) }
        return text(ofLimbs: decimalLimbs(digits))
    }

    /// The value when it has at most nine base-128 digits (63 bits), which `UInt64` holds.
    private static func smallValue(_ digits: [UInt8]) -> UInt64? {
        guard digits.count <= 9 else { return nil }
        return digits.reduce(UInt64(0)) { $0 << 7 | UInt64($1) }
    }

    /// The value as base-10⁹ limbs, least significant first: each base-128 digit multiplies by 128 and adds.
    private static func decimalLimbs(_ digits: [UInt8]) -> [UInt64] {
        var limbs: [UInt64] = [0]
        for digit in digits {
            var carry = UInt64(digit)
            for index in limbs.indices {
                let product = limbs[index] * 128 + carry  // < 10⁹ · 128 + 10⁹: no overflow
                limbs[index] = product % limbBase
                carry = product / limbBase
            }
            while carry > 0 {
                limbs.append(carry % limbBase)
                carry /= limbBase
            }
        }
        return limbs
    }

    /// Subtracts a small value from limbs that hold more than it.
    private static func subtract(_ value: UInt64, from limbs: inout [UInt64]) {
        var borrow = value
        for index in limbs.indices where borrow > 0 {
            if limbs[index] >= borrow {
                limbs[index] -= borrow
                borrow = 0
            } else {
                limbs[index] = limbs[index] + limbBase - borrow
                borrow = 1
            }
        }
        while limbs.count > 1, limbs.last == 0 { limbs.removeLast() }
    }

    /// The decimal text of base-10⁹ limbs: the top limb as it is, each lower one padded to nine digits.
    private static func text(ofLimbs limbs: [UInt64]) -> String {
        var text = ""
        for (position, limb) in limbs.reversed().enumerated() {
            let digits = String(limb)
            if position > 0 { text += String(repeating: "0", count: 9 - digits.count) }
            text += digits
        }
        return text
    }
}

/// The registry behind ``SwiftASN1/ASN1ObjectIdentifier/readableName``.
enum ObjectIdentifierNames {
    /// Every known OID and its name; the first name given for an OID wins.
    static let byOID: [ASN1ObjectIdentifier: String] = {
        var names: [ASN1ObjectIdentifier: String] = [:]
        func add(_ oid: ASN1ObjectIdentifier, _ name: String) {
            if names[oid] == nil { names[oid] = name }
        }
        for algorithm in SignatureAlgorithm.registered { add(algorithm.oid, algorithm.name) }
        add(SignatureAlgorithm.rsaPSS(hash: .sha256, saltLength: nil).oid, "RSASSA-PSS")
        for hash in HashFunction.allCases { add(hash.oid, digestName(hash)) }
        for (oid, name) in extensionNames + cryptographyNames + nameAttributeNames + usageNames + cmsNames + etsiNames {
            add(oid, name)
        }
        return names
    }()

    private static func digestName(_ hash: HashFunction) -> String {
        switch hash {
        case .sm3: return "SM3"
        case .insecureSHA1: return "SHA-1"
        case .sha256: return "SHA-256"
        case .sha384: return "SHA-384"
        case .sha512: return "SHA-512"
        case .sha3_256: return "SHA3-256"
        case .sha3_384: return "SHA3-384"
        case .sha3_512: return "SHA3-512"
        }
    }

    /// RFC 5280 §4.2 and §5.2–5.3, RFC 3739, RFC 6960, RFC 6962, RFC 7633.
    private static let extensionNames: [(ASN1ObjectIdentifier, String)] = [
        (ExtensionOID.subjectKeyIdentifier, "subjectKeyIdentifier"),
        (ExtensionOID.keyUsage, "keyUsage"),
        (ExtensionOID.subjectAlternativeName, "subjectAltName"),
        (ExtensionOID.issuerAlternativeName, "issuerAltName"),
        (ExtensionOID.basicConstraints, "basicConstraints"),
        (ExtensionOID.nameConstraints, "nameConstraints"),
        (ExtensionOID.crlDistributionPoints, "cRLDistributionPoints"),
        (ExtensionOID.certificatePolicies, "certificatePolicies"),
        (ExtensionOID.policyMappings, "policyMappings"),
        (ExtensionOID.authorityKeyIdentifier, "authorityKeyIdentifier"),
        (ExtensionOID.policyConstraints, "policyConstraints"),
        (ExtensionOID.extendedKeyUsage, "extKeyUsage"),
        (ExtensionOID.inhibitAnyPolicy, "inhibitAnyPolicy"),
        (ExtensionOID.authorityInfoAccess, "authorityInfoAccess"),
        ([2, 5, 29, 9], "subjectDirectoryAttributes"),
        ([2, 5, 29, 16], "privateKeyUsagePeriod"),
        ([2, 5, 29, 20], "cRLNumber"),
        ([2, 5, 29, 21], "reasonCode"),
        ([2, 5, 29, 24], "invalidityDate"),
        ([2, 5, 29, 27], "deltaCRLIndicator"),
        ([2, 5, 29, 28], "issuingDistributionPoint"),
        ([2, 5, 29, 29], "certificateIssuer"),
        ([2, 5, 29, 46], "freshestCRL"),
        ([1, 3, 6, 1, 5, 5, 7, 1, 3], "qcStatements"),
        ([1, 3, 6, 1, 5, 5, 7, 1, 11], "subjectInfoAccess"),
        ([1, 3, 6, 1, 5, 5, 7, 1, 24], "TLS feature"),
        ([1, 3, 6, 1, 5, 5, 7, 48, 1, 5], "id-pkix-ocsp-nocheck"),
        ([1, 3, 6, 1, 5, 5, 7, 48, 1, 1], "id-pkix-ocsp-basic"),
        ([1, 3, 6, 1, 4, 1, 11129, 2, 4, 2], "CT signed certificate timestamps"),
        ([1, 3, 6, 1, 4, 1, 11129, 2, 4, 3], "CT precertificate poison"),
        (AccessDescription.ocsp, "id-ad-ocsp"),
        (AccessDescription.caIssuers, "id-ad-caIssuers"),
        ([1, 3, 6, 1, 5, 5, 7, 48, 3], "id-ad-timeStamping"),
        ([1, 3, 6, 1, 5, 5, 7, 48, 5], "id-ad-caRepository"),
        ([1, 3, 6, 1, 5, 5, 7, 2, 1], "id-qt-cps"),
        ([1, 3, 6, 1, 5, 5, 7, 2, 2], "id-qt-unotice"),
        (CertificatePolicies.anyPolicy, "anyPolicy"),
    ]

    /// Key algorithms and curves (RFC 5480, RFC 8410, RFC 5639, GM/T 0006) and the algorithms around them.
    private static let cryptographyNames: [(ASN1ObjectIdentifier, String)] = [
        (ASN1ObjectIdentifier.AlgorithmIdentifier.idEcPublicKey, "id-ecPublicKey"),
        (ASN1ObjectIdentifier.AlgorithmIdentifier.rsaEncryption, "rsaEncryption"),
        (ASN1ObjectIdentifier.NamedCurves.secp256r1, "prime256v1 (P-256)"),
        (ASN1ObjectIdentifier.NamedCurves.secp384r1, "secp384r1 (P-384)"),
        (ASN1ObjectIdentifier.NamedCurves.secp521r1, "secp521r1 (P-521)"),
        ([1, 2, 156, 10197, 1, 301], "SM2"),
        ([1, 2, 156, 10197, 1, 301, 1], "SM2 signature (sm2-1)"),
        ([1, 2, 156, 10197, 1, 301, 2], "SM2 key exchange (sm2-2)"),
        ([1, 2, 156, 10197, 1, 301, 3], "SM2 encryption (sm2-3)"),
        ([1, 2, 156, 10197, 1, 104], "SM4"),
        ([1, 3, 36, 3, 3, 2, 8, 1, 1, 7], "brainpoolP256r1"),
        ([1, 3, 36, 3, 3, 2, 8, 1, 1, 11], "brainpoolP384r1"),
        ([1, 3, 36, 3, 3, 2, 8, 1, 1, 13], "brainpoolP512r1"),
        ([1, 2, 840, 10040, 4, 1], "DSA"),
        ([1, 3, 101, 110], "X25519"),
        ([1, 3, 101, 113], "Ed448"),
        ([1, 2, 840, 113_549, 1, 1, 8], "MGF1"),
        ([2, 16, 840, 1, 101, 3, 4, 2, 4], "SHA-224"),
        ([1, 2, 840, 113_549, 1, 5, 13], "PBES2"),
        ([1, 2, 840, 113_549, 1, 5, 12], "PBKDF2"),
    ]

    /// RFC 4519 and RFC 5280 Appendix A attribute types, EN 319 412-1's organizationIdentifier.
    private static let nameAttributeNames: [(ASN1ObjectIdentifier, String)] = [
        (NameAttribute.commonName, "commonName"),
        (NameAttribute.country, "countryName"),
        (NameAttribute.organization, "organizationName"),
        (NameAttribute.organizationalUnit, "organizationalUnitName"),
        (NameAttribute.organizationIdentifier, "organizationIdentifier"),
        (ASN1ObjectIdentifier.NameAttributes.surname, "surname"),
        (ASN1ObjectIdentifier.NameAttributes.serialNumber, "serialNumber"),
        (ASN1ObjectIdentifier.NameAttributes.localityName, "localityName"),
        (ASN1ObjectIdentifier.NameAttributes.stateOrProvinceName, "stateOrProvinceName"),
        ([2, 5, 4, 9], "streetAddress"),
        (ASN1ObjectIdentifier.NameAttributes.title, "title"),
        (ASN1ObjectIdentifier.NameAttributes.name, "name"),
        (ASN1ObjectIdentifier.NameAttributes.givenName, "givenName"),
        (ASN1ObjectIdentifier.NameAttributes.initials, "initials"),
        (ASN1ObjectIdentifier.NameAttributes.generationQualifier, "generationQualifier"),
        (ASN1ObjectIdentifier.NameAttributes.dnQualifier, "dnQualifier"),
        (ASN1ObjectIdentifier.NameAttributes.pseudonym, "pseudonym"),
        (ASN1ObjectIdentifier.NameAttributes.domainComponent, "domainComponent"),
        (ASN1ObjectIdentifier.NameAttributes.emailAddress, "emailAddress"),
    ]

    /// Extended key usages (RFC 5280 §4.2.1.12, RFC 6962, RFC 9336) and CA/Browser Forum policies.
    private static let usageNames: [(ASN1ObjectIdentifier, String)] = [
        ([1, 3, 6, 1, 5, 5, 7, 3, 1], "id-kp-serverAuth"),
        ([1, 3, 6, 1, 5, 5, 7, 3, 2], "id-kp-clientAuth"),
        ([1, 3, 6, 1, 5, 5, 7, 3, 3], "id-kp-codeSigning"),
        ([1, 3, 6, 1, 5, 5, 7, 3, 4], "id-kp-emailProtection"),
        ([1, 3, 6, 1, 5, 5, 7, 3, 8], "id-kp-timeStamping"),
        ([1, 3, 6, 1, 5, 5, 7, 3, 9], "id-kp-OCSPSigning"),
        ([1, 3, 6, 1, 5, 5, 7, 3, 36], "id-kp-documentSigning"),
        ([2, 5, 29, 37, 0], "anyExtendedKeyUsage"),
        ([1, 3, 6, 1, 4, 1, 11129, 2, 4, 4], "CT precertificate signing"),
        ([2, 23, 140, 1, 1], "CA/B Forum extended validation"),
        ([2, 23, 140, 1, 2, 1], "CA/B Forum domain validated"),
        ([2, 23, 140, 1, 2, 2], "CA/B Forum organization validated"),
        ([2, 23, 140, 1, 2, 3], "CA/B Forum individual validated"),
    ]

    /// CMS content types and attributes: RFC 5652, RFC 2634, RFC 5035, RFC 6211, RFC 3161, RFC 5126, ETSI
    /// EN 319 122-1 and GB/T 35275. SealbridgeCMS's `CMSObjectIdentifier` holds the same values as typed constants
    /// (CMS sits above this module, so they cannot be named here); its `name(of:)` answers from this registry.
    private static let cmsNames: [(ASN1ObjectIdentifier, String)] = [
        ([1, 2, 840, 113_549, 1, 7, 1], "id-data"),
        ([1, 2, 840, 113_549, 1, 7, 2], "id-signedData"),
        ([1, 2, 840, 113_549, 1, 7, 3], "id-envelopedData"),
        ([1, 2, 840, 113_549, 1, 7, 5], "id-digestedData"),
        ([1, 2, 840, 113_549, 1, 7, 6], "id-encryptedData"),
        ([1, 2, 840, 113_549, 1, 9, 16, 1, 2], "id-ct-authData"),
        ([1, 2, 840, 113_549, 1, 9, 16, 1, 4], "id-ct-TSTInfo"),
        ([1, 2, 156, 10197, 6, 1, 4, 2, 1], "GM data (GB/T 35275)"),
        ([1, 2, 156, 10197, 6, 1, 4, 2, 2], "GM signedData (GB/T 35275)"),
        ([1, 2, 156, 10197, 6, 1, 4, 2, 3], "GM envelopedData (GB/T 35275)"),
        ([1, 2, 156, 10197, 6, 1, 4, 2, 4], "GM signedAndEnvelopedData (GB/T 35275)"),
        ([1, 2, 156, 10197, 6, 1, 4, 2, 5], "GM encryptedData (GB/T 35275)"),
        ([1, 2, 156, 10197, 6, 1, 4, 2, 6], "GM keyAgreementInfo (GB/T 35275)"),
        ([1, 2, 840, 113_549, 1, 9, 3], "contentType"),
        ([1, 2, 840, 113_549, 1, 9, 4], "messageDigest"),
        ([1, 2, 840, 113_549, 1, 9, 5], "signingTime"),
        ([1, 2, 840, 113_549, 1, 9, 6], "countersignature"),
        ([1, 2, 840, 113_549, 1, 9, 15], "smimeCapabilities"),
        ([1, 2, 840, 113_549, 1, 9, 52], "CMSAlgorithmProtection (RFC 6211)"),
        ([1, 2, 840, 113_549, 1, 9, 16, 2, 4], "contentHints"),
        ([1, 2, 840, 113_549, 1, 9, 16, 2, 12], "signingCertificate (ESS)"),
        ([1, 2, 840, 113_549, 1, 9, 16, 2, 14], "signatureTimeStampToken"),
        ([1, 2, 840, 113_549, 1, 9, 16, 2, 15], "signaturePolicyIdentifier"),
        ([1, 2, 840, 113_549, 1, 9, 16, 2, 16], "commitmentTypeIndication"),
        ([1, 2, 840, 113_549, 1, 9, 16, 2, 17], "signerLocation"),
        ([1, 2, 840, 113_549, 1, 9, 16, 2, 18], "signerAttributes"),
        ([1, 2, 840, 113_549, 1, 9, 16, 2, 20], "contentTimestamp"),
        ([1, 2, 840, 113_549, 1, 9, 16, 2, 21], "completeCertificateRefs"),
        ([1, 2, 840, 113_549, 1, 9, 16, 2, 22], "completeRevocationRefs"),
        ([1, 2, 840, 113_549, 1, 9, 16, 2, 23], "certValues"),
        ([1, 2, 840, 113_549, 1, 9, 16, 2, 24], "revocationValues"),
        ([1, 2, 840, 113_549, 1, 9, 16, 2, 25], "escTimeStamp (CAdES-C time-stamp)"),
        ([1, 3, 6, 1, 5, 5, 7, 16, 2], "OCSP response (RFC 5940 id-ri-ocsp-response)"),
        ([1, 3, 6, 1, 5, 5, 7, 16, 4], "SCVP response (RFC 5940 id-ri-scvp)"),
        ([1, 2, 840, 113_549, 1, 9, 16, 2, 26], "certCRLTimestamp"),
        ([1, 2, 840, 113_549, 1, 9, 16, 2, 47], "signingCertificateV2 (RFC 5035)"),
        ([1, 2, 840, 113_549, 1, 9, 16, 2, 27], "archiveTimestamp"),
        ([1, 2, 840, 113_549, 1, 9, 16, 2, 48], "archiveTimestampV2"),
        ([1, 2, 840, 113_549, 1, 9, 16, 2, 49], "evidence record, internal (RFC 4998)"),
        ([1, 2, 840, 113_549, 1, 9, 16, 2, 50], "evidence record, external (RFC 4998)"),
        ([0, 4, 0, 1733, 2, 4], "archive-time-stamp v3"),
        ([0, 4, 0, 1733, 2, 5], "ATSHashIndex"),
        ([0, 4, 0, 19122, 1, 1], "signer-attributes-v2"),
        ([0, 4, 0, 19122, 1, 3], "signature-policy-store"),
        ([0, 4, 0, 19122, 1, 5], "ATSHashIndex v3"),
        ([1, 2, 840, 113_549, 1, 9, 16, 6, 1], "proof of origin"),
        ([1, 2, 840, 113_549, 1, 9, 16, 6, 2], "proof of receipt"),
        ([1, 2, 840, 113_549, 1, 9, 16, 6, 3], "proof of delivery"),
        ([1, 2, 840, 113_549, 1, 9, 16, 6, 4], "proof of sender"),
        ([1, 2, 840, 113_549, 1, 9, 16, 6, 5], "proof of approval"),
        ([1, 2, 840, 113_549, 1, 9, 16, 6, 6], "proof of creation"),
    ]

    /// ETSI EN 319 412-5 qcStatements and QcTypes, EN 319 412-1 semantics identifiers, EN 319 411-2 policies.
    private static let etsiNames: [(ASN1ObjectIdentifier, String)] = [
        (QCStatements.qcCompliance, "QcCompliance"),
        ([0, 4, 0, 1862, 1, 2], "QcLimitValue"),
        ([0, 4, 0, 1862, 1, 3], "QcRetentionPeriod"),
        (QCStatements.qcSSCD, "QcSSCD"),
        (QCStatements.qcPDS, "QcPDS"),
        (QCStatements.qcType, "QcType"),
        ([0, 4, 0, 1862, 1, 6, 1], "QcType esign"),
        ([0, 4, 0, 1862, 1, 6, 2], "QcType eseal"),
        ([0, 4, 0, 1862, 1, 6, 3], "QcType web"),
        ([0, 4, 0, 1862, 1, 7], "QcCClegislation"),
        ([0, 4, 0, 194_121, 1, 1], "semantics identifier natural person"),
        ([0, 4, 0, 194_121, 1, 2], "semantics identifier legal person"),
        ([1, 3, 6, 1, 5, 5, 7, 11, 2], "id-qcs-pkixQCSyntax-v2"),
        ([0, 4, 0, 19495, 2], "PSD2 qcStatement"),
        ([0, 4, 0, 194_112, 1, 0], "QCP-n"),
        ([0, 4, 0, 194_112, 1, 1], "QCP-l"),
        ([0, 4, 0, 194_112, 1, 2], "QCP-n-qscd"),
        ([0, 4, 0, 194_112, 1, 3], "QCP-l-qscd"),
        ([0, 4, 0, 194_112, 1, 4], "QCP-w"),
    ]
}
