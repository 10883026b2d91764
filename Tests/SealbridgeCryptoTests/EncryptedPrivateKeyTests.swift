import Foundation
import SealbridgeTestVectors
import SwiftASN1
import Testing

@testable import SealbridgeCrypto

/// Encrypted PKCS #8 (PBES2) both ways with OpenSSL, and the refusals.
@Suite("Encrypted PKCS #8 keys (PBES2)")
struct EncryptedPrivateKeyTests {
    static let passphrase = Array("correct horse battery staple".utf8)

    @Test("ours round-trips for every key kind, AES (PBKDF2-HMAC-SHA-256) and SM4 (PBKDF2-HMAC-SM3)")
    func roundTrip() throws {
        for algorithm in [KeyAlgorithm.sm2, .p256, .p384, .ed25519] {
            let key = try PrivateKey.generate(algorithm)
            for national in [false, true] {
                let pem = try key.encryptedPEMRepresentation(
                    passphrase: Self.passphrase,
                    iterations: 1_000,
                    national: national
                )
                #expect(pem.contains("ENCRYPTED PRIVATE KEY"))
                #expect(!pem.contains(key.pemRepresentation))
                let read = try PrivateKey(pemOrDER: Array(pem.utf8), passphrase: Self.passphrase)
                #expect(read.derRepresentation == key.derRepresentation, "\(algorithm) national=\(national)")
                #expect(throws: CryptoError.self, "wrong passphrase") {
                    try PrivateKey(pemOrDER: Array(pem.utf8), passphrase: Array("wrong".utf8))
                }
                #expect(throws: CryptoError.self, "no passphrase") {
                    try PrivateKey(pemOrDER: Array(pem.utf8), passphrase: nil)
                }
            }
        }
    }

    @Test("an unencrypted key reads with or without a passphrase; an over-long iteration count is refused")
    func plainAndHostile() throws {
        let key = try PrivateKey.generate(.p256)
        let plain = Array(key.pemRepresentation.utf8)
        #expect(try PrivateKey(pemOrDER: plain, passphrase: nil).derRepresentation == key.derRepresentation)
        // A hand-made EncryptedPrivateKeyInfo with 2^31-1 PBKDF2 rounds must be refused, not computed.
        let scheme = PBES2Parameters(
            keyDerivation: PBKDF2Parameters(
                salt: [1, 2, 3, 4, 5, 6, 7, 8],
                iterationCount: Int(Int32.max),
                prf: EncryptedPrivateKey.hmacWithSHA256
            ),
            encryptionScheme: AlgorithmIdentifier(
                algorithm: [2, 16, 840, 1, 101, 3, 4, 1, 42],  // aes256-CBC
                parameters: try ASN1OctetString(contentBytes: [UInt8](repeating: 0, count: 16)[...]).serializedDER()
            )
        )
        let hostile = try EncryptedPrivateKeyInfo(
            encryptionAlgorithm: AlgorithmIdentifier(
                algorithm: EncryptedPrivateKey.pbes2,
                parameters: try scheme.serializedDER()
            ),
            encryptedData: [UInt8](repeating: 0, count: 16)
        ).serializedDER()
        let error = #expect(throws: CryptoError.self) { try PrivateKey(pemOrDER: hostile, passphrase: Self.passphrase) }
        #expect(error?.reason.contains("iteration count") == true, "\(String(describing: error))")
        for cut in stride(from: 0, to: hostile.count, by: 7) {
            #expect(throws: (any Error).self) {
                try PrivateKey(pemOrDER: Array(hostile.prefix(cut)), passphrase: Self.passphrase)
            }
        }
    }

    @Test(
        "OpenSSL reads ours and we read OpenSSL's (pkcs8 -topk8 -v2 aes-256-cbc / aes-128-cbc, hmacWithSHA256/512)",
        .enabled(if: OpenSSL.isAvailable, Comment(rawValue: TestProcess.Missing.openSSL))
    )
    func openSSLBothWays() throws {
        let scratch = try Scratch()
        let key = try PrivateKey.generate(.p256)
        let ours = try scratch.write(
            "ours.p8",
            try key.encryptedPEMRepresentation(passphrase: Self.passphrase, iterations: 2_048)
        )
        let read = try OpenSSL.run(["pkey", "-in", ours, "-passin", "pass:correct horse battery staple"])
        #expect(read.status == 0, "\(read.error)")
        #expect(try PrivateKey(pemOrDER: read.output).derRepresentation == key.derRepresentation)

        let plain = try scratch.write("plain.pem", key.pemRepresentation)
        for (cipher, prf) in [
            ("aes-256-cbc", "hmacWithSHA256"), ("aes-128-cbc", "hmacWithSHA512"), ("aes-192-cbc", "hmacWithSHA1"),
        ] {
            let theirs = try OpenSSL.run([
                "pkcs8", "-topk8", "-v2", cipher, "-v2prf", prf, "-in", plain, "-passout",
                "pass:correct horse battery staple",
            ])
            #expect(theirs.status == 0, "\(theirs.error)")
            let decoded = try PrivateKey(pemOrDER: theirs.output, passphrase: Self.passphrase)
            #expect(decoded.derRepresentation == key.derRepresentation, "\(cipher) \(prf)")
        }
    }
}
