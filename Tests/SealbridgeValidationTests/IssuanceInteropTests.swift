import Foundation
import SealbridgeCrypto
import SealbridgeTestVectors
import SealbridgeX509
import SwiftASN1
import Testing

/// What `CertificateIssuer` writes, OpenSSL reads and verifies: a P-256 and an RSA chain, and CRLs with and without
/// the signer (RFC 5280 §6.3 through `openssl verify -crl_check`).
struct IssuanceInteropTests {
    @Test(.enabled(if: TestProcess.openSSLPath != nil, Comment(rawValue: TestProcess.Missing.openSSL)))
    func openSSLVerifiesOurChainsAndCRLs() throws {
        let f = try ValidationFixtures()
        let folder = try TemporaryFolder()
        func pem(_ certificate: Certificate) -> String { certificate.pemRepresentation + "\n" }
        try folder.write("root.pem", pem(f.root.certificate))
        try folder.write("ca.pem", pem(f.ca.certificate))
        try folder.write("signer.pem", pem(f.signer.certificate))
        let chain = [
            "verify", "-CAfile", folder.path("root.pem"), "-untrusted", folder.path("ca.pem"),
            folder.path("signer.pem"),
        ]
        let plain = try TestProcess.openSSL(chain)
        #expect(plain.status == 0, "\(plain.text) \(plain.error)")

        let clean = try f.crl(by: f.ca)
        let revoking = try f.crl(by: f.ca, revoking: [(f.signer, -1)])
        let rootCRL = try f.crl(by: f.root)
        for (name, crl) in [("clean", clean), ("revoking", revoking), ("root", rootCRL)] {
            try folder.write("\(name).crl", crl.derBytes)
            let text = try TestProcess.openSSL([
                "crl", "-inform", "DER", "-in", folder.path("\(name).crl"), "-out", folder.path("\(name)-crl.pem"),
            ])
            try #require(text.status == 0, "\(text.error)")
        }
        let withClean = try TestProcess.openSSL(
            [
                "verify", "-crl_check_all", "-CRLfile", folder.path("clean-crl.pem"), "-CRLfile",
                folder.path("root-crl.pem"),
            ] + chain.dropFirst()
        )
        #expect(withClean.status == 0, "\(withClean.text) \(withClean.error)")
        let withRevoking = try TestProcess.openSSL(
            [
                "verify", "-crl_check_all", "-CRLfile", folder.path("revoking-crl.pem"), "-CRLfile",
                folder.path("root-crl.pem"),
            ]
                + chain.dropFirst()
        )
        #expect(withRevoking.status != 0)
        #expect((withRevoking.text + withRevoking.error).contains("certificate revoked"))
    }

    @Test(.enabled(if: TestProcess.openSSLPath != nil, Comment(rawValue: TestProcess.Missing.openSSL)))
    func openSSLReadsOurRSACertificates() throws {
        let key = try PrivateKey.generate(.rsa)
        var template = CertificateTemplate(
            subject: try DistinguishedName([(NameAttribute.country, "HK"), (NameAttribute.commonName, "RSA root")]),
            serialNumber: [0x42],
            notBefore: X509Time.now,
            notAfter: X509Time(secondsSinceEpoch: X509Time.now.secondsSinceEpoch + 86_400),
            publicKey: key.publicKey
        )
        template.isCertificateAuthority = true
        template.keyUsage = [.keyCertSign, .crlSign]
        template.policies = [[2, 5, 29, 32, 0]]
        template.additionalExtensions = [.text([1, 2, 156, 10_260, 4, 1, 4], "91440300DEMO00042X")]
        let certificate = try CertificateIssuer.issue(template, issuer: nil, issuerKey: key)
        let folder = try TemporaryFolder()
        try folder.write("root.pem", certificate.pemRepresentation + "\n")
        let text = try TestProcess.openSSL(["x509", "-in", folder.path("root.pem"), "-noout", "-text"])
        #expect(text.status == 0, "\(text.error)")
        #expect(text.text.contains("CA:TRUE"))
        #expect(text.text.contains("Certificate Sign, CRL Sign"))
        #expect(text.text.contains("1.2.156.10260.4.1.4"))
        let verify = try TestProcess.openSSL(["verify", "-CAfile", folder.path("root.pem"), folder.path("root.pem")])
        #expect(verify.status == 0, "\(verify.error)")
    }
}
