import SealbridgeCMS
public import SealbridgeCrypto
public import SealbridgeX509
public import SwiftASN1

/// A key with its certificate.
public struct DemoIdentity: Sendable {
    /// The private key.
    public let key: PrivateKey
    /// Its certificate.
    public let certificate: Certificate
}

/// Object identifiers of the demonstration world. Policies sit under the ITU-T/ISO example arc `2.999`
/// (X.660), so they can never be mistaken for a real scheme's.
public enum DemoOID {
    /// The arc of the Guangdong–Hong Kong model scheme's policies, numbered `<arc>.<year>.<version>.<release>` as
    /// the real scheme numbers them under `2.16.344.8.2.2008.810.2`; the demonstration keeps to `2.999`, and its
    /// agreements name the arc (`2.999.86.852.*`), so any release satisfies them.
    public static let mutualRecognitionArc: ASN1ObjectIdentifier = [2, 999, 86, 852]
    /// The policy release the demonstration's mutual-recognition certificates carry: 2026, version 1, release 0.
    public static let mutualRecognitionPolicy: ASN1ObjectIdentifier = [2, 999, 86, 852, 2026, 1, 0]
    /// The Chinese licensed-CA demonstration policy.
    public static let chineseLicensedPolicy: ASN1ObjectIdentifier = [2, 999, 86, 1, 1]
    /// The Hong Kong recognised-CA demonstration policy.
    public static let hongKongRecognisedPolicy: ASN1ObjectIdentifier = [2, 999, 852, 1, 1]
    /// The demonstration TSA policy.
    public static let timeStampPolicy: ASN1ObjectIdentifier = [2, 999, 1, 1]
    /// QCP-n-qscd (EN 319 411-2): a qualified certificate for a natural person with a QSCD.
    public static let qualifiedNaturalPersonQSCD: ASN1ObjectIdentifier = [0, 4, 0, 194_112, 1, 2]
    /// esi4-qcStatement-1, QcCompliance (EN 319 412-5).
    public static let qcCompliance: ASN1ObjectIdentifier = [0, 4, 0, 1862, 1, 1]
    /// GM/T 0015 organization code extension (1.2.156.10260.4.1.4): the holder's unified social credit code.
    public static let organizationCode: ASN1ObjectIdentifier = [1, 2, 156, 10_260, 4, 1, 4]
    /// anyPolicy (RFC 5280 §4.2.1.4), on CA certificates.
    public static let anyPolicy: ASN1ObjectIdentifier = [2, 5, 29, 32, 0]
}

/// Issues the demonstration certificates.
struct DemoPKI {
    let now: X509Time
    private var serial: UInt8 = 0

    init(now: X509Time) { self.now = now }

    func days(_ count: Int) -> X509Time { X509Time(secondsSinceEpoch: now.secondsSinceEpoch + Int64(count) * 86_400) }

    mutating func nextSerial() -> [UInt8] {
        serial &+= 1
        return [0x5E, 0xA1, serial]
    }

    static func name(_ commonName: String, country: String) throws -> DistinguishedName {
        try DistinguishedName([
            (NameAttribute.country, country),
            (NameAttribute.organization, "Sealbridge Demonstration (not a real CA)"),
            (NameAttribute.commonName, commonName),
        ])
    }

    /// A root CA (self-signed).
    mutating func root(_ commonName: String, country: String, algorithm: KeyAlgorithm) throws -> DemoIdentity {
        let key = try PrivateKey.generate(algorithm)
        var template = CertificateTemplate(
            subject: try Self.name(commonName, country: country),
            serialNumber: nextSerial(),
            notBefore: days(-400),
            notAfter: days(3_650),
            publicKey: key.publicKey
        )
        template.isCertificateAuthority = true
        template.keyUsage = [.keyCertSign, .crlSign]
        template.policies = [DemoOID.anyPolicy]
        return DemoIdentity(key: key, certificate: try CertificateIssuer.issue(template, issuer: nil, issuerKey: key))
    }

    /// A certificate issued by `issuer`.
    mutating func issue(
        _ commonName: String,
        country: String,
        algorithm: KeyAlgorithm,
        by issuer: DemoIdentity,
        isCA: Bool = false,
        timeStamping: Bool = false,
        policies: [ASN1ObjectIdentifier] = [],
        qcStatements: [ASN1ObjectIdentifier] = [],
        additional: [CertificateTemplate.AdditionalExtension] = [],
        validFrom: Int = -30,
        validUntil: Int = 365
    ) throws -> DemoIdentity {
        let key = try PrivateKey.generate(algorithm)
        var template = CertificateTemplate(
            subject: try Self.name(commonName, country: country),
            serialNumber: nextSerial(),
            notBefore: days(validFrom),
            notAfter: days(validUntil),
            publicKey: key.publicKey
        )
        if isCA {
            template.isCertificateAuthority = true
            template.pathLength = 0
            template.keyUsage = [.keyCertSign, .crlSign]
            template.policies = [DemoOID.anyPolicy]
        } else if timeStamping {
            template.keyUsage = [.digitalSignature, .nonRepudiation]
            template.extendedKeyUsages = [CMSObjectIdentifier.timeStampingUsage]
            template.extendedKeyUsageCritical = true
            template.policies = policies
        } else {
            template.keyUsage = [.digitalSignature, .nonRepudiation]
            template.policies = policies
            template.qcStatements = qcStatements
            template.additionalExtensions = additional
        }
        return DemoIdentity(
            key: key,
            certificate: try CertificateIssuer.issue(template, issuer: issuer.certificate, issuerKey: issuer.key)
        )
    }
}
