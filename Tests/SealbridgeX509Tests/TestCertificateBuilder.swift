import SealbridgeCrypto
import SealbridgeX509
import SwiftASN1

/// Builds DER certificates in memory (P-256, ECDSA-SHA256) for the tests that need many or odd certificates:
/// hostile pools, name-constraint explosions, mutations. Only what those tests need.
enum TestCertificateBuilder {
    static let ecdsaWithSHA256: ASN1ObjectIdentifier = [1, 2, 840, 10045, 4, 3, 2]

    /// `SEQUENCE { SET { SEQUENCE { commonName, UTF8String } } }`, or one RDN per name given.
    static func name(_ commonNames: [String]) throws -> [UInt8] {
        var serializer = DER.Serializer()
        try serializer.appendConstructedNode(identifier: .sequence) { coder in
            for commonName in commonNames {
                try coder.appendConstructedNode(identifier: .set) { coder in
                    try coder.appendConstructedNode(identifier: .sequence) { coder in
                        try coder.serialize([2, 5, 4, 3] as ASN1ObjectIdentifier)
                        try coder.serialize(ASN1UTF8String(commonName))
                    }
                }
            }
        }
        return serializer.serializedBytes
    }

    /// An extension: `SEQUENCE { OID, [critical], OCTET STRING }`.
    static func `extension`(_ oid: ASN1ObjectIdentifier, critical: Bool = false, _ value: [UInt8]) -> [UInt8] {
        var serializer = DER.Serializer()
        try? serializer.appendConstructedNode(identifier: .sequence) { coder in
            try coder.serialize(oid)
            if critical { try coder.serialize(true) }
            try coder.serialize(ASN1OctetString(contentBytes: ArraySlice(value)))
        }
        return serializer.serializedBytes
    }

    static let caBasicConstraints = `extension`([2, 5, 29, 19], critical: true, [0x30, 0x03, 0x01, 0x01, 0xFF])

    /// subjectAltName with names of one form: [1] rfc822Name or [2] dNSName (no syntax check: tests give
    /// malformed ones on purpose).
    static func alternativeNames(_ names: [String], tag: UInt) -> [UInt8] {
        var serializer = DER.Serializer()
        serializer.appendConstructedNode(identifier: .sequence) { coder in
            for name in names {
                coder.appendPrimitiveNode(identifier: ASN1Identifier(tagWithNumber: tag, tagClass: .contextSpecific)) {
                    $0.append(contentsOf: Array(name.utf8))
                }
            }
        }
        return `extension`([2, 5, 29, 17], serializer.serializedBytes)
    }

    static func dnsNames(_ names: [String]) -> [UInt8] { alternativeNames(names, tag: 2) }
    static func mailboxes(_ names: [String]) -> [UInt8] { alternativeNames(names, tag: 1) }

    /// nameConstraints with permitted subtrees of one form ([1] rfc822Name or [2] dNSName).
    static func permitted(_ names: [String], tag: UInt) -> [UInt8] {
        var serializer = DER.Serializer()
        serializer.appendConstructedNode(identifier: .sequence) { coder in
            coder.appendConstructedNode(identifier: ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)) {
                coder in
                for name in names {
                    coder.appendConstructedNode(identifier: .sequence) { coder in
                        coder.appendPrimitiveNode(
                            identifier: ASN1Identifier(tagWithNumber: tag, tagClass: .contextSpecific)
                        ) { $0.append(contentsOf: Array(name.utf8)) }
                    }
                }
            }
        }
        return `extension`([2, 5, 29, 30], critical: true, serializer.serializedBytes)
    }

    static func permittedDNS(_ names: [String]) -> [UInt8] { permitted(names, tag: 2) }

    /// A v3 certificate for `subjectKey`, signed by `issuerKey`, valid 2020–2040.
    static func certificate(
        serial: Int,
        issuer: [UInt8],
        subject: [UInt8],
        subjectKey: PublicKey,
        issuerKey: PrivateKey,
        extensions: [[UInt8]]
    ) throws -> Certificate {
        var tbs = DER.Serializer()
        try tbs.appendConstructedNode(identifier: .sequence) { coder in
            try coder.appendConstructedNode(identifier: ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)) {
                try $0.serialize(2)
            }
            try coder.serialize(serial + 1)
            try coder.appendConstructedNode(identifier: .sequence) { try $0.serialize(ecdsaWithSHA256) }
            coder.serializeRawBytes(issuer)
            try coder.appendConstructedNode(identifier: .sequence) { coder in
                try coder.serialize(try UTCTime(year: 2020, month: 1, day: 1, hours: 0, minutes: 0, seconds: 0))
                try coder.serialize(try UTCTime(year: 2040, month: 1, day: 1, hours: 0, minutes: 0, seconds: 0))
            }
            coder.serializeRawBytes(subject)
            coder.serializeRawBytes(subjectKey.derRepresentation)
            if !extensions.isEmpty {
                coder.appendConstructedNode(
                    identifier: ASN1Identifier(tagWithNumber: 3, tagClass: .contextSpecific)
                ) { coder in
                    coder.appendConstructedNode(identifier: .sequence) { coder in
                        for item in extensions { coder.serializeRawBytes(item) }
                    }
                }
            }
        }
        let tbsBytes = tbs.serializedBytes
        let signature = try issuerKey.signature(for: tbsBytes, algorithm: .ecdsaWithSHA256)
        var certificate = DER.Serializer()
        try certificate.appendConstructedNode(identifier: .sequence) { coder in
            coder.serializeRawBytes(tbsBytes)
            try coder.appendConstructedNode(identifier: .sequence) { try $0.serialize(ecdsaWithSHA256) }
            try coder.serialize(ASN1BitString(bytes: ArraySlice(signature)))
        }
        return try Certificate(derEncoded: certificate.serializedBytes)
    }

    /// A self-signed CA: a new P-256 key, `name` as subject and issuer, critical basicConstraints cA TRUE.
    static func selfSignedCA(_ commonName: String, serial: Int = 1) throws -> (Certificate, PrivateKey, [UInt8]) {
        let key = try PrivateKey.generate(.p256)
        let name = try name([commonName])
        let certificate = try certificate(
            serial: serial,
            issuer: name,
            subject: name,
            subjectKey: key.publicKey,
            issuerKey: key,
            extensions: [caBasicConstraints]
        )
        return (certificate, key, name)
    }
}
