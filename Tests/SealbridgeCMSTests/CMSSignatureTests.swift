import Foundation
import SealbridgeCrypto
import SealbridgeSM
import SealbridgeTestVectors
import SealbridgeX509
import SwiftASN1
import Testing

@testable import SealbridgeCMS

/// Signing and checking in-process: every key type and form, CAdES levels, countersignatures, and each typed
/// failure a broken signature must produce. The keys and certificates come from the `openssl` CLI (`CMSFixtures`).
@Suite(.enabled(if: TestProcess.openSSLPath != nil, Comment(rawValue: TestProcess.Missing.openSSL)))
struct CMSSignatureTests {
    static let content = Array("Bill of lading BL-77: 2 x 40ft containers, Ningbo to Rotterdam\n".utf8)

    enum KeyKind: String, CaseIterable, Sendable {
        case sm2, ecdsa, rsa, rsaPSS
        func signer(_ fixtures: CMSFixtures) throws -> CMSSigner {
            switch self {
            case .sm2: return try fixtures.sm2.signer()
            case .ecdsa: return try fixtures.ecdsa.signer()
            case .rsa: return try fixtures.rsa.signer()
            case .rsaPSS: return try fixtures.rsa.signer(.rsaPSS(hash: .sha256, saltLength: 32))
            }
        }
    }

    struct RoundTrip: Sendable, CustomStringConvertible {
        let key: KeyKind
        let profile: CMSSignedData.Profile
        let attributes: Bool
        let detached: Bool
        let identifier: CMSSignOptions.SignerIdentifierForm
        var description: String {
            "\(key.rawValue) \(profile.rawValue) \(attributes ? "attrs" : "no-attrs") \(detached ? "detached" : "attached") \(identifier.rawValue)"
        }
    }

    static let roundTrips = KeyKind.allCases.flatMap { key in
        [true, false].flatMap { attributes in
            [false, true].map { detached in
                RoundTrip(
                    key: key,
                    profile: key == .sm2 && !attributes ? .gm : .rfc5652,
                    attributes: attributes,
                    detached: detached,
                    identifier: detached ? .subjectKeyIdentifier : .issuerAndSerialNumber
                )
            }
        }
    }

    @Test(arguments: roundTrips)
    func signsAndVerifies(_ trip: RoundTrip) throws {
        let fixtures = try CMSFixtures.load()
        var options = CMSSignOptions()
        options.profile = trip.profile
        options.usesSignedAttributes = trip.attributes
        options.detached = trip.detached
        options.signerIdentifier = trip.identifier
        let signed = try CMSSignedDataBuilder.sign(
            .bytes(Self.content),
            signers: [trip.key.signer(fixtures)],
            options: options
        )
        let parsed = try CMSSignedData(berEncoded: signed.derRepresentation)
        #expect(try parsed.derRepresentation == signed.derRepresentation, "DER re-encoding is stable")
        #expect(parsed.profile == trip.profile)
        #expect(parsed.signerInfos.first?.version == (trip.identifier == .subjectKeyIdentifier ? 3 : 1))
        let result = CMSVerifier().verify(parsed, detachedContent: trip.detached ? Self.content : nil)
        let signer = try #require(result.signers.first)
        #expect(signer.status == .valid, "\(signer.status)")
        #expect(signer.baselineLevel == (trip.attributes ? .bb : nil))
        // Streaming the content gives the same answer.
        var digester = CMSContentDigester(for: parsed)
        for chunk in stride(from: 0, to: Self.content.count, by: 7) {
            digester.update(Array(Self.content[chunk..<min(chunk + 7, Self.content.count)]))
        }
        #expect(CMSVerifier().verify(parsed, contentDigests: digester.finalize()).isValid)
        // Other content fails: a digest mismatch with attributes, a bad signature without.
        let other = Array("Bill of lading BL-78".utf8)
        let tampered = CMSVerifier().verify(parsed, detachedContent: other)
        if trip.detached {
            guard case .invalid(let failure) = tampered.signers.first?.status else {
                Issue.record("tampered content must be invalid")
                return
            }
            #expect(failure.code == (trip.attributes ? .messageDigestMismatch : .signatureInvalid))
        }
    }

    @Test func streamedDetachedSigningMatchesInMemory() throws {
        let fixtures = try CMSFixtures.load()
        var options = CMSSignOptions()
        options.detached = true
        options.usesSignedAttributes = false
        let content = Self.content
        let streamed = try CMSSignedDataBuilder.sign(
            .stream { consume in
                content.withUnsafeBytes {
                    consume(UnsafeRawBufferPointer(rebasing: $0[0..<10]))
                    consume(UnsafeRawBufferPointer(rebasing: $0[10...]))
                }
            },
            signers: [fixtures.sm2.signer(), fixtures.ecdsa.signer()],
            options: options
        )
        let result = CMSVerifier().verify(streamed, detachedContent: content)
        #expect(result.signers.count == 2)
        #expect(result.isValid)
        var attached = options
        attached.detached = false
        #expect(throws: CMSError.self) {
            try CMSSignedDataBuilder.sign(.stream { _ in }, signers: [fixtures.sm2.signer()], options: attached)
        }
    }

    @Test func twoSignersOneBrokenGivesOnePreciseFailure() throws {
        let fixtures = try CMSFixtures.load()
        let signed = try CMSSignedDataBuilder.sign(
            .bytes(Self.content),
            signers: [fixtures.ecdsa.signer(), fixtures.sm2.signer()],
            options: CMSSignOptions()
        )
        var signers = signed.signerInfos
        var broken = signers[1].signature
        broken[broken.count - 3] ^= 0x01
        signers[1] = CMSSignerInfo(
            version: signers[1].version,
            signerIdentifier: signers[1].signerIdentifier,
            digestAlgorithm: signers[1].digestAlgorithm,
            signedAttributes: signers[1].signedAttributes,
            signatureAlgorithm: signers[1].signatureAlgorithm,
            signature: broken,
            unsignedAttributes: nil
        )
        let reparsed = try CMSSignedData(berEncoded: signed.replacingSignerInfos(signers).derRepresentation)
        let result = CMSVerifier().verify(reparsed)
        #expect(!result.isValid)
        let statuses = Dictionary(
            uniqueKeysWithValues: result.signers.map { ($0.certificate?.subject.description ?? "", $0.status) }
        )
        #expect(statuses.values.filter { $0 == .valid }.count == 1)
        let failures = result.signers.compactMap { signer -> CMSSignerFailure? in
            if case .invalid(let failure) = signer.status { return failure }
            return nil
        }
        #expect(failures.map(\.code) == [.signatureInvalid])
    }

    /// A signer whose signed attributes were changed after signing, for the attribute failures.
    func resigned(
        _ fixtures: CMSFixtures,
        key: KeyKind = .ecdsa,
        editing edit: ([CMSAttribute]) throws -> [CMSAttribute]
    ) throws -> CMSSignerResult {
        let signer = try key.signer(fixtures)
        let signed = try CMSSignedDataBuilder.sign(.bytes(Self.content), signers: [signer], options: CMSSignOptions())
        let original = try #require(signed.signerInfos.first)
        let attributes = try CMSAttributes(try edit(original.signedAttributes?.attributes ?? []), tagNumber: 0)
        let signature = try signer.key.signature(for: attributes.signedBytes, algorithm: signer.signatureAlgorithm)
        let info = CMSSignerInfo(
            version: 1,
            signerIdentifier: original.signerIdentifier,
            digestAlgorithm: original.digestAlgorithm,
            signedAttributes: attributes,
            signatureAlgorithm: original.signatureAlgorithm,
            signature: signature,
            unsignedAttributes: nil
        )
        let rebuilt = try CMSSignedData(berEncoded: signed.replacingSignerInfos([info]).derRepresentation)
        return try #require(CMSVerifier().verify(rebuilt).signers.first)
    }

    func failureCode(_ result: CMSSignerResult) -> CMSSignerFailure.Code? {
        if case .invalid(let failure) = result.status { return failure.code }
        return nil
    }

    @Test func attributeFailuresAreTyped() throws {
        let fixtures = try CMSFixtures.load()
        let withoutDigest = try resigned(fixtures) { $0.filter { $0.type != CMSObjectIdentifier.messageDigest } }
        #expect(failureCode(withoutDigest) == .missingAttribute)
        let withoutType = try resigned(fixtures) { $0.filter { $0.type != CMSObjectIdentifier.contentType } }
        #expect(failureCode(withoutType) == .missingAttribute)
        let wrongType = try resigned(fixtures) { attributes in
            try attributes.map {
                $0.type == CMSObjectIdentifier.contentType
                    ? CMSAttribute(type: $0.type, values: [try CMSObjectIdentifier.tstInfo.serializedDER()]) : $0
            }
        }
        #expect(failureCode(wrongType) == .contentTypeMismatch)
        let twoDigests = try resigned(fixtures) { attributes in
            attributes + attributes.filter { $0.type == CMSObjectIdentifier.messageDigest }
        }
        #expect(failureCode(twoDigests) == .malformedAttribute)
        let otherCertificate = try resigned(fixtures) { attributes in
            try attributes.map {
                $0.type == CMSObjectIdentifier.signingCertificateV2
                    ? try CMSSignedDataBuilder.signingCertificateV2(fixtures.rsa.certificate, hash: .sha256) : $0
            }
        }
        #expect(failureCode(otherCertificate) == .signingCertificateMismatch)
        let otherAlgorithm = try resigned(fixtures) { attributes in
            try attributes.map {
                $0.type == CMSObjectIdentifier.algorithmProtection
                    ? try CMSAttribute(
                        type: $0.type,
                        values: [
                            AlgorithmProtection(
                                digestAlgorithm: AlgorithmIdentifier(
                                    algorithm: HashFunction.sha384.oid,
                                    parameters: nil
                                ),
                                signatureAlgorithm: AlgorithmIdentifier(
                                    algorithm: SignatureAlgorithm.ecdsaWithSHA384.oid,
                                    parameters: nil
                                )
                            ).serializedDER()
                        ]
                    ) : $0
            }
        }
        #expect(failureCode(otherAlgorithm) == .algorithmMismatch)
        let garbledTime = try resigned(fixtures) { attributes in
            attributes.map {
                $0.type == CMSObjectIdentifier.signingTime ? CMSAttribute(type: $0.type, values: [[0x04, 0x00]]) : $0
            }
        }
        #expect(failureCode(garbledTime) == .malformedAttribute)
    }

    /// SM2 signed as SM3(M) without Z, and with OpenSSL's empty ID: reported, accepted only by option.
    @Test func sm2NonStandardDigestsAreReportedAndAcceptedOnlyByOption() throws {
        let fixtures = try CMSFixtures.load()
        let signer = try fixtures.sm2.signer()
        var options = CMSSignOptions()
        options.usesSignedAttributes = false
        let signed = try CMSSignedDataBuilder.sign(.bytes(Self.content), signers: [signer], options: options)
        let original = try #require(signed.signerInfos.first)
        let publicKey = try #require(signer.key.sm2?.publicKey)
        let variants: [(String, [UInt8])] = [
            ("without Z", SM3.hash(Self.content)),
            ("empty ID", try publicKey.digest(for: Self.content, userID: [])),
        ]
        for (name, e) in variants {
            let signature = try #require(signer.key.sm2).signature(forDigest: e).derRepresentation
            let info = CMSSignerInfo(
                version: 1,
                signerIdentifier: original.signerIdentifier,
                digestAlgorithm: original.digestAlgorithm,
                signedAttributes: nil,
                signatureAlgorithm: original.signatureAlgorithm,
                signature: signature,
                unsignedAttributes: nil
            )
            let variant = try CMSSignedData(berEncoded: signed.replacingSignerInfos([info]).derRepresentation)
            let strict = try #require(CMSVerifier().verify(variant).signers.first)
            #expect(failureCode(strict) == .sm2NonStandardDigest, "\(name): \(strict.status)")
            var lenient = CMSVerificationOptions()
            lenient.sm2Compatibility = name == "without Z" ? .nonStandardWithoutZ : .insecureEmptyUserID
            let accepted = try #require(CMSVerifier(options: lenient).verify(variant).signers.first)
            #expect(accepted.status == .valid, "\(name)")
            #expect(accepted.notes.count == 1, "\(name): the acceptance is reported")
        }
    }

    @Test func countersignatureVerifies() throws {
        let fixtures = try CMSFixtures.load()
        let signed = try CMSSignedDataBuilder.sign(
            .bytes(Self.content),
            signers: [fixtures.sm2.signer()],
            options: CMSSignOptions()
        )
        let counter = try CMSSignedDataBuilder.countersign(signed, signerAt: 0, with: fixtures.ecdsa.signer())
        let parsed = try CMSSignedData(berEncoded: counter.derRepresentation)
        let result = try #require(CMSVerifier().verify(parsed).signers.first)
        #expect(result.status == .valid)
        #expect(result.countersignatures.count == 1)
        #expect(result.countersignatures.first?.status == .valid)
        #expect(result.countersignatures.first?.certificate == fixtures.ecdsa.certificate)
        // A countersignature over another signature value fails.
        let other = try CMSSignedDataBuilder.sign(
            .bytes(Array("x".utf8)),
            signers: [fixtures.sm2.signer()],
            options: CMSSignOptions()
        )
        let moved = other.replacingSignerInfos([
            try other.signerInfos[0].replacingUnsignedAttributes(
                parsed.signerInfos[0].unsignedAttributes?.attributes ?? []
            )
        ]).adding(certificates: [fixtures.ecdsa.certificate])
        let movedResult = try #require(CMSVerifier().verify(moved).signers.first)
        #expect(movedResult.countersignatures.first.map { failureCode($0) } == .messageDigestMismatch)
    }

    @Test(arguments: [KeyKind.sm2, .ecdsa, .rsa])
    func baselineTWithLocalAuthority(_ key: KeyKind) async throws {
        let fixtures = try CMSFixtures.load()
        let tsaIdentity = key == .sm2 ? fixtures.sm2TSA : (key == .rsa ? fixtures.rsaTSA : fixtures.ecdsaTSA)
        let authority = try TimeStampAuthority(
            key: tsaIdentity.key,
            certificate: tsaIdentity.certificate,
            policy: [1, 2, 3, 4, 1],
            serialStore: InMemorySerialNumberStore()
        )
        let signed = try CMSSignedDataBuilder.sign(
            .bytes(Self.content),
            signers: [key.signer(fixtures)],
            options: CMSSignOptions()
        )
        let stamped = try await CAdES.addingSignatureTimeStamps(to: signed, from: authority)
        let parsed = try CMSSignedData(berEncoded: stamped.derRepresentation)
        var options = CMSVerificationOptions()
        options.requiredBaselineLevel = .bt
        options.timeStampOptions.trustStore = TrustStore([fixtures.ca, fixtures.sm2CA])
        let result = try #require(CMSVerifier(options: options).verify(parsed).signers.first)
        #expect(result.status == .valid, "\(result.status)")
        #expect(result.baselineLevel == .bt)
        #expect(result.timeStamps.count == 1)
        #expect(result.timeStamps.first?.path != nil, "the TSA path validates to the test CA")
        // B-B only when B-T is required fails with the time-stamp code.
        let plain = try #require(CMSVerifier(options: options).verify(signed).signers.first)
        #expect(failureCode(plain) == .timeStampInvalid)
    }
}
