import Foundation
import SealbridgeCMS
import SealbridgeCrypto
import SealbridgeSM
import SealbridgeTestVectors
import SealbridgeValidation
import SealbridgeX509
import SwiftASN1
import Testing

/// Malformed input through the public APIs ends in words for people: no Swift type names, no `file.swift:line`.
@Suite struct UserFacingErrorTests {
    /// What must never reach a user.
    static func expectWords(_ message: String, _ comment: Comment? = nil) {
        #expect(!message.contains("ASN1Error"), comment ?? "\(message)")
        #expect(!message.contains(".swift:"), comment ?? "\(message)")
        #expect(!message.contains("Error("), comment ?? "\(message)")
        #expect(!message.contains("ASN1Identifier("), comment ?? "\(message)")
        #expect(!message.isEmpty)
    }

    static func thrown(_ body: () throws -> Void) -> (any Error)? {
        do {
            try body()
            return nil
        } catch {
            return error
        }
    }

    /// A certificate cut short, garbage, and a field of the wrong type.
    static let malformedDER: [[UInt8]] = [
        [0x30, 0x82, 0x01, 0x00, 0x30],
        [0x30, 0x03, 0x02, 0x01],
        [0x30, 0x03, 0x06, 0x01, 0x80],
        [0x31, 0x00],
        [0x30, 0x81, 0x01, 0x00],
        [0x30, 0x05, 0x02, 0x03, 0x00, 0x00, 0x01],
        Array("not DER at all".utf8),
    ]

    @Test func swiftASN1ErrorsInWords() throws {
        let truncated = try #require(Self.thrown { _ = try DER.parse([0x30, 0x05, 0x02]) })
        #expect(
            userFacingDescription(of: truncated)
                == "the DER encoding is malformed: the data ends in the middle of a field; is the file complete?"
        )
        let wrongType = try #require(
            Self.thrown { _ = try ASN1ObjectIdentifier(derEncoded: try DER.parse([0x02, 0x01, 0x05])) }
        )
        #expect(userFacingDescription(of: wrongType) == "the DER encoding is malformed: unexpected INTEGER")
        let trailing = try #require(Self.thrown { _ = try DER.parse([0x05, 0x00, 0x05, 0x00]) })
        #expect(
            userFacingDescription(of: trailing) == "the DER encoding is malformed: trailing unparsed data is present"
        )
        let pem = try #require(Self.thrown { _ = try PEMDocument(pemString: "-----BEGIN X-----\n!!\n-----END X-----") })
        Self.expectWords(userFacingDescription(of: pem))
        #expect(userFacingDescription(of: pem).hasPrefix("the PEM text is malformed"))
    }

    @Test(arguments: malformedDER)
    func x509(_ bytes: [UInt8]) throws {
        for error in [
            Self.thrown { _ = try Certificate(derEncoded: bytes) },
            Self.thrown { _ = try CertificateRevocationList(derEncoded: bytes) },
        ].compactMap({ $0 }) {
            Self.expectWords(userFacingDescription(of: error))
            if let error = error as? X509Error { Self.expectWords(error.reason) }
        }
        let pem = Array(
            "-----BEGIN CERTIFICATE-----\n\(Data(bytes).base64EncodedString())\n-----END CERTIFICATE-----\n".utf8
        )
        if let error = Self.thrown({ _ = try Certificate.readAll(from: pem) }) {
            Self.expectWords(userFacingDescription(of: error))
        }
        let broken = Array("-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----\n".utf8)
        let error = try #require(Self.thrown { _ = try Certificate.readAll(from: broken) })
        Self.expectWords(userFacingDescription(of: error))
        Self.expectWords((error as? X509Error)?.reason ?? "")
    }

    /// CMS: garbage, a truncated signature, and a SignedData whose certificate is garbage.
    @Test func cms() throws {
        let signature = Array(try Vectors.data("cms/emmansun-cfca-sadk-attached.der"))
        var inputs = Self.malformedDER + [Array(signature.prefix(signature.count / 2))]
        // ContentInfo { signedData, [0] SignedData { 1, {}, { id-data }, [0] { <garbage certificate> }, {} } }.
        let garbageCertificate: [UInt8] = [0x30, 0x03, 0x02, 0x01, 0x01]
        let signedData: [UInt8] =
            [
                0x02, 0x01, 0x01, 0x31, 0x00, 0x30, 0x0B, 0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07,
                0x01,
            ]
            + [0xA0, UInt8(garbageCertificate.count)] + garbageCertificate + [0x31, 0x00]
        let content = [0x30, UInt8(signedData.count)] + signedData
        inputs.append(
            [0x30, UInt8(13 + content.count), 0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02]
                + [0xA0, UInt8(content.count)] + content
        )
        for bytes in inputs {
            let error = try #require(Self.thrown { _ = try CMSSignedData(berEncoded: bytes) })
            Self.expectWords(userFacingDescription(of: error))
            Self.expectWords((error as? CMSError)?.reason ?? "", "\(error)")
            if let error = Self.thrown({ _ = try TimeStampToken(derEncoded: bytes) }) {
                Self.expectWords(userFacingDescription(of: error))
            }
            let verification = TimeStampTokenVerifier().verify(tokenBytes: bytes, timeStampedData: [1])
            Self.expectWords(verification.status.description)
        }
        let nested = try #require(Self.thrown { _ = try CMSSignedData(berEncoded: inputs[inputs.count - 1]) })
        #expect(userFacingDescription(of: nested).hasPrefix("a certificate in the SignedData is malformed: "))
    }

    /// Lower layers quote swift-asn1's errors in their reasons; the words are cleaned on the way out.
    @Test func keysAndSignatures() throws {
        for bytes in Self.malformedDER {
            if let error = Self.thrown({ _ = try PublicKey(derRepresentation: bytes) }) {
                Self.expectWords(userFacingDescription(of: error))
            }
            if let error = Self.thrown({ _ = try SM2Signature(derRepresentation: bytes) }) {
                Self.expectWords(userFacingDescription(of: error))
            }
        }
    }

    /// The validation report of a damaged signature.
    @Test func validationReport() throws {
        let signature = Array(try Vectors.data("cms/emmansun-cfca-sadk-attached.der"))
        let validator = SignatureValidator(context: ValidationContext(), precomputesAnchorKeys: false)
        for bytes in [Array(signature.prefix(200)), Array(signature.prefix(40)) + [0x30, 0x03, 0x06, 0x01, 0x80]] {
            let text: String
            do {
                text = String(decoding: try validator.validate(bytes, name: "damaged.p7s").json(), as: UTF8.self)
            } catch {
                text = userFacingDescription(of: error)
            }
            Self.expectWords(text)
        }
    }

    /// Quoted descriptions lose their type prefixes and locations; other libraries' Swift-looking errors are named
    /// as such.
    @Test func quotedDescriptions() {
        struct Quoting: Error, CustomStringConvertible {
            let description: String
        }
        let quoted = Quoting(
            description: "CMSError.malformed: a certificate in the SignedData is malformed: X509Error.malformedDER: "
                + "the certificate is not valid DER: ASN1Error.truncatedASN1Field:  SwiftASN1/ASN1.swift:158"
        )
        #expect(
            userFacingDescription(of: quoted)
                == "a certificate in the SignedData is malformed: the certificate is not valid DER: the data ends in the "
                + "middle of a field; is the file complete?"
        )
        let identifier = Quoting(
            description: "expected a SEQUENCE, got ASN1Identifier(tagNumber: 0, tagClass: contextSpecific)"
        )
        #expect(userFacingDescription(of: identifier) == "expected a SEQUENCE, got [0]")
        #expect(
            userFacingDescription(of: Quoting(description: "CryptoKitError.incorrectKeySize"))
                == "an unexpected error in a library Sealbridge uses (incorrectKeySize)"
        )
        Self.expectWords(userFacingDescription(of: Quoting(description: "SomeError(code: 3)")))
    }
}
