public import SealbridgeX509
public import SwiftASN1

/// `TBS_Sign`: what the signer signs when sealing (GB/T 38540-2020 §7.1, GM/T 0031-2014 §6.1).
///
/// - V4/V5: `SEQUENCE { version INTEGER, eseal SESeal, timeInfo GeneralizedTime, dataHash BIT STRING,
///   propertyInfo IA5String, extDatas [0] EXPLICIT ExtensionDatas OPTIONAL }`.
/// - V1: `SEQUENCE { version INTEGER, eseal SESeal, timeInfo BIT STRING, dataHash BIT STRING, propertyInfo
///   IA5String, cert OCTET STRING, signatureAlgorithm OBJECT IDENTIFIER }`.
public struct TBSSign: Sendable, Hashable {
    /// The structure's version number, as written.
    public let version: Int
    /// The seal used, as received inside the signature.
    public let seal: SESeal
    /// The signing time the signer claims (V4: a GeneralizedTime; V1: whatever text or DER time the writer put in
    /// the BIT STRING, when it can be read).
    public let signingTime: X509Time?
    /// V1's time as written, when it could not be read as a time.
    public let signingTimeText: String?
    /// The digest of the signed document's bytes (for OFD: SM3 of `Signature.xml`).
    public let dataHash: [UInt8]
    /// The signed document's name (for OFD: the absolute path of `Signature.xml`).
    public let propertyInfo: String
    /// The extensions (`ExtensionDatas`).
    public let extensions: [SESExtension]
    /// V1: the signer's certificate and algorithm, which V4 keeps outside `TBS_Sign`.
    public let signerCertificate: [UInt8]?
    /// The signature algorithm's object identifier.
    public let signatureAlgorithm: ASN1ObjectIdentifier?
    /// The bytes as received: what the signature covers.
    public let encoded: [UInt8]

    init(node: ASN1Node, v1: Bool) throws(SESError) {
        let fields = try SESDERReading.sequence(node, "TBS_Sign")
        encoded = Array(node.encodedBytes)
        guard fields.count >= 5 else { throw SESError("TBS_Sign", "has \(fields.count) fields") }
        version = try SESDERReading.integer(fields[0], "TBS_Sign.version")
        // GM/T 0031 writers sometimes wrap the seal in an OCTET STRING.
        if !v1 || fields[1].identifier == .sequence {
            seal = try SESeal(node: fields[1])
        } else {
            seal = try SESeal(derEncoded: try SESDERReading.octetString(fields[1], "TBS_Sign.eseal"))
        }
        propertyInfo = try SESDERReading.ia5String(fields[4], "TBS_Sign.propertyInfo")
        if v1 {
            guard fields.count == 7 else {
                throw SESError("TBS_Sign", "has \(fields.count) fields; GM/T 0031-2014 has 7")
            }
            let time = try SESDERReading.opaqueBytes(fields[2], "TBS_Sign.timeInfo")
            (signingTime, signingTimeText) = SESDERReading.looseTime(time)
            dataHash = try SESDERReading.opaqueBytes(fields[3], "TBS_Sign.dataHash")
            signerCertificate = try SESDERReading.octetString(fields[5], "TBS_Sign.cert")
            signatureAlgorithm = try SESDERReading.objectIdentifier(fields[6], "TBS_Sign.signatureAlgorithm")
            extensions = []
        } else {
            guard fields.count <= 6 else {
                throw SESError("TBS_Sign", "has \(fields.count) fields; GB/T 38540-2020 has 5 or 6")
            }
            signingTime = try SESDERReading.time(fields[2], "TBS_Sign.timeInfo")
            signingTimeText = nil
            dataHash = try SESDERReading.bitStringBytes(fields[3], "TBS_Sign.dataHash").bytes
            if fields.count == 6 {
                guard fields[5].identifier == ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific),
                    case .constructed(let inner) = fields[5].content, let list = inner.first(where: { _ in true })
                else { throw SESError("TBS_Sign.extDatas", "is not [0] EXPLICIT ExtensionDatas") }
                extensions = try SESExtension.list(list, "TBS_Sign.extDatas")
            } else {
                extensions = []
            }
            signerCertificate = nil
            signatureAlgorithm = nil
        }
    }
}
