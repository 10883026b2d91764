import Foundation
import SealbridgeCMS
import SealbridgeCrypto
import SealbridgeOFD
import SealbridgeTestVectors
import SealbridgeTrust
import SealbridgeX509
import SwiftASN1
import Testing

@testable import SealbridgeValidation

/// What Sealbridge seals, Sealbridge validates: a seal-making authority issues a GB/T 38540 seal, a company seals
/// an OFD invoice with it (with and without an SM2 time-stamp), and every negative case of GB/T 38540 §7.3 made
/// from it fails as it should. A seal added to another writer's sealed document leaves that seal intact.
@Suite struct OFDSealingTests {
    typealias Identity = ValidationFixtures.Identity

    struct World {
        let root: Identity
        let maker: Identity
        let signer: Identity
        let tsa: Identity
        let now = X509Time.now

        init() throws {
            let serials = ValidationFixtures.SerialCounter()
            let now = self.now
            func make(_ name: String, by issuer: Identity?, ca: Bool = false, tsa: Bool = false) throws -> Identity {
                try ValidationFixtures.make(
                    name,
                    by: issuer,
                    isCA: ca,
                    timeStamping: tsa,
                    from: -30,
                    until: 365,
                    serial: serials,
                    now: now,
                    algorithm: .sm2
                )
            }
            root = try make("Demo CN e-seal root", by: nil, ca: true)
            maker = try make("Demo seal-making authority", by: root)
            signer = try make("Demo Trading Co., Ltd.", by: root)
            tsa = try make("Demo SM2 TSA", by: root, tsa: true)
        }

        func day(_ offset: Int) -> X509Time {
            X509Time(secondsSinceEpoch: now.secondsSinceEpoch + Int64(offset) * 86_400)
        }

        func seal(
            for certificate: Certificate? = nil,
            from: Int = -1,
            until: Int = 365,
            madeBy maker: Identity? = nil
        ) throws -> [UInt8] {
            let maker = maker ?? self.maker
            return try SESWriter.seal(
                SESealRequest(
                    vendorID: "SEALBRIDGE-DEMO",
                    esID: "91440300DEMO0001",
                    type: 3,
                    name: "Demo Trading Co., Ltd. invoice seal",
                    signerCertificates: [(certificate ?? signer.certificate).derBytes],
                    createDate: day(from),
                    validStart: day(from),
                    validEnd: day(until),
                    pictureType: "PNG",
                    picture: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A],
                    pictureWidth: 40,
                    pictureHeight: 40
                ),
                makerCertificate: maker.certificate.derBytes,
                makerKey: maker.key
            )
        }

        func sealing(
            _ file: String,
            seal: [UInt8],
            timeStamp: (any TimeStampSource)? = nil
        ) async throws -> [UInt8] {
            try await OFDSealer().seal(
                Array(try Vectors.data("ofd/\(file)")),
                OFDSealer.Request(
                    seal: try SESeal(derEncoded: seal),
                    signerKey: signer.key,
                    signerCertificate: signer.certificate.derBytes,
                    page: 0,
                    box: (x: 150, y: 20, width: 40, height: 40),
                    time: now,
                    timeStamp: timeStamp
                )
            )
        }

        func validate(_ bytes: [UInt8]) throws -> ValidationReport {
            var context = ValidationContext()
            context.anchors = [root.certificate]
            context.revocationPolicy = .none
            return try SignatureValidator(context: context, precomputesAnchorKeys: false).validate(
                bytes,
                name: "sealed.ofd"
            )
        }

        /// The demo TSA; with `other`, one that stamps those bytes whatever it is asked (a wrong imprint).
        func timeStamper(over other: [UInt8]? = nil) throws -> any TimeStampSource {
            let authority = try TimeStampAuthority(
                key: tsa.key,
                certificate: tsa.certificate,
                policy: [2, 999, 1, 1],
                serialStore: InMemorySerialNumberStore()
            )
            guard let other else { return authority }
            return StampingOtherBytes(authority: authority, bytes: other)
        }
    }

    /// A TSA that stamps fixed bytes instead of what it is asked to.
    struct StampingOtherBytes: TimeStampSource {
        let authority: TimeStampAuthority
        let bytes: [UInt8]

        func timeStampToken(for request: TimeStampRequest) async throws -> [UInt8] {
            try await authority.timeStampToken(
                for: TimeStampRequest(messageImprint: MessageImprint(hashing: bytes, with: .sm3))
            )
        }
    }

    @Test func ourSealValidatesEndToEnd() async throws {
        let world = try World()
        let report = try world.validate(try await world.sealing("invoice-example-unsigned.ofd", seal: try world.seal()))
        let signature = try #require(report.signatures.first)
        #expect(report.indication == .totalPassed, "\(signature.reason)")
        #expect(signature.format == .ofdSealV4)
        #expect(signature.signatureType == .seal)
        #expect(signature.seal?.name == "Demo Trading Co., Ltd. invoice seal")
        #expect(signature.seal?.stamps.first?.boundary == "150 20 40 40")
        #expect(signature.checks.allSatisfy { $0.result == .passed || $0.result == .notRun })
    }

    @Test func anSM2TimeStampIsProofOfExistence() async throws {
        let world = try World()
        let report = try world.validate(
            try await world.sealing(
                "invoice-example-unsigned.ofd",
                seal: try world.seal(),
                timeStamp: try world.timeStamper()
            )
        )
        let signature = try #require(report.signatures.first)
        #expect(report.indication == .totalPassed, "\(signature.reason)")
        #expect(signature.timeStamps.count == 1)
        #expect(signature.timeStamps.first?.proofOfExistence == true)
    }

    @Test func aTimeStampOverOtherDataIsNotProof() async throws {
        let world = try World()
        let report = try world.validate(
            try await world.sealing(
                "invoice-example-unsigned.ofd",
                seal: try world.seal(),
                timeStamp: try world.timeStamper(over: [1, 2, 3])
            )
        )
        let signature = try #require(report.signatures.first)
        #expect(signature.timeStamps.first?.proofOfExistence == false)
        #expect(signature.checks.first { $0.name == "signature time-stamps" }?.result != .passed)
    }

    @Test func aSealAddedToAnotherWritersSealedInvoiceLeavesItsSealIntact() async throws {
        let world = try World()
        let report = try world.validate(try await world.sealing("v4signed.ofd", seal: try world.seal()))
        #expect(report.signatures.count == 2)
        let theirs = report.signatures[0]
        for name in ["cryptographic verification", "seal maker's signature", "signer listed in the seal"] {
            #expect(theirs.checks.first { $0.name == name }?.result == .passed, "\(name)")
        }
        #expect(report.signatures[1].indication == .totalPassed, "\(report.signatures[1].reason)")
    }

    @Test func aDocumentSealedAgainstFurtherSealsIsNotSealedAgain() async throws {
        let world = try World()
        await #expect(throws: OFDError.self) { try await world.sealing("allprotected.ofd", seal: try world.seal()) }
    }

    /// Sealbridge refuses to seal with a seal that does not list its signer; another tool might not. Such a
    /// package (made here by re-signing our seal signature with a seal listing someone else) is refused too.
    @Test func aSignerTheSealDoesNotListIsNotIdentified() async throws {
        let world = try World()
        let unlisting = try world.seal(for: world.maker.certificate)
        await #expect(throws: OFDError.self) {
            try await world.sealing("invoice-example-unsigned.ofd", seal: unlisting)
        }
        let sealed = try await world.sealing("invoice-example-unsigned.ofd", seal: try world.seal())
        let archive = try ZIPArchive(bytes: sealed)
        let document = try OFDDocument(bytes: sealed)
        let signature = try #require(try document.signatures().first)
        let valueEntry = try #require(archive.entries.first { $0.name.hasSuffix("SignedValue.dat") })
        let descriptionPath = try #require(archive.entries.first { $0.name.hasSuffix("/Signature.xml") }).name
        let toSign = try SESWriter.toSign(
            seal: unlisting,
            time: world.now,
            dataHash: HashFunction.sm3.digest(signature.descriptionBytes),
            propertyInfo: "/\(descriptionPath)"
        )
        let value = try SESWriter.signature(
            toSign: toSign,
            signerCertificate: world.signer.certificate.derBytes,
            value: try world.signer.key.signature(for: toSign, algorithm: .sm2WithSM3),
            timeStampToken: nil
        )
        var writer = ZIPWriter()
        for entry in archive.entries {
            if entry.name == valueEntry.name {
                try writer.add(entry.name, value)
            } else {
                try writer.copy(entry, from: archive)
            }
        }
        let report = try world.validate(writer.finished())
        #expect(report.subIndication == .noSigningCertificateFound)
    }

    @Test func aSealUsedAfterItsValidityFailsAcceptance() async throws {
        let world = try World()
        let report = try world.validate(
            try await world.sealing("invoice-example-unsigned.ofd", seal: try world.seal(from: -10, until: -1))
        )
        #expect(report.subIndication == .sigConstraintsFailure)
        #expect(report.signatures.first?.reason.contains("outside its validity") == true)
    }

    /// A seal whose maker no framework or anchor vouches for: the signer's chain is fine, the seal is not.
    @Test func aSealFromAnUntrustedMakerIsNotConfirmed() async throws {
        let world = try World()
        let rogue = try ValidationFixtures.make(
            "Rogue seal maker",
            by: nil,
            from: -30,
            until: 365,
            serial: ValidationFixtures.SerialCounter(),
            now: world.now,
            algorithm: .sm2
        )
        let report = try world.validate(
            try await world.sealing("invoice-example-unsigned.ofd", seal: try world.seal(madeBy: rogue))
        )
        let signature = try #require(report.signatures.first)
        #expect(signature.subIndication == .noCertificateChainFound)
        #expect(signature.checks.first { $0.name == "X.509 certificate validation" }?.result == .passed)
        #expect(signature.checks.first { $0.name == "seal maker's certificate path" }?.result == .indeterminate)
    }

    /// A seal its own user made (maker key = signer key) vouches for nothing.
    @Test func aSelfMadeSealIsNotAccepted() async throws {
        let world = try World()
        let report = try world.validate(
            try await world.sealing("invoice-example-unsigned.ofd", seal: try world.seal(madeBy: world.signer))
        )
        #expect(report.subIndication == .sigConstraintsFailure)
        #expect(report.signatures.first?.reason.contains("own key") == true)
    }

    @Test func aBoxOffThePageIsRefused() async throws {
        let world = try World()
        var request = OFDSealer.Request(
            seal: try SESeal(derEncoded: try world.seal()),
            signerKey: world.signer.key,
            signerCertificate: world.signer.certificate.derBytes,
            box: (x: .infinity, y: 0, width: 40, height: 40),
            time: world.now
        )
        let document = Array(try Vectors.data("ofd/invoice-example-unsigned.ofd"))
        await #expect(throws: OFDError.self) { try await OFDSealer().seal(document, request) }
        request.box = (x: 10, y: 10, width: 0, height: 40)
        await #expect(throws: OFDError.self) { try await OFDSealer().seal(document, request) }
    }

    @Test func aSealWithABrokenMakerSignatureIsACryptoFailure() async throws {
        let world = try World()
        var seal = try world.seal()
        seal[seal.count - 5] ^= 0x01  // inside the maker's signature value, the seal's last field
        let report = try world.validate(try await world.sealing("invoice-example-unsigned.ofd", seal: seal))
        #expect(report.subIndication == .sigCryptoFailure)
        #expect(report.signatures.first?.reason.contains("seal") == true)
    }
}
