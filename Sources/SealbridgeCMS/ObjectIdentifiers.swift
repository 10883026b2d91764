import SealbridgeX509
public import SwiftASN1

/// The object identifiers of CMS (RFC 5652), its attributes (RFC 5652 §11, RFC 5035, RFC 6211, ETSI EN 319 122-1),
/// RFC 3161 and the GB/T 35275 (GM/T 0010) SM2 profile.
public enum CMSObjectIdentifier {
    /// id-data, `1.2.840.113549.1.7.1`.
    public static let data: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 7, 1]
    /// id-signedData, `1.2.840.113549.1.7.2`.
    public static let signedData: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 7, 2]
    /// GB/T 35275 data, `1.2.156.10197.6.1.4.2.1`.
    public static let gmData: ASN1ObjectIdentifier = [1, 2, 156, 10197, 6, 1, 4, 2, 1]
    /// signedAndEnvelopedData (PKCS #7 / RFC 2315 §12), `1.2.840.113549.1.7.4`.
    public static let signedAndEnvelopedData: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 7, 4]
    /// GB/T 35275 signedAndEnvelopedData, `1.2.156.10197.6.1.4.2.4`.
    public static let gmSignedAndEnvelopedData: ASN1ObjectIdentifier = [1, 2, 156, 10197, 6, 1, 4, 2, 4]
    /// GB/T 35275 signedData, `1.2.156.10197.6.1.4.2.2`.
    public static let gmSignedData: ASN1ObjectIdentifier = [1, 2, 156, 10197, 6, 1, 4, 2, 2]
    /// id-ct-TSTInfo, `1.2.840.113549.1.9.16.1.4` (RFC 3161 §2.4.2).
    public static let tstInfo: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 9, 16, 1, 4]

    /// id-contentType, `1.2.840.113549.1.9.3`.
    public static let contentType: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 9, 3]
    /// id-messageDigest, `1.2.840.113549.1.9.4`.
    public static let messageDigest: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 9, 4]
    /// id-signingTime, `1.2.840.113549.1.9.5`.
    public static let signingTime: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 9, 5]
    /// id-countersignature, `1.2.840.113549.1.9.6`.
    public static let countersignature: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 9, 6]
    /// id-aa-signingCertificate (ESS, RFC 2634 §5.4), `1.2.840.113549.1.9.16.2.12`.
    public static let signingCertificate: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 9, 16, 2, 12]
    /// id-aa-signingCertificateV2 (RFC 5035 §3), `1.2.840.113549.1.9.16.2.47`.
    public static let signingCertificateV2: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 9, 16, 2, 47]
    /// id-aa-CMSAlgorithmProtection (RFC 6211 §2), `1.2.840.113549.1.9.52`.
    public static let algorithmProtection: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 9, 52]
    /// id-aa-signatureTimeStampToken (RFC 3161 Appendix A), `1.2.840.113549.1.9.16.2.14`.
    public static let signatureTimeStampToken: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 9, 16, 2, 14]
    /// id-aa-ets-contentTimestamp (RFC 5126 §5.11.4, ETSI EN 319 122-1 §5.2.8), `1.2.840.113549.1.9.16.2.20`: a
    /// time-stamp over the content, made before signing (a signed attribute).
    public static let contentTimeStamp: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 9, 16, 2, 20]
    /// id-aa-ets-commitmentType (ETSI EN 319 122-1 §5.2.3), `1.2.840.113549.1.9.16.2.16`.
    public static let commitmentType: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 9, 16, 2, 16]
    /// id-aa-ets-signerLocation (ETSI EN 319 122-1 §5.2.5), `1.2.840.113549.1.9.16.2.17`.
    public static let signerLocation: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 9, 16, 2, 17]

    /// id-kp-timeStamping, `1.3.6.1.5.5.7.3.8`.
    public static let timeStampingUsage: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 7, 3, 8]

    /// rsaEncryption, which CMS allows as the signature algorithm of PKCS #1 v1.5 (RFC 3370 §3.2).
    public static let rsaEncryption: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 1, 1]
    /// id-ecPublicKey, which some producers write as an ECDSA signature algorithm (RFC 5753 §2.1.1 allows it).
    public static let ecPublicKey: ASN1ObjectIdentifier = [1, 2, 840, 10045, 2, 1]
    /// SM2 signature `sm2-1`, `1.2.156.10197.1.301.1`: GB/T 35275's signature algorithm in SignerInfo.
    public static let sm2Signature: ASN1ObjectIdentifier = [1, 2, 156, 10197, 1, 301, 1]
    /// The SM2 key OID `1.2.156.10197.1.301`, which some producers write as the signature algorithm.
    public static let sm2Key: ASN1ObjectIdentifier = [1, 2, 156, 10197, 1, 301]

    /// A readable name for an OID (`id-signedData`, `signingCertificateV2 (RFC 5035)`), from SealbridgeX509's
    /// registry (``SwiftASN1/ASN1ObjectIdentifier/readableName``), which names every OID above.
    public static func name(of oid: ASN1ObjectIdentifier) -> String? {
        oid.readableName
    }
}
