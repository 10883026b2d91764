public import SealbridgeCrypto
public import SwiftASN1

extension DistinguishedName {
    /// A name from attributes in order, one per RDN: countryName as PrintableString, the rest as UTF8String
    /// (RFC 5280 §4.1.2.4, RFC 5280 Appendix A).
    ///
    /// - Throws: `X509Error` when an attribute value is empty.
    public init(_ attributes: [(type: ASN1ObjectIdentifier, value: String)]) throws {
        var coder = DER.Serializer()
        try coder.appendConstructedNode(identifier: .sequence) { coder in
            for (type, value) in attributes {
                guard !value.isEmpty else {
                    throw X509Error.invalidValue(reason: "an empty value for attribute \(type.displayText)")
                }
                try coder.appendConstructedNode(identifier: .set) { coder in
                    try coder.appendConstructedNode(identifier: .sequence) { coder in
                        try coder.serialize(type)
                        coder.appendPrimitiveNode(
                            identifier: type == NameAttribute.country ? .printableString : .utf8String
                        ) { $0.append(contentsOf: value.utf8) }
                    }
                }
            }
        }
        try self.init(derEncoded: try DER.parse(coder.serializedBytes))
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
            var coder = DER.Serializer()
            coder.appendPrimitiveNode(identifier: printable ? .printableString : .utf8String) {
                $0.append(contentsOf: text.utf8)
            }
            return AdditionalExtension(oid: oid, value: coder.serializedBytes)
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
        let algorithmIdentifier = try algorithm.algorithmIdentifier()
        let subjectKeyIdentifier = HashFunction.insecureSHA1.digest(template.publicKey.derRepresentation)
        let authorityKeyIdentifier =
            issuer.flatMap { (try? $0.subjectKeyIdentifier()) ?? nil }
            ?? (issuer == nil
                ? subjectKeyIdentifier : HashFunction.insecureSHA1.digest(issuerKey.publicKey.derRepresentation))

        var extensions: [Extension] = []
        func add(_ oid: ASN1ObjectIdentifier, critical: Bool, _ value: some DERSerializable) throws {
            extensions.append(try Extension(oid: oid, isCritical: critical, encoding: value))
        }
        try add(
            ExtensionOID.basicConstraints,
            critical: template.isCertificateAuthority,
            BasicConstraints(isCA: template.isCertificateAuthority, pathLengthConstraint: template.pathLength)
        )
        if !template.keyUsage.isEmpty { try add(ExtensionOID.keyUsage, critical: true, template.keyUsage) }
        if !template.extendedKeyUsages.isEmpty {
            try add(
                ExtensionOID.extendedKeyUsage,
                critical: template.extendedKeyUsageCritical,
                DERSequenceOf(template.extendedKeyUsages)
            )
        }
        try add(
            ExtensionOID.subjectKeyIdentifier,
            critical: false,
            ASN1OctetString(contentBytes: subjectKeyIdentifier[...])
        )
        try add(
            ExtensionOID.authorityKeyIdentifier,
            critical: false,
            AuthorityKeyIdentifier(keyIdentifier: authorityKeyIdentifier)
        )
        if !template.policies.isEmpty {
            try add(
                ExtensionOID.certificatePolicies,
                critical: false,
                CertificatePolicies(policies: template.policies.map { CertificatePolicies.Policy(identifier: $0) })
            )
        }
        if !template.crlDistributionPoints.isEmpty {
            try add(
                ExtensionOID.crlDistributionPoints,
                critical: false,
                DERSequenceOf(
                    template.crlDistributionPoints.map {
                        DistributionPoint(name: .fullName([.uniformResourceIdentifier($0)]))
                    }
                )
            )
        }
        for custom in template.additionalExtensions {
            extensions.append(Extension(oid: custom.oid, isCritical: custom.critical, value: custom.value))
        }
        if !template.qcStatements.isEmpty {
            // QCStatements ::= SEQUENCE OF QCStatement ::= SEQUENCE { statementId, statementInfo OPTIONAL }, in
            // the template's order (QCStatements, the reader, keeps them in a dictionary).
            try add(
                [1, 3, 6, 1, 5, 5, 7, 1, 3],
                critical: false,
                DERSequenceOf(template.qcStatements.map { DERSequenceOf([$0]) })
            )
        }
        var tbs = DER.Serializer()
        try tbs.appendConstructedNode(identifier: .sequence) { coder in
            try coder.serialize(2, explicitlyTaggedWithTagNumber: 0, tagClass: .contextSpecific)  // v3
            try coder.serialize(template.serialNumber[...])  // a magnitude: swift-asn1 writes it as unsigned
            try coder.serialize(algorithmIdentifier)
            try coder.serialize(issuer?.subject ?? template.subject)
            try coder.appendConstructedNode(identifier: .sequence) { coder in
                try coder.serialize(template.notBefore)
                try coder.serialize(template.notAfter)
            }
            try coder.serialize(template.subject)
            coder.serializeRawBytes(template.publicKey.derRepresentation)
            try coder.serialize(explicitlyTaggedWithTagNumber: 3, tagClass: .contextSpecific) { coder in
                try coder.serializeSequenceOf(extensions)
            }
        }
        return try Certificate(
            derEncoded: try Self.signed(tbs.serializedBytes, algorithmIdentifier, issuerKey, algorithm)
        )
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
        let algorithmIdentifier = try algorithm.algorithmIdentifier()
        let keyIdentifier =
            ((try? issuer.subjectKeyIdentifier()) ?? nil)
            ?? HashFunction.insecureSHA1.digest(issuerKey.publicKey.derRepresentation)
        var tbs = DER.Serializer()
        try tbs.appendConstructedNode(identifier: .sequence) { coder in
            try coder.serialize(1)  // v2
            try coder.serialize(algorithmIdentifier)
            try coder.serialize(issuer.subject)
            try coder.serialize(thisUpdate)
            try coder.serialize(nextUpdate)
            if !revoked.isEmpty {
                try coder.appendConstructedNode(identifier: .sequence) { coder in
                    for entry in revoked {
                        try coder.appendConstructedNode(identifier: .sequence) { coder in
                            try coder.serialize(entry.serialNumber[...])
                            try coder.serialize(entry.revocationDate)
                            if let reason = entry.reason {
                                // crlEntryExtensions: reasonCode (2.5.29.21) ::= ENUMERATED
                                var value = DER.Serializer()
                                value.appendPrimitiveNode(identifier: .enumerated) {
                                    $0.append(UInt8(truncatingIfNeeded: reason))
                                }
                                try coder.serializeSequenceOf([
                                    Extension(oid: [2, 5, 29, 21], isCritical: false, value: value.serializedBytes)
                                ])
                            }
                        }
                    }
                }
            }
            try coder.serialize(explicitlyTaggedWithTagNumber: 0, tagClass: .contextSpecific) { coder in
                try coder.serializeSequenceOf([
                    Extension(
                        oid: ExtensionOID.authorityKeyIdentifier,
                        isCritical: false,
                        encoding: AuthorityKeyIdentifier(keyIdentifier: keyIdentifier)
                    ),
                    Extension(oid: [2, 5, 29, 20], isCritical: false, encoding: number),  // cRLNumber
                ])
            }
        }
        return try CertificateRevocationList(
            derEncoded: try Self.signed(tbs.serializedBytes, algorithmIdentifier, issuerKey, algorithm)
        )
    }

    /// `SEQUENCE { tbs, signatureAlgorithm, signatureValue BIT STRING }` around `tbs` signed by `key`.
    private static func signed(
        _ tbs: [UInt8],
        _ algorithmIdentifier: AlgorithmIdentifier,
        _ key: PrivateKey,
        _ algorithm: SignatureAlgorithm
    ) throws -> [UInt8] {
        let signature = try key.signature(for: tbs, algorithm: algorithm)
        var coder = DER.Serializer()
        try coder.appendConstructedNode(identifier: .sequence) { coder in
            coder.serializeRawBytes(tbs)
            try coder.serialize(algorithmIdentifier)
            try coder.serialize(ASN1BitString(bytes: signature[...]))
        }
        return coder.serializedBytes
    }
}
