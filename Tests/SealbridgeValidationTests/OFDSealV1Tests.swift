import Foundation
import SealbridgeCrypto
import SealbridgeOFD
import SealbridgeX509
import SwiftASN1
import Testing

@testable import SealbridgeValidation

/// GM/T 0031-2014 (V1) seal signatures end to end. The public material has V1 *seals* (ofdrw's UserV1.esl) but no
/// V1 *seal signature*, so this test writes both structures as GM/T 0031-2014 §5–§6 define them, with its own
/// maker and signer, puts the signature in a package that Sealbridge sealed (in place of its V4 signature over the
/// same Signature.xml), and checks that every step reads and verifies them — and that a changed byte fails.
@Suite struct OFDSealV1Tests {
    typealias World = OFDSealingTests.World
    static let sm2WithSM3: ASN1ObjectIdentifier = [1, 2, 156, 10197, 1, 501]

    /// `SESeal ::= SEQUENCE { esealInfo SES_SealInfo, signInfo SES_SignInfo }`, the maker signing
    /// DER(SEQUENCE { esealInfo, cert, signatureAlgorithm }) (GM/T 0031-2014 §5.1).
    static func seal(_ world: World, listing signer: [UInt8]) throws -> [UInt8] {
        var info = DER.Serializer()
        try info.appendConstructedNode(identifier: .sequence) { sealInfo in
            try sealInfo.appendConstructedNode(identifier: .sequence) { header in
                try header.serialize(ASN1IA5String("ES"))
                try header.serialize(1)
                try header.serialize(ASN1IA5String("SEALBRIDGE-TEST"))
            }
            try sealInfo.serialize(ASN1IA5String("V1-TEST-0001"))
            try sealInfo.appendConstructedNode(identifier: .sequence) { property in
                try property.serialize(3)
                try property.serialize(ASN1UTF8String("Demo Trading Co., Ltd. invoice seal (V1)"))
                try property.appendConstructedNode(identifier: .sequence) { list in
                    try list.serialize(ASN1OctetString(contentBytes: signer[...]))
                }
                for offset in [-1, -1, 365] {
                    try property.serialize(
                        X509Time(secondsSinceEpoch: world.day(offset).secondsSinceEpoch, isUTCTime: true)
                    )
                }
            }
            try sealInfo.appendConstructedNode(identifier: .sequence) { picture in
                try picture.serialize(ASN1IA5String("PNG"))
                try picture.serialize(ASN1OctetString(contentBytes: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
                try picture.serialize(40)
                try picture.serialize(40)
            }
        }
        let sealInfo = info.serializedBytes
        let makerCertificate = world.maker.certificate.derBytes
        var signed = DER.Serializer()
        try signed.appendConstructedNode(identifier: .sequence) { coder in
            coder.serializeRawBytes(sealInfo[...])
            try coder.serialize(ASN1OctetString(contentBytes: makerCertificate[...]))
            try coder.serialize(sm2WithSM3)
        }
        let value = try world.maker.key.signature(for: signed.serializedBytes, algorithm: .sm2WithSM3)
        var seal = DER.Serializer()
        try seal.appendConstructedNode(identifier: .sequence) { coder in
            coder.serializeRawBytes(sealInfo[...])
            try coder.appendConstructedNode(identifier: .sequence) { signInfo in
                try signInfo.serialize(ASN1OctetString(contentBytes: makerCertificate[...]))
                try signInfo.serialize(sm2WithSM3)
                try signInfo.serialize(ASN1BitString(bytes: value[...]))
            }
        }
        return seal.serializedBytes
    }

    /// `SES_Signature ::= SEQUENCE { toSign TBS_Sign, signature BIT STRING }` with `TBS_Sign ::= SEQUENCE {
    /// version, eseal, timeInfo BIT STRING, dataHash BIT STRING, propertyInfo, cert, signatureAlgorithm }`
    /// (GM/T 0031-2014 §6.1); the time as the text "YYYYMMDDhhmmssZ", as V1 writers put it.
    static func signature(_ world: World, seal: [UInt8], signedFile: [UInt8], location: String) throws -> [UInt8] {
        let certificate = world.signer.certificate.derBytes
        let time = Array("\(world.now)".filter { $0.isNumber }.prefix(14).utf8) + Array("Z".utf8)
        var tbs = DER.Serializer()
        try tbs.appendConstructedNode(identifier: .sequence) { coder in
            try coder.serialize(1)
            coder.serializeRawBytes(seal[...])
            try coder.serialize(ASN1BitString(bytes: time[...]))
            try coder.serialize(ASN1BitString(bytes: HashFunction.sm3.digest(signedFile)[...]))
            try coder.serialize(ASN1IA5String(location))
            try coder.serialize(ASN1OctetString(contentBytes: certificate[...]))
            try coder.serialize(sm2WithSM3)
        }
        let toSign = tbs.serializedBytes
        let value = try world.signer.key.signature(for: toSign, algorithm: .sm2WithSM3)
        var signature = DER.Serializer()
        try signature.appendConstructedNode(identifier: .sequence) { coder in
            coder.serializeRawBytes(toSign[...])
            try coder.serialize(ASN1BitString(bytes: value[...]))
        }
        return signature.serializedBytes
    }

    /// A package Sealbridge sealed, with its seal signature replaced by a V1 one. Its seal file (Seal.esl) stays:
    /// Signature.xml protects it, and the report notes that it differs from the seal inside the signature.
    static func v1Package(_ world: World, change: (inout [UInt8]) -> Void = { _ in }) async throws -> [UInt8] {
        let sealed = try await world.sealing("invoice-example-unsigned.ofd", seal: try world.seal())
        let archive = try ZIPArchive(bytes: sealed)
        let signature = try #require(try OFDDocument(bytes: sealed).signatures().first)
        let descriptionPath = try #require(archive.entries.first { $0.name.hasSuffix("/Signature.xml") }).name
        let seal = try Self.seal(world, listing: world.signer.certificate.derBytes)
        var value = try Self.signature(
            world,
            seal: seal,
            signedFile: signature.descriptionBytes,
            location: "/\(descriptionPath)"
        )
        change(&value)
        var writer = ZIPWriter()
        for entry in archive.entries {
            if entry.name.hasSuffix("SignedValue.dat") {
                try writer.add(entry.name, value)
            } else {
                try writer.copy(entry, from: archive)
            }
        }
        return writer.finished()
    }

    @Test func aV1SealSignatureIsReadAndVerifiedStepByStep() async throws {
        let world = try World()
        let report = try world.validate(try await Self.v1Package(world))
        let signature = try #require(report.signatures.first)
        #expect(signature.format == .ofdSealV1)
        #expect(signature.seal?.standard == "GM/T 0031-2014")
        #expect(signature.seal?.name == "Demo Trading Co., Ltd. invoice seal (V1)")
        for name in [
            "format checking", "identification of the signing certificate", "cryptographic verification",
            "seal maker's signature", "signer listed in the seal",
        ] {
            #expect(signature.checks.first { $0.name == name }?.result == .passed, "\(name)")
        }
        #expect(signature.claimedSigningTime != nil)
        #expect(signature.notes.contains { $0.contains("differs from the seal inside the signed value") })
        #expect(signature.indication == .totalPassed, "\(signature.reason)")
    }

    @Test func aChangedByteInTheV1SignatureValueIsACryptoFailure() async throws {
        let world = try World()
        let report = try world.validate(try await Self.v1Package(world) { $0[$0.count - 5] ^= 0x01 })
        #expect(report.signatures.first?.format == .ofdSealV1)
        #expect(report.subIndication == .sigCryptoFailure)
    }
}
