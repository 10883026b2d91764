import SealbridgeCrypto
import SealbridgeTestVectors
import Testing

typealias ECDSACase = WycheproofCase<WycheproofECDSAGroup, WycheproofSignatureTest>
typealias RSACase = WycheproofCase<WycheproofRSAGroup, WycheproofSignatureTest>
typealias EdDSACase = WycheproofCase<WycheproofEdDSAGroup, WycheproofSignatureTest>

func hashFunction(_ name: String) -> HashFunction? {
    switch name {
    case "SHA-1": return .insecureSHA1
    case "SHA-256": return .sha256
    case "SHA-384": return .sha384
    case "SHA-512": return .sha512
    default: return nil
    }
}

@Suite struct WycheproofSignatureTests {
    static func ecdsa(_ name: String) -> [ECDSACase] {
        (try? Vectors.wycheproof(name, group: WycheproofECDSAGroup.self, test: WycheproofSignatureTest.self)) ?? []
    }

    static func rsa(_ name: String) -> [RSACase] {
        (try? Vectors.wycheproof(name, group: WycheproofRSAGroup.self, test: WycheproofSignatureTest.self)) ?? []
    }

    @Test func everyFileLoads() {
        #expect(Self.ecdsa("ecdsa_secp256r1_sha256_test").count == 484)
        #expect(Self.ecdsa("ecdsa_secp384r1_sha384_test").count == 504)
        #expect(Self.rsa("rsa_signature_2048_sha256_test").count == 259)
        #expect(Self.rsa("rsa_pss_2048_sha256_mgf1_32_test").count == 108)
        #expect(Self.rsa("rsa_pss_2048_sha256_mgf1_0_test").count == 103)
    }

    static func verifyECDSA(_ vector: ECDSACase) -> Bool {
        guard let key = try? PublicKey(derRepresentation: hexBytes(vector.group.publicKeyDer)),
            let hash = hashFunction(vector.group.sha)
        else { return false }
        let algorithm: SignatureAlgorithm
        switch hash {
        case .sha256: algorithm = .ecdsaWithSHA256
        case .sha384: algorithm = .ecdsaWithSHA384
        case .sha512: algorithm = .ecdsaWithSHA512
        default: return false
        }
        return key.isValidSignature(hexBytes(vector.test.sig), for: hexBytes(vector.test.msg), algorithm: algorithm)
    }

    @Test(arguments: ecdsa("ecdsa_secp256r1_sha256_test"))
    func ecdsaP256(_ vector: ECDSACase) {
        #expect(vector.test.result.allows(accepted: Self.verifyECDSA(vector)), "\(vector)")
    }

    @Test(arguments: ecdsa("ecdsa_secp384r1_sha384_test"))
    func ecdsaP384(_ vector: ECDSACase) {
        #expect(vector.test.result.allows(accepted: Self.verifyECDSA(vector)), "\(vector)")
    }

    @Test(arguments: rsa("rsa_signature_2048_sha256_test"))
    func rsaPKCS1(_ vector: RSACase) {
        var accepted = false
        if let key = try? PublicKey(derRepresentation: hexBytes(vector.group.publicKeyDer)) {
            accepted = key.isValidSignature(
                hexBytes(vector.test.sig),
                for: hexBytes(vector.test.msg),
                algorithm: .sha256WithRSAEncryption
            )
        }
        #expect(vector.test.result.allows(accepted: accepted), "\(vector)")
    }

    @Test(arguments: rsa("rsa_pss_2048_sha256_mgf1_32_test") + rsa("rsa_pss_2048_sha256_mgf1_0_test"))
    func rsaPSS(_ vector: RSACase) throws {
        var accepted = false
        let hash = try #require(hashFunction(vector.group.sha))
        let mgfHash = try #require(hashFunction(vector.group.mgfSha ?? vector.group.sha))
        if let key = try? PublicKey(derRepresentation: hexBytes(vector.group.publicKeyDer)) {
            accepted = key.isValidSignature(
                hexBytes(vector.test.sig),
                for: hexBytes(vector.test.msg),
                algorithm: .rsaPSS(hash: hash, mgfHash: mgfHash, saltLength: vector.group.sLen)
            )
        }
        #expect(vector.test.result.allows(accepted: accepted), "\(vector)")
    }

    @Test(
        arguments: try Vectors.wycheproof(
            "ed25519_test",
            group: WycheproofEdDSAGroup.self,
            test: WycheproofSignatureTest.self
        )
    )
    func ed25519(_ vector: EdDSACase) {
        var accepted = false
        if let key = try? PublicKey(derRepresentation: hexBytes(vector.group.publicKeyDer)) {
            accepted = key.isValidSignature(
                hexBytes(vector.test.sig),
                for: hexBytes(vector.test.msg),
                algorithm: .ed25519
            )
        }
        #expect(vector.test.result.allows(accepted: accepted), "\(vector)")
    }

    static let brainpool =
        ecdsa("ecdsa_brainpoolP256r1_sha256_test") + ecdsa("ecdsa_brainpoolP384r1_sha384_test")
        + ecdsa("ecdsa_brainpoolP512r1_sha512_test")

    @Test func brainpoolFilesLoad() {
        #expect(Self.brainpool.count == 1_560, "Wycheproof brainpool r1 cases: 1,560 across the three files")
    }

    /// Every Wycheproof brainpoolP256r1/P384r1/P512r1 case through the registry (RFC 5639 curves, our
    /// verification-only implementation), counted one by one.
    @Test(arguments: brainpool)
    func ecdsaBrainpool(_ vector: ECDSACase) {
        #expect(vector.test.result.allows(accepted: Self.verifyECDSA(vector)), "\(vector)")
    }
}
