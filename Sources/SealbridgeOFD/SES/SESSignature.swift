import SealbridgeX509
public import SwiftASN1

/// An electronic-seal signature (电子签章), the `SignedValue.dat` of an OFD seal.
///
/// - V4/V5 (GB/T 38540-2020 §7.1): `SES_Signature ::= SEQUENCE { toSign TBS_Sign, cert OCTET STRING,
///   signatureAlgID OBJECT IDENTIFIER, signature BIT STRING, timeStamp [0] EXPLICIT BIT STRING OPTIONAL }`; the
///   time-stamp is an RFC 3161 token over the signature value.
/// - V1 (GM/T 0031-2014 §6.1): `SES_Signature ::= SEQUENCE { toSign TBS_Sign, signature BIT STRING }`.
///
/// The signature covers DER(`TBS_Sign`) as received (``TBSSign/encoded``).
public struct SESSignature: Sendable, Hashable {
    /// The structure's version number, as written.
    public let version: SESVersion
    /// What the signer signed.
    public let toSign: TBSSign
    /// The signer's certificate (DER): `cert` (V4) or `toSign.cert` (V1).
    public let signerCertificate: [UInt8]
    /// The signature algorithm's object identifier.
    public let signatureAlgorithm: ASN1ObjectIdentifier
    /// DER `SEQUENCE { r, s }` for SM2 (what every writer seen produces), or raw r ‖ s.
    public let signatureValue: [UInt8]
    /// The unused-bits octet of the signature's BIT STRING when it is not 0.
    public let signatureUnusedBits: UInt8
    /// The RFC 3161 time-stamp token (DER ContentInfo) over the signature value, if any.
    public let timeStampToken: [UInt8]?
    /// Bytes after the structure, which writers sometimes leave (ignored, as ofdrw does, and reported).
    public let trailingByteCount: Int

    /// Reads a `SignedValue.dat`.
    ///
    /// - Throws: ``SESError`` naming the field.
    public init(derEncoded bytes: [UInt8]) throws(SESError) {
        let (node, trailing) = try SESDERReading.firstNode(bytes, "SES_Signature")
        trailingByteCount = trailing
        let fields = try SESDERReading.sequence(node, "SES_Signature")
        switch fields.count {
        case 2:
            version = .v1
            toSign = try TBSSign(node: fields[0], v1: true)
            guard let certificate = toSign.signerCertificate, let algorithm = toSign.signatureAlgorithm else {
                throw SESError("SES_Signature.toSign", "has no signer certificate")
            }
            signerCertificate = certificate
            signatureAlgorithm = algorithm
            (signatureValue, signatureUnusedBits) = try SESDERReading.bitStringBytes(
                fields[1],
                "SES_Signature.signature"
            )
            timeStampToken = nil
        case 4, 5:
            toSign = try TBSSign(node: fields[0], v1: false)
            version = toSign.seal.version == .v5 || toSign.version == 5 ? .v5 : .v4
            signerCertificate = try SESDERReading.octetString(fields[1], "SES_Signature.cert")
            signatureAlgorithm = try SESDERReading.objectIdentifier(fields[2], "SES_Signature.signatureAlgID")
            (signatureValue, signatureUnusedBits) = try SESDERReading.bitStringBytes(
                fields[3],
                "SES_Signature.signature"
            )
            timeStampToken =
                fields.count == 5 ? try SESDERReading.explicitBitString(fields[4], "SES_Signature.timeStamp") : nil
        default:
            throw SESError(
                "SES_Signature",
                "has \(fields.count) fields; a seal signature has 2 (GM/T 0031-2014) or 4–5 (GB/T 38540-2020)"
            )
        }
    }
}
