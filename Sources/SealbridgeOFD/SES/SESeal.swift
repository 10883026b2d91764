public import SwiftASN1

/// An electronic seal (电子印章): the seal's content signed by the seal-making authority.
///
/// - GB/T 38540-2020 §6.1 (V4), GM/T 0031-2025 (V5, with an optional `[0] EXPLICIT timeStamp`):
///   `SESeal ::= SEQUENCE { eSealInfo SES_SealInfo, cert OCTET STRING, signAlgID OBJECT IDENTIFIER,
///   signedValue BIT STRING, timeStamp [0] EXPLICIT BIT STRING OPTIONAL }`; the maker signs DER(eSealInfo).
/// - GM/T 0031-2014 §5.1 (V1): `SESeal ::= SEQUENCE { esealInfo SES_SealInfo, signInfo SES_SignInfo }` with
///   `SES_SignInfo ::= SEQUENCE { cert OCTET STRING, signatureAlgorithm OBJECT IDENTIFIER, signData BIT STRING }`;
///   the maker signs DER(SEQUENCE { esealInfo, cert, signatureAlgorithm }).
///
/// What is signed is taken from the bytes as received, never re-encoded.
public struct SESeal: Sendable, Hashable {
    /// The structure's version number, as written.
    public let version: SESVersion
    /// The seal's content, which its maker signs.
    public let sealInfo: SESSealInfo
    /// The seal maker's certificate (DER).
    public let makerCertificate: [UInt8]
    /// The signature algorithm's object identifier.
    public let signatureAlgorithm: ASN1ObjectIdentifier
    /// The maker's signature value (DER `SEQUENCE { r, s }` for SM2, or raw r ‖ s).
    public let signatureValue: [UInt8]
    /// The unused-bits octet of the signature's BIT STRING when it is not 0 (a writer's quirk).
    public let signatureUnusedBits: UInt8
    /// The bytes the maker signed, per the standard.
    public let makerSignedBytes: [UInt8]
    /// The other form vendors are seen to sign (V4: the V1 SEQUENCE; V1: the seal information alone), tried only
    /// when the standard's form does not verify, and reported when it is the one that does.
    public let alternativeMakerSignedBytes: [UInt8]
    /// A V5 seal's time-stamp token (DER), if present.
    public let timeStampToken: [UInt8]?
    /// The seal as received (DER).
    public let encoded: [UInt8]

    /// Reads a seal (a `Seal.esl` file, or the `eseal` inside a `TBS_Sign`).
    ///
    /// - Throws: ``SESError`` naming the field.
    public init(derEncoded bytes: [UInt8]) throws(SESError) {
        try self.init(node: try SESDERReading.node(bytes[...], "SESeal"))
    }

    init(node: ASN1Node) throws(SESError) {
        let fields = try SESDERReading.sequence(node, "SESeal")
        encoded = Array(node.encodedBytes)
        switch fields.count {
        case 2:
            version = .v1
            sealInfo = try SESSealInfo(node: fields[0])
            let signInfo = try SESDERReading.sequence(fields[1], "SESeal.signInfo")
            guard signInfo.count == 3 else {
                throw SESError(
                    "SESeal.signInfo",
                    "has \(signInfo.count) fields, not { cert, signatureAlgorithm, signData }"
                )
            }
            makerCertificate = try SESDERReading.octetString(signInfo[0], "SESeal.signInfo.cert")
            signatureAlgorithm = try SESDERReading.objectIdentifier(signInfo[1], "SESeal.signInfo.signatureAlgorithm")
            (signatureValue, signatureUnusedBits) = try SESDERReading.bitStringBytes(
                signInfo[2],
                "SESeal.signInfo.signData"
            )
            makerSignedBytes = Self.sequence(of: [fields[0], signInfo[0], signInfo[1]])
            alternativeMakerSignedBytes = Array(fields[0].encodedBytes)
            timeStampToken = nil
        case 4, 5:
            sealInfo = try SESSealInfo(node: fields[0])
            version = fields.count == 5 || sealInfo.header.version == 5 ? .v5 : .v4
            makerCertificate = try SESDERReading.octetString(fields[1], "SESeal.cert")
            signatureAlgorithm = try SESDERReading.objectIdentifier(fields[2], "SESeal.signAlgID")
            (signatureValue, signatureUnusedBits) = try SESDERReading.bitStringBytes(fields[3], "SESeal.signedValue")
            makerSignedBytes = Array(fields[0].encodedBytes)
            alternativeMakerSignedBytes = Self.sequence(of: [fields[0], fields[1], fields[2]])
            timeStampToken =
                fields.count == 5 ? try SESDERReading.explicitBitString(fields[4], "SESeal.timeStamp") : nil
        default:
            throw SESError("SESeal", "has \(fields.count) fields; a seal has 2 (GM/T 0031-2014) or 4 (GB/T 38540-2020)")
        }
    }

    /// DER `SEQUENCE { … }` of nodes as received.
    static func sequence(of nodes: [ASN1Node]) -> [UInt8] {
        var serializer = DER.Serializer()
        serializer.appendConstructedNode(identifier: .sequence) { coder in
            for node in nodes { coder.serializeRawBytes(node.encodedBytes) }
        }
        return serializer.serializedBytes
    }
}
