public import SealbridgeCrypto
public import SealbridgeX509
import SwiftASN1

/// Writes GB/T 38540-2020 (V4) seal structures in DER with swift-asn1's serializer: the seal a seal-making
/// authority issues, and the `TBS_Sign` / `SES_Signature` a signer makes with it. The readers (`SESeal`,
/// `SESSignature`) read back exactly what is written here; `OFDSealer` puts them in an OFD package.
public enum SESWriter {
    /// SM2 with SM3, the algorithm of every seal Sealbridge makes (GB/T 38540-2020 §6.1).
    static let sm2WithSM3: ASN1ObjectIdentifier = [1, 2, 156, 10197, 1, 501]

    /// DER `SESeal` (V4): the seal information, signed by the maker over DER(`SES_SealInfo`).
    ///
    /// - Throws: when a text field is not IA5 (header and esID are ASCII by the standard) or signing fails.
    public static func seal(
        _ request: SESealRequest,
        makerCertificate: [UInt8],
        makerKey: PrivateKey
    ) throws -> [UInt8] {
        let info = try sealInfo(request)
        let value = try makerKey.signature(for: info, algorithm: .sm2WithSM3)
        var serializer = DER.Serializer()
        try serializer.appendConstructedNode(identifier: .sequence) { coder in
            coder.serializeRawBytes(info[...])
            try coder.serialize(ASN1OctetString(contentBytes: makerCertificate[...]))
            try coder.serialize(sm2WithSM3)
            try coder.serialize(ASN1BitString(bytes: value[...]))
        }
        return serializer.serializedBytes
    }

    /// DER `SES_SealInfo ::= SEQUENCE { header, esID, property, picture }`.
    static func sealInfo(_ request: SESealRequest) throws -> [UInt8] {
        var serializer = DER.Serializer()
        try serializer.appendConstructedNode(identifier: .sequence) { coder in
            try coder.appendConstructedNode(identifier: .sequence) { header in
                try header.serialize(ASN1IA5String("ES"))
                try header.serialize(4)
                try header.serialize(try ASN1IA5String(request.vendorID))
            }
            try coder.serialize(try ASN1IA5String(request.esID))
            try coder.appendConstructedNode(identifier: .sequence) { property in
                try property.serialize(request.type)
                try property.serialize(ASN1UTF8String(request.name))
                try property.serialize(1)  // certListType 1: the certificates themselves
                try property.appendConstructedNode(identifier: .sequence) { list in
                    for certificate in request.signerCertificates {
                        try list.serialize(ASN1OctetString(contentBytes: certificate[...]))
                    }
                }
                for time in [request.createDate, request.validStart, request.validEnd] {
                    try property.serialize(X509Time(secondsSinceEpoch: time.secondsSinceEpoch, isUTCTime: false))
                }
            }
            try coder.appendConstructedNode(identifier: .sequence) { picture in
                try picture.serialize(try ASN1IA5String(request.pictureType))
                try picture.serialize(ASN1OctetString(contentBytes: request.picture[...]))
                try picture.serialize(request.pictureWidth)
                try picture.serialize(request.pictureHeight)
            }
        }
        return serializer.serializedBytes
    }

    /// DER `TBS_Sign` (V4): version 4, the seal as issued, the signing time, the signed file's digest and its name.
    public static func toSign(
        seal: [UInt8],
        time: X509Time,
        dataHash: [UInt8],
        propertyInfo: String
    ) throws -> [UInt8] {
        var serializer = DER.Serializer()
        try serializer.appendConstructedNode(identifier: .sequence) { coder in
            try coder.serialize(4)
            coder.serializeRawBytes(seal[...])
            try coder.serialize(X509Time(secondsSinceEpoch: time.secondsSinceEpoch, isUTCTime: false))
            try coder.serialize(ASN1BitString(bytes: dataHash[...]))
            try coder.serialize(try ASN1IA5String(propertyInfo))
        }
        return serializer.serializedBytes
    }

    /// DER `SES_Signature` (V4): `TBS_Sign`, the signer's certificate, SM2 with SM3, the signature value and, when
    /// given, an RFC 3161 token over the signature value as `[0] EXPLICIT BIT STRING`.
    public static func signature(
        toSign: [UInt8],
        signerCertificate: [UInt8],
        value: [UInt8],
        timeStampToken: [UInt8]?
    ) throws -> [UInt8] {
        var serializer = DER.Serializer()
        try serializer.appendConstructedNode(identifier: .sequence) { coder in
            coder.serializeRawBytes(toSign[...])
            try coder.serialize(ASN1OctetString(contentBytes: signerCertificate[...]))
            try coder.serialize(sm2WithSM3)
            try coder.serialize(ASN1BitString(bytes: value[...]))
            if let timeStampToken {
                try coder.appendConstructedNode(
                    identifier: ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)
                ) {
                    try $0.serialize(ASN1BitString(bytes: timeStampToken[...]))
                }
            }
        }
        return serializer.serializedBytes
    }
}
