public import SealbridgeCrypto
public import SwiftASN1

extension DistinguishedName {
    /// A name from attributes in order, one per RDN: countryName as PrintableString, the rest as UTF8String
    /// (RFC 5280 §4.1.2.4, RFC 5280 Appendix A).
    ///
    /// - Throws: `X509Error` when an attribute value is empty.
    public init(_ attributes: [(type: ASN1ObjectIdentifier, value: String)]) throws {
        var rdns: [[UInt8]] = []
        for (type, value) in attributes {
            guard !value.isEmpty else {
                throw X509Error.invalidValue(reason: "an empty value for attribute \(type.displayText)")
            }
            let tag: UInt8 = type == NameAttribute.country ? 0x13 : 0x0C
            let string = DERWriter.header(tag, length: value.utf8.count) + Array(value.utf8)
            rdns.append(DERWriter.wrap(0x31, [DERWriter.sequence([DERWriter.encode(type), string])]))
        }
        try self.init(derEncoded: try DER.parse(DERWriter.sequence(rdns)))
    }
}

/// Attribute types for names (RFC 4519).
public enum NameAttribute {
    /// commonName, 2.5.4.3.
    public static let commonName: ASN1ObjectIdentifier = [2, 5, 4, 3]
    /// countryName, 2.5.4.6.
    public static let country: ASN1ObjectIdentifier = [2, 5, 4, 6]
    /// organizationName, 2.5.4.10.
    public static let organization: ASN1ObjectIdentifier = [2, 5, 4, 10]
    /// organizationalUnitName, 2.5.4.11.
    public static let organizationalUnit: ASN1ObjectIdentifier = [2, 5, 4, 11]
    /// organizationIdentifier, 2.5.4.97 (EN 319 412-1 §5.1.4).
    public static let organizationIdentifier: ASN1ObjectIdentifier = [2, 5, 4, 97]
}

/// What a new certificate says (the TBSCertificate's content and the extensions Sealbridge writes).
public struct CertificateTemplate: Sendable {
    /// The subject.
    public var subject: DistinguishedName
    /// The serial number's magnitude (positive, at most 20 octets; RFC 5280 §4.1.2.2).
    public var serialNumber: [UInt8]
    /// notBefore.
    public var notBefore: X509Time
    /// notAfter.
    public var notAfter: X509Time
    /// The subject's public key.
    public var publicKey: PublicKey
    /// A CA certificate (basicConstraints cA, critical).
    public var isCertificateAuthority = false
    /// pathLenConstraint for a CA.
    public var pathLength: Int?
    /// keyUsage (critical); empty: no extension.
    public var keyUsage: KeyUsage = []
    /// extKeyUsage purposes; empty: no extension.
    public var extendedKeyUsages: [ASN1ObjectIdentifier] = []
    /// Whether extKeyUsage is critical (RFC 3161 §2.3 requires it for TSAs).
    public var extendedKeyUsageCritical = false
    /// certificatePolicies identifiers; empty: no extension.
    public var policies: [ASN1ObjectIdentifier] = []
    /// qcStatements statement identifiers (EN 319 412-5), without statementInfo; empty: no extension.
    public var qcStatements: [ASN1ObjectIdentifier] = []
    /// CRL distribution point URIs; empty: no extension.
    public var crlDistributionPoints: [String] = []
    /// Further extensions, written as given (e.g. the GM/T 0015 identity extensions under 1.2.156.10260.4.1).
    public var additionalExtensions: [AdditionalExtension] = []

    /// An extension written as given: its OID, criticality and the DER of its value (inside extnValue).
    public struct AdditionalExtension: Sendable, Hashable {
        /// extnID.
        public var oid: ASN1ObjectIdentifier
        /// critical.
        public var critical: Bool
        /// The DER the extnValue OCTET STRING wraps.
        public var value: [UInt8]

        /// Makes one.
        public init(oid: ASN1ObjectIdentifier, critical: Bool = false, value: [UInt8]) {
            self.oid = oid
            self.critical = critical
            self.value = value
        }

        /// An extension whose value is a PrintableString (or UTF8String when the text is not printable), as the
        /// GM/T 0015 identity-code extensions are written by Chinese CAs.
        public static func text(_ oid: ASN1ObjectIdentifier, _ text: String) -> AdditionalExtension {
            let printable = text.utf8.allSatisfy {
                (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0)
                    || Array(" '()+,-./:=?".utf8).contains($0)
            }
            let bytes = Array(text.utf8)
            return AdditionalExtension(
                oid: oid,
                value: DERWriter.header(printable ? 0x13 : 0x0C, length: bytes.count) + bytes
            )
        }
    }

    /// Makes a template for an end-entity certificate; set the CA fields for a CA.
    public init(
        subject: DistinguishedName,
        serialNumber: [UInt8],
        notBefore: X509Time,
        notAfter: X509Time,
        publicKey: PublicKey
    ) {
        self.subject = subject
        self.serialNumber = serialNumber
        self.notBefore = notBefore
        self.notAfter = notAfter
        self.publicKey = publicKey
    }
}

/// Issues X.509 v3 certificates and v2 CRLs (RFC 5280) — for test PKIs, demonstration data and small private CAs.
public enum CertificateIssuer {
    /// Signs `template` as `issuer` with `issuerKey`: an authorityKeyIdentifier from the issuer's
    /// subjectKeyIdentifier, a subjectKeyIdentifier from the SHA-1 of the subject's SubjectPublicKeyInfo
    /// (RFC 5280 §4.2.1.2 allows any method), the template's extensions. SM2 keys sign SM2-with-SM3 with the
    /// default ID (GM/T 0015).
    ///
    /// - Parameters:
    ///   - template: what the certificate says.
    ///   - issuer: the issuing CA's certificate; nil for a self-signed certificate.
    ///   - issuerKey: the issuer's private key (the subject's own for a self-signed certificate).
    ///   - algorithm: the signature algorithm; by default the key's usual one.
    /// - Returns: the certificate, parsed back from its DER.
    /// - Throws: `CryptoError` when the key cannot sign; `X509Error` for a bad template.
    public static func issue(
        _ template: CertificateTemplate,
        issuer: Certificate?,
        issuerKey: PrivateKey,
        algorithm: SignatureAlgorithm? = nil
    ) throws -> Certificate {
        guard !template.serialNumber.isEmpty, template.serialNumber.count <= 20 else {
            throw X509Error.invalidValue(reason: "a serial number has 1 to 20 octets")
        }
        let algorithm = algorithm ?? issuerKey.algorithm.defaultSignatureAlgorithm
        let algorithmIdentifier = DERWriter.encode(try algorithm.algorithmIdentifier())
        let subjectKeyIdentifier = HashFunction.insecureSHA1.digest(template.publicKey.derRepresentation)
        let authorityKeyIdentifier =
            issuer.flatMap { (try? $0.subjectKeyIdentifier()) ?? nil }
            ?? (issuer == nil
                ? subjectKeyIdentifier : HashFunction.insecureSHA1.digest(issuerKey.publicKey.derRepresentation))

        var extensions: [[UInt8]] = []
        func add(_ oid: ASN1ObjectIdentifier, critical: Bool, _ value: [UInt8]) {
            var fields = [DERWriter.encode(oid)]
            if critical { fields.append(DERWriter.boolean(true)) }
            fields.append(DERWriter.octetString(value))
            extensions.append(DERWriter.sequence(fields))
        }
        var basic: [[UInt8]] = []
        if template.isCertificateAuthority {
            basic.append(DERWriter.boolean(true))
            if let length = template.pathLength { basic.append(DERWriter.integer(length)) }
        }
        add(ExtensionOID.basicConstraints, critical: template.isCertificateAuthority, DERWriter.sequence(basic))
        if !template.keyUsage.isEmpty { add(ExtensionOID.keyUsage, critical: true, keyUsageBits(template.keyUsage)) }
        if !template.extendedKeyUsages.isEmpty {
            add(
                ExtensionOID.extendedKeyUsage,
                critical: template.extendedKeyUsageCritical,
                DERWriter.sequence(template.extendedKeyUsages.map(DERWriter.encode))
            )
        }
        add(ExtensionOID.subjectKeyIdentifier, critical: false, DERWriter.octetString(subjectKeyIdentifier))
        add(
            ExtensionOID.authorityKeyIdentifier,
            critical: false,
            DERWriter.sequence([DERWriter.header(0x80, length: authorityKeyIdentifier.count) + authorityKeyIdentifier])
        )
        if !template.policies.isEmpty {
            add(
                ExtensionOID.certificatePolicies,
                critical: false,
                DERWriter.sequence(template.policies.map { DERWriter.sequence([DERWriter.encode($0)]) })
            )
        }
        if !template.crlDistributionPoints.isEmpty {
            let points = template.crlDistributionPoints.map { uri in
                let name = DERWriter.header(0x86, length: uri.utf8.count) + Array(uri.utf8)
                return DERWriter.sequence([DERWriter.wrap(0xA0, [DERWriter.wrap(0xA0, [name])])])
            }
            add(ExtensionOID.crlDistributionPoints, critical: false, DERWriter.sequence(points))
        }
        for custom in template.additionalExtensions {
            add(custom.oid, critical: custom.critical, custom.value)
        }
        if !template.qcStatements.isEmpty {
            add(
                [1, 3, 6, 1, 5, 5, 7, 1, 3],
                critical: false,
                DERWriter.sequence(template.qcStatements.map { DERWriter.sequence([DERWriter.encode($0)]) })
            )
        }
        let issuerName = issuer.map { Array($0.subject.derBytes) } ?? Array(template.subject.derBytes)
        let tbs = DERWriter.sequence([
            DERWriter.explicit(0, DERWriter.integer(2)),
            DERWriter.integer(contents: DERWriter.unsignedIntegerContents(template.serialNumber)),
            algorithmIdentifier,
            issuerName,
            DERWriter.sequence([try template.notBefore.serializedDER(), try template.notAfter.serializedDER()]),
            Array(template.subject.derBytes),
            template.publicKey.derRepresentation,
            DERWriter.explicit(3, DERWriter.sequence(extensions)),
        ])
        let signature = try issuerKey.signature(for: tbs, algorithm: algorithm)
        let der = DERWriter.sequence([tbs, algorithmIdentifier, DERWriter.wrap(0x03, [[0x00], signature])])
        return try Certificate(derEncoded: der)
    }

    /// A CRL entry to write.
    public struct RevokedEntry: Sendable {
        /// The revoked certificate's serial number magnitude.
        public var serialNumber: [UInt8]
        /// When it was revoked.
        public var revocationDate: X509Time
        /// The CRLReason code (RFC 5280 §5.3.1), e.g. 1 keyCompromise; nil: no reasonCode extension.
        public var reason: Int?

        /// Makes an entry.
        public init(serialNumber: [UInt8], revocationDate: X509Time, reason: Int? = nil) {
            self.serialNumber = serialNumber
            self.revocationDate = revocationDate
            self.reason = reason
        }
    }

    /// Signs a v2 CRL for `issuer` with authorityKeyIdentifier and cRLNumber (RFC 5280 §5.2.1, §5.2.3).
    ///
    /// - Throws: `CryptoError` when the key cannot sign.
    public static func issueCRL(
        issuer: Certificate,
        issuerKey: PrivateKey,
        thisUpdate: X509Time,
        nextUpdate: X509Time,
        number: Int,
        revoked: [RevokedEntry],
        algorithm: SignatureAlgorithm? = nil
    ) throws -> CertificateRevocationList {
        let algorithm = algorithm ?? issuerKey.algorithm.defaultSignatureAlgorithm
        let algorithmIdentifier = DERWriter.encode(try algorithm.algorithmIdentifier())
        let keyIdentifier =
            ((try? issuer.subjectKeyIdentifier()) ?? nil)
            ?? HashFunction.insecureSHA1.digest(issuerKey.publicKey.derRepresentation)
        var fields: [[UInt8]] = [
            DERWriter.integer(1),
            algorithmIdentifier,
            Array(issuer.subject.derBytes),
            try thisUpdate.serializedDER(),
            try nextUpdate.serializedDER(),
        ]
        if !revoked.isEmpty {
            fields.append(
                DERWriter.sequence(
                    try revoked.map { entry in
                        var parts = [
                            DERWriter.integer(contents: DERWriter.unsignedIntegerContents(entry.serialNumber)),
                            try entry.revocationDate.serializedDER(),
                        ]
                        if let reason = entry.reason {
                            let value = [0x0A, 0x01, UInt8(truncatingIfNeeded: reason)]  // ENUMERATED
                            parts.append(
                                DERWriter.sequence([
                                    DERWriter.sequence([
                                        DERWriter.encode([2, 5, 29, 21] as ASN1ObjectIdentifier),
                                        DERWriter.octetString(value),
                                    ])
                                ])
                            )
                        }
                        return DERWriter.sequence(parts)
                    }
                )
            )
        }
        let authorityKey = DERWriter.sequence([
            DERWriter.encode(ExtensionOID.authorityKeyIdentifier),
            DERWriter.octetString(
                DERWriter.sequence([DERWriter.header(0x80, length: keyIdentifier.count) + keyIdentifier])
            ),
        ])
        let crlNumber = DERWriter.sequence([
            DERWriter.encode([2, 5, 29, 20] as ASN1ObjectIdentifier),
            DERWriter.octetString(DERWriter.integer(number)),
        ])
        fields.append(DERWriter.explicit(0, DERWriter.sequence([authorityKey, crlNumber])))
        let tbs = DERWriter.sequence(fields)
        let signature = try issuerKey.signature(for: tbs, algorithm: algorithm)
        let der = DERWriter.sequence([tbs, algorithmIdentifier, DERWriter.wrap(0x03, [[0x00], signature])])
        return try CertificateRevocationList(derEncoded: der)
    }

    /// keyUsage as a DER BIT STRING: bit 0 is the most significant bit of the first octet; trailing zero bits are
    /// removed and counted as unused (X.690 §11.2.2).
    static func keyUsageBits(_ usage: KeyUsage) -> [UInt8] {
        var octets: [UInt8] = [0, 0]
        for bit in 0..<9 where usage.rawValue & (1 << bit) != 0 {
            octets[bit / 8] |= 0x80 >> UInt8(bit % 8)
        }
        if octets[1] == 0 { octets.removeLast() }
        let last = octets[octets.count - 1]
        let unused = last == 0 ? 0 : last.trailingZeroBitCount
        return DERWriter.wrap(0x03, [[UInt8(unused)], octets])
    }
}
