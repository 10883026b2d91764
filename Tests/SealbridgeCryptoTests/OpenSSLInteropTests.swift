import Foundation
import SealbridgeCrypto
import SealbridgeSM
import SealbridgeTestVectors
import Testing

/// Drives the `openssl` command-line tool as the interoperability peer.
/// Drives the `openssl` command-line tool as the interoperability peer.
enum OpenSSL {
    static var isAvailable: Bool { TestProcess.openSSLPath != nil }

    @discardableResult
    static func run(_ arguments: [String], input: [UInt8] = []) throws -> TestProcess.Result {
        try TestProcess.openSSL(arguments, input: input)
    }
}

typealias Scratch = TemporaryFolder

func randomBytes(_ count: Int) -> [UInt8] {
    (0..<count).map { _ in UInt8.random(in: 0...255) }
}

@Suite(.enabled(if: OpenSSL.isAvailable, Comment(rawValue: TestProcess.Missing.openSSL)))
struct OpenSSLInteropTests {
    static let sm2IDs: [String] = [
        "1234567812345678", "ALICE123@YAHOO.COM", "x", String(repeating: "long-id-", count: 20),
    ]

    @Test(arguments: 0..<12)
    func sm2OursVerifiesInOpenSSL(_ round: Int) throws {
        let scratch = try Scratch()
        let key = SM2PrivateKey()
        let id = Self.sm2IDs[round % Self.sm2IDs.count]
        let message = randomBytes(Int.random(in: 0...2000))
        let signature = try key.signature(for: message, userID: Array(id.utf8))
        let publicKey = try scratch.write("pub.pem", key.publicKey.pemRepresentation)
        let result = try OpenSSL.run([
            "pkeyutl", "-verify", "-rawin", "-digest", "sm3", "-pubin", "-inkey", publicKey,
            "-pkeyopt", "distid:\(id)", "-in", try scratch.write("msg", message),
            "-sigfile", try scratch.write("sig", signature.derRepresentation),
        ])
        #expect(result.status == 0, "openssl: \(result.error)")
        // OpenSSL must also load our private key and derive the same public key.
        let derived = try OpenSSL.run([
            "pkey", "-in", try scratch.write("key.pem", key.pemRepresentation), "-pubout", "-outform", "DER",
        ])
        #expect(derived.output == key.publicKey.derRepresentation)
    }

    @Test(arguments: 0..<12)
    func sm2OpenSSLVerifiesInOurs(_ round: Int) throws {
        let scratch = try Scratch()
        let keyPath = scratch.path("key.pem")
        try OpenSSL.run(["genpkey", "-algorithm", "SM2", "-out", keyPath])
        let key = try SM2PrivateKey(pemRepresentation: String(decoding: try scratch.read("key.pem"), as: UTF8.self))
        let id = Self.sm2IDs[round % Self.sm2IDs.count]
        let message = randomBytes(Int.random(in: 0...2000))
        let sign = try OpenSSL.run([
            "pkeyutl", "-sign", "-rawin", "-digest", "sm3", "-inkey", keyPath, "-pkeyopt", "distid:\(id)",
            "-in", try scratch.write("msg", message),
        ])
        #expect(sign.status == 0, "openssl: \(sign.error)")
        let signature = try SM2Signature(derRepresentation: sign.output)
        #expect(key.publicKey.isValidSignature(signature, for: message, userID: Array(id.utf8)))
        #expect(!key.publicKey.isValidSignature(signature, for: message + [0], userID: Array(id.utf8)))
        // OpenSSL's public key file reads as the same key.
        let publicPEM = try OpenSSL.run(["pkey", "-in", keyPath, "-pubout"])
        #expect(try SM2PublicKey(pemRepresentation: String(decoding: publicPEM.output, as: UTF8.self)) == key.publicKey)
    }

    @Test(arguments: 0..<4)
    func sm2EncryptionBothWays(_ round: Int) throws {
        let scratch = try Scratch()
        let key = SM2PrivateKey()
        let keyPath = try scratch.write("key.pem", key.pemRepresentation)
        let message = randomBytes(Int.random(in: 1...500))
        // OpenSSL encrypts (GM/T 0009 DER), we decrypt.
        let encrypted = try OpenSSL.run([
            "pkeyutl", "-encrypt", "-pubin", "-inkey", try scratch.write("pub.pem", key.publicKey.pemRepresentation),
            "-in", try scratch.write("msg", message),
        ])
        #expect(encrypted.status == 0, "openssl: \(encrypted.error)")
        #expect(try key.decrypt(SM2Ciphertext(derRepresentation: encrypted.output)) == message)
        // We encrypt, OpenSSL decrypts.
        let ours = try key.publicKey.encrypt(message)
        let decrypted = try OpenSSL.run([
            "pkeyutl", "-decrypt", "-inkey", keyPath, "-in", try scratch.write("ct", ours.derRepresentation),
        ])
        #expect(decrypted.status == 0, "openssl: \(decrypted.error)")
        #expect(decrypted.output == message)
    }

    @Test(arguments: 0..<40)
    func sm3MatchesOpenSSL(_ round: Int) throws {
        let length = round < 4 ? [0, 55, 56, 64][round] : Int.random(in: 0...70000)
        let message = randomBytes(length)
        let result = try OpenSSL.run(["dgst", "-sm3", "-binary"], input: message)
        #expect(result.output == SM3.hash(message), "length \(length)")
    }

    static let international: [(String, KeyAlgorithm, String)] = [
        ("p256", .p256, "sha256"), ("p384", .p384, "sha384"), ("p521", .p521, "sha512"), ("rsa", .rsa, "sha256"),
    ]

    @Test(arguments: [KeyAlgorithm.p256, .p384, .p521, .rsa, .ed25519])
    func internationalBothWays(_ algorithm: KeyAlgorithm) throws {
        let scratch = try Scratch()
        let message = randomBytes(777)
        let messagePath = try scratch.write("msg", message)
        // Ours signs, OpenSSL verifies.
        let key = try PrivateKey.generate(algorithm)
        let publicPath = try scratch.write("pub.pem", key.publicKey.pemRepresentation)
        let signaturePath = try scratch.write("sig", try key.signature(for: message))
        let verifyArguments: [String]
        switch algorithm {
        case .ed25519:
            verifyArguments = [
                "pkeyutl", "-verify", "-rawin", "-pubin", "-inkey", publicPath, "-in", messagePath, "-sigfile",
                signaturePath,
            ]
        default:
            let digest = algorithm.defaultSignatureAlgorithm.hash?.rawValue ?? "sha256"
            verifyArguments = ["dgst", "-\(digest)", "-verify", publicPath, "-signature", signaturePath, messagePath]
        }
        let verified = try OpenSSL.run(verifyArguments)
        #expect(verified.status == 0, "openssl verify of ours (\(algorithm)): \(verified.error)")

        // OpenSSL generates and signs, ours verifies; its key files load in ours.
        let keyPath = scratch.path("theirs.pem")
        let generate: [String]
        switch algorithm {
        case .p256: generate = ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", keyPath]
        case .p384: generate = ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384", "-out", keyPath]
        case .p521: generate = ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-521", "-out", keyPath]
        case .rsa: generate = ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", keyPath]
        case .ed25519: generate = ["genpkey", "-algorithm", "ED25519", "-out", keyPath]
        case .sm2: generate = ["genpkey", "-algorithm", "SM2", "-out", keyPath]
        case .brainpoolP256r1, .brainpoolP384r1, .brainpoolP512r1, .dsa:
            Issue.record("\(algorithm) cannot sign; it must not be in this test's arguments")
            return
        }
        try OpenSSL.run(generate)
        let theirs = try PrivateKey(pemRepresentation: String(decoding: try scratch.read("theirs.pem"), as: UTF8.self))
        #expect(theirs.algorithm == algorithm)
        let signArguments: [String]
        switch algorithm {
        case .ed25519: signArguments = ["pkeyutl", "-sign", "-rawin", "-inkey", keyPath, "-in", messagePath]
        default:
            let digest = algorithm.defaultSignatureAlgorithm.hash?.rawValue ?? "sha256"
            signArguments = ["dgst", "-\(digest)", "-sign", keyPath, messagePath]
        }
        let signed = try OpenSSL.run(signArguments)
        #expect(signed.status == 0, "openssl sign: \(signed.error)")
        #expect(theirs.publicKey.isValidSignature(signed.output, for: message))
        #expect(!theirs.publicKey.isValidSignature(signed.output, for: message + [1]))
    }

    /// RSA keys of every common size, with e = 65537 and with e = 3, used by OpenSSL to sign, verify in ours: the
    /// Montgomery arithmetic at 48 and 64 limbs and the exponent's square-and-multiply, against OpenSSL's. The keys
    /// are fixed test keys (`Tests/Vectors/rsa/`), made once by `openssl genpkey`: generating 4096-bit keys in every
    /// run took minutes under AddressSanitizer.
    @Test(arguments: [(3072, "65537"), (4096, "65537"), (2048, "3"), (3072, "3")])
    func rsaKeysOfEverySizeFromOpenSSL(_ bits: Int, _ publicExponent: String) throws {
        let scratch = try Scratch()
        let keyPath = try Vectors.folder("rsa").appendingPathComponent("rsa-\(bits)-e\(publicExponent).key.pem").path
        let key = try PrivateKey(pemRepresentation: String(contentsOfFile: keyPath, encoding: .utf8))
        let message = randomBytes(1000)
        let messagePath = try scratch.write("msg", message)
        for digest in ["sha256", "sha512"] {
            let signed = try OpenSSL.run(["dgst", "-\(digest)", "-sign", keyPath, messagePath])
            #expect(signed.status == 0, "openssl sign: \(signed.error)")
            let algorithm: SignatureAlgorithm = digest == "sha256" ? .sha256WithRSAEncryption : .sha512WithRSAEncryption
            #expect(key.publicKey.isValidSignature(signed.output, for: message, algorithm: algorithm))
            var tampered = signed.output
            tampered[tampered.count / 2] ^= 1
            #expect(!key.publicKey.isValidSignature(tampered, for: message, algorithm: algorithm))
        }
    }

    @Test func rsaPSSFromOpenSSLWithEverySaltLength() throws {
        let scratch = try Scratch()
        let keyPath = scratch.path("rsa.pem")
        try OpenSSL.run(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", keyPath])
        let key = try PrivateKey(pemRepresentation: String(decoding: try scratch.read("rsa.pem"), as: UTF8.self))
        let message = randomBytes(100)
        let messagePath = try scratch.write("msg", message)
        for salt in [0, 20, 32, 64] {
            let signed = try OpenSSL.run([
                "dgst", "-sha256", "-sign", keyPath, "-sigopt", "rsa_padding_mode:pss", "-sigopt",
                "rsa_pss_saltlen:\(salt)",
                messagePath,
            ])
            #expect(signed.status == 0)
            #expect(
                key.publicKey.isValidSignature(
                    signed.output,
                    for: message,
                    algorithm: .rsaPSS(hash: .sha256, saltLength: salt)
                )
            )
            #expect(
                key.publicKey.isValidSignature(
                    signed.output,
                    for: message,
                    algorithm: .rsaPSS(hash: .sha256, saltLength: nil)
                )
            )
            #expect(
                salt == 32
                    || !key.publicKey.isValidSignature(
                        signed.output,
                        for: message,
                        algorithm: .rsaPSS(hash: .sha256, saltLength: 32)
                    )
            )
        }
    }
}
