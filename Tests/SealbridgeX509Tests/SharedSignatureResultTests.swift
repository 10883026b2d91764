import SealbridgeCrypto
import Testing

@testable import SealbridgeX509

/// A long-lived trust store shares signature results between verifications (the service's case); a changed byte
/// anywhere in a signed object must still be checked, never answered from the cache.
@Suite struct SharedSignatureResultTests {
    static let time = X509Time(secondsSinceEpoch: 1_893_456_000)

    struct Chain {
        let root: Certificate
        let intermediate: Certificate
        let leaf: Certificate
    }

    static func chain() throws -> Chain {
        let (root, rootKey, rootName) = try TestCertificateBuilder.selfSignedCA("Shared Cache Root")
        let intermediateKey = try PrivateKey.generate(.p256)
        let intermediateName = try TestCertificateBuilder.name(["Shared Cache CA"])
        let intermediate = try TestCertificateBuilder.certificate(
            serial: 2,
            issuer: rootName,
            subject: intermediateName,
            subjectKey: intermediateKey.publicKey,
            issuerKey: rootKey,
            extensions: [TestCertificateBuilder.caBasicConstraints]
        )
        let leafKey = try PrivateKey.generate(.p256)
        let leaf = try TestCertificateBuilder.certificate(
            serial: 3,
            issuer: intermediateName,
            subject: try TestCertificateBuilder.name(["Shared Cache Signer"]),
            subjectKey: leafKey.publicKey,
            issuerKey: intermediateKey,
            extensions: []
        )
        return Chain(root: root, intermediate: intermediate, leaf: leaf)
    }

    /// The certificate with the last byte of its signature value changed: it still parses, and must not verify.
    static func forged(_ certificate: Certificate) throws -> Certificate {
        var bytes = certificate.derBytes
        bytes[bytes.count - 1] ^= 0x01
        return try Certificate(derEncoded: bytes)
    }

    @Test func resultsAreSharedAndAChangedByteIsNeverAnsweredFromTheCache() throws {
        let chain = try Self.chain()
        let store = TrustStore([chain.root], precomputesKeys: true)
        let cache = try #require(store.signatureResults)
        let options = ValidationOptions(time: Self.time)
        let first = CertificateVerifier(trustStore: store, intermediates: [chain.intermediate], options: options)
        #expect(first.verify(chain.leaf).isValid)
        #expect(cache.count == 2, "the leaf's and the intermediate's signatures")
        let second = CertificateVerifier(trustStore: store, intermediates: [chain.intermediate], options: options)
        #expect(second.verify(chain.leaf).isValid)
        #expect(cache.count == 2, "answered from the cache")

        let forgedIntermediate = try Self.forged(chain.intermediate)
        let third = CertificateVerifier(trustStore: store, intermediates: [forgedIntermediate], options: options)
        #expect(!third.verify(chain.leaf).isValid)
        #expect(!second.verify(try Self.forged(chain.leaf)).isValid)
        #expect(cache.count == 4, "the two forged objects were checked and recorded as invalid")
    }

    @Test func aOneShotStoreSharesNothing() {
        #expect(TrustStore([], precomputesKeys: false).signatureResults == nil)
    }
}
