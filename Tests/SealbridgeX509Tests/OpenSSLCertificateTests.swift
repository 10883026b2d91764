import Foundation
import SealbridgeCrypto
import SealbridgeSM
import SealbridgeTestVectors
import SealbridgeX509
import Testing

/// Self-signed certificates made by the `openssl` CLI, for every key kind, read and checked by ours.
@Suite(.enabled(if: TestProcess.openSSLPath != nil, Comment(rawValue: TestProcess.Missing.openSSL)))
struct OpenSSLCertificateTests {
    static let kinds: [(name: String, keyOptions: [String], signOptions: [String])] = [
        ("sm2", ["-algorithm", "SM2"], ["-sm3", "-sigopt", "distid:1234567812345678"]),
        ("p256", ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"], ["-sha256"]),
        ("p384", ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384"], ["-sha384"]),
        ("rsa", ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"], ["-sha256"]),
        (
            "rsa-pss", ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"],
            ["-sha256", "-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:32"]
        ),
        ("ed25519", ["-algorithm", "ED25519"], []),
    ]

    @Test(arguments: 0..<kinds.count)
    func selfSignedCertificateVerifies(_ index: Int) throws {
        let kind = Self.kinds[index]
        let folder = try TemporaryFolder()
        let key = folder.path("key.pem")
        let certificatePath = folder.path("cert.pem")
        #expect(try TestProcess.openSSL(["genpkey"] + kind.keyOptions + ["-out", key]).status == 0)
        let made = try TestProcess.openSSL(
            [
                "req", "-x509", "-new", "-key", key, "-subj", "/C=CN/O=Sealbridge Test/CN=\(kind.name) signer", "-days",
                "30",
                "-out", certificatePath,
            ] + kind.signOptions
        )
        #expect(made.status == 0, "openssl req: \(made.error)")
        let certificates = try Certificate.readAll(from: try folder.read("cert.pem"))
        let certificate = try #require(certificates.first)
        #expect(certificate.version == 3)
        #expect(certificate.subject.description.contains("CN=\(kind.name) signer"))
        #expect(certificate.isSelfIssued)
        let publicKey = try certificate.publicKey()
        #expect(certificate.isSignatureValid(issuerKey: publicKey), "\(kind.name): \(certificate)")
        // A changed signed byte (inside the subject) must not verify.
        var tampered = certificate.derBytes
        if let offset = tampered.indices.dropLast(4).first(where: {
            tampered[$0] == UInt8(ascii: "s") && tampered[$0 + 1] == UInt8(ascii: "i")
        }) {
            tampered[offset] = UInt8(ascii: "S")
            let parsed = try Certificate(derEncoded: tampered)
            #expect(!parsed.isSignatureValid(issuerKey: publicKey))
        }
        #expect(try certificate.basicConstraints()?.isCA == true)
        #expect(try certificate.subjectKeyIdentifier() != nil)
    }

    /// OpenSSL 3.0 signs SM2 certificates with an empty user ID unless `distid` is given; GM/T 0015 asks for the
    /// default ID. Such certificates do not verify with the default ID — the X.509 validator must decide (issue 3).
    @Test func sm2CertificateWithOpenSSLsEmptyIDDoesNotVerifyWithTheDefaultID() throws {
        let folder = try TemporaryFolder()
        let key = folder.path("key.pem")
        try TestProcess.openSSL(["genpkey", "-algorithm", "SM2", "-out", key])
        let made = try TestProcess.openSSL(
            ["req", "-x509", "-new", "-key", key, "-subj", "/CN=empty id", "-sm3", "-out", folder.path("cert.pem")])
        #expect(made.status == 0)
        let certificate = try #require(try Certificate.readAll(from: try folder.read("cert.pem")).first)
        let key2 = try certificate.publicKey()
        #expect(!certificate.isSignatureValid(issuerKey: key2))
        #expect(
            key2.isValidSignature(
                Array(certificate.signature),
                for: Array(certificate.tbsCertificateBytes),
                algorithm: .sm2WithSM3,
                sm2UserID: []
            )
        )
    }
}
