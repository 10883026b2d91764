import Foundation
import SealbridgeCMS
import SealbridgeCrypto
import SealbridgeTestVectors
import SealbridgeX509
import Testing

/// `sealbridge cms` and `sealbridge ts` as a user runs them: outputs, exit codes 0 / 1 / 2, and OpenSSL agreeing.
@Suite(
    .enabled(
        if: TestProcess.sealbridgePath != nil && TestProcess.openSSLPath != nil,
        Comment(rawValue: TestProcess.Missing.openSSL + " (or the sealbridge executable was not built)")
    )
)
struct CommandLineTests {
    @Test func cmsSignVerifyShowAndExitCodes() throws {
        let fixtures = try CMSFixtures.load()
        let folder = try TemporaryFolder()
        let document = try folder.write("invoice.json", #"{"invoice":"INV-9","amount":"48000.00","currency":"USD"}"#)
        let signature = folder.path("invoice.p7s")
        let signed = try TestProcess.sealbridge([
            "cms", "sign", "--key", fixtures.sm2.keyPath, "--cert", fixtures.sm2.certificatePath, "--detached",
            "--level", "b-t", "--tsa-key", fixtures.sm2TSA.keyPath, "--tsa-cert", fixtures.sm2TSA.certificatePath,
            "--profile", "gm", "--in", document, "--out", signature,
        ])
        try #require(signed.status == 0, "\(signed.error)")
        let valid = try TestProcess.sealbridge([
            "cms", "verify", "--trust", fixtures.sm2CAPath, "--content", document, "--level", "b-t", signature,
        ])
        #expect(valid.status == 0, "\(valid.text) \(valid.error)")
        #expect(valid.text.contains("format: CAdES-BASELINE-T"), "\(valid.text)")
        #expect(valid.text.contains("Verification successful"))
        let other = try folder.write("other.json", "{}")
        let invalid = try TestProcess.sealbridge([
            "cms", "verify", "--trust", fixtures.sm2CAPath, "--content", other, signature,
        ])
        #expect(invalid.status == 1)
        #expect(invalid.text.contains("TOTAL_FAILED/HASH_FAILURE"), "\(invalid.text)")
        #expect(!invalid.text.contains("Verification successful"))
        // The report's words, not the library's enum case names.
        #expect(!invalid.text.contains("messageDigestMismatch") && !invalid.error.contains("messageDigestMismatch"))
        let noContent = try TestProcess.sealbridge(["cms", "verify", "--trust", fixtures.sm2CAPath, signature])
        #expect(noContent.status == 2)
        let noTrust = try TestProcess.sealbridge(["cms", "verify", "--content", document, signature])
        #expect(noTrust.status == 2, "without anchors the chain is not decided")
        let wrongAnchor = try TestProcess.sealbridge([
            "cms", "verify", "--trust", fixtures.caPath, "--content", document, signature,
        ])
        #expect(wrongAnchor.status == 2)
        let shown = try TestProcess.sealbridge(["cms", "show", signature])
        #expect(shown.status == 0)
        #expect(shown.text.contains("GM signedData (GB/T 35275)"))
        #expect(shown.text.contains("signatureTimeStampToken"))
        let garbage = try folder.write("garbage.p7s", [0x30, 0x80, 0x01])
        #expect(try TestProcess.sealbridge(["cms", "verify", garbage]).status == 65)
        // Cross-field rules are usage errors before any work (validate()), exit 64.
        let noTSA = try TestProcess.sealbridge([
            "cms", "sign", "--key", fixtures.sm2.keyPath, "--cert", fixtures.sm2.certificatePath, "--level", "b-t",
            "--in", document, "--out", folder.path("no-tsa.p7s"),
        ])
        #expect(noTSA.status == 64 && noTSA.error.contains("b-t needs a TSA"), "\(noTSA.error)")
        let noImprint = try TestProcess.sealbridge(["ts", "verify", "--in", signature])
        #expect(noImprint.status == 64 && noImprint.error.contains("exactly one of"), "\(noImprint.error)")
    }

    /// `cms verify` reads plain command lines with its own parser (for start-up time) and hands anything else
    /// to ArgumentParser; both must read every option alike. Each case runs twice: as written (the quick
    /// parser) and with its first option as `--name=value`, which only ArgumentParser reads.
    @Test func cmsVerifyQuickParserAgreesWithArgumentParser() throws {
        let fixtures = try CMSFixtures.load()
        let folder = try TemporaryFolder()
        let document = try folder.write("invoice.json", #"{"invoice":"INV-10"}"#)
        let detached = folder.path("detached.p7s")
        let attached = folder.path("attached.p7s")
        for (output, extra) in [(detached, ["--detached", "--level", "b-t"]), (attached, [])] {
            let signed = try TestProcess.sealbridge(
                [
                    "cms", "sign", "--key", fixtures.sm2.keyPath, "--cert", fixtures.sm2.certificatePath,
                    "--tsa-key", fixtures.sm2TSA.keyPath, "--tsa-cert", fixtures.sm2TSA.certificatePath,
                    "--in", document, "--out", output,
                ] + extra
            )
            try #require(signed.status == 0, "\(signed.error)")
        }
        let sm2CA = fixtures.sm2CAPath
        let documentSM3 = HexEncoding.encode(HashFunction.sm3.digest(Array(#"{"invoice":"INV-10"}"#.utf8)))
        let cases: [[String]] = [
            ["--trust", sm2CA, attached],
            ["--trust", sm2CA, "--content", document, "--level", "b-t", detached],
            ["--trust", sm2CA, "--content", document, "--level", "b-b", detached],
            ["--trust", sm2CA, detached],
            ["--trust", fixtures.caPath, "--trust", sm2CA, "--untrusted", fixtures.sm2.certificatePath, attached],
            ["--trust", fixtures.caPath, "--untrusted", sm2CA, attached],
            ["--trust", sm2CA, "--at", "2020-01-01T00:00:00Z", attached],
            ["--trust", sm2CA, "--at", "yesterday", attached],
            ["--trust", sm2CA, "--level", "b-c", attached],
            ["--trust", sm2CA, "--crl", document, attached],
            ["--trust", sm2CA, "--sm2-without-z", "--sm2-empty-id", attached],
            ["--trust", sm2CA, "--content", document, attached],
            ["--trust", sm2CA, folder.path("absent.p7s")],
            ["--trust", sm2CA, "--level", "b-b", "--level", "b-t", attached],
            ["--trust", sm2CA, "--unknown", attached],
            ["--trust", sm2CA, "--content-digest", "sm3:" + documentSM3, detached],
            ["--trust", sm2CA, "--signer-cert", fixtures.sm2.certificatePath, attached],
            ["--trust", sm2CA, "--recipient-key", fixtures.sm2.keyPath, attached],
            ["--trust", sm2CA, attached, detached],
        ]
        for arguments in cases {
            let quick = try TestProcess.sealbridge(["cms", "verify"] + arguments)
            let joined = [arguments[0] + "=" + arguments[1]] + arguments.dropFirst(2)
            let parsed = try TestProcess.sealbridge(["cms", "verify"] + joined)
            #expect(quick.status == parsed.status, "\(arguments)")
            #expect(comparable(quick.text, arguments) == comparable(parsed.text, arguments), "\(arguments)")
            #expect(quick.error == parsed.error, "\(arguments)")
        }
        /// Without `--at` the signature is validated at the current time, which the two runs may read a second
        /// apart.
        func comparable(_ text: String, _ arguments: [String]) -> String {
            arguments.contains("--at") ? text : text.replacing(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/, with: "<time>")
        }
        // Every option of the command appears in a case above.
        let help = try TestProcess.sealbridge(["cms", "verify", "--help"]).text
        let options = Set(
            help.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "-" }).filter {
                $0.hasPrefix("--") && $0 != "--help" && $0 != "--version"
            }.map(String.init)
        )
        #expect(options.count >= 8, "\(options)")
        for option in options {
            #expect(cases.contains { $0.contains(option) }, "no quick-parser case uses \(option)")
        }
    }

    /// A signature that does not carry its signer's certificate, and a document the relying party gives only by
    /// its digest (issue 15 §2).
    @Test func cmsVerifyTakesTheSignersCertificateAndAContentDigest() throws {
        let fixtures = try CMSFixtures.load()
        let folder = try TemporaryFolder()
        let document = Array("Packing list PL-3: 12 pallets\n".utf8)
        var options = CMSSignOptions()
        options.detached = true
        options.includesCertificates = false
        let signed = try CMSSignedDataBuilder.sign(
            .bytes(document),
            signers: [fixtures.ecdsa.signer()],
            options: options
        )
        let bare = try folder.write("bare.p7s", signed.derRepresentation)
        let sha256 = HexEncoding.encode(HashFunction.sha256.digest(document))
        func run(_ arguments: [String]) throws -> TestProcess.Result {
            try TestProcess.sealbridge(["cms", "verify", "--content-digest", "sha256:" + sha256] + arguments + [bare])
        }
        let missing = try run(["--trust", fixtures.caPath])
        #expect(missing.status == 2, "\(missing.text)\(missing.error)")
        let given = try run(["--trust", fixtures.caPath, "--signer-cert", fixtures.ecdsa.certificatePath])
        #expect(given.status == 0, "\(given.text)\(given.error)")
        #expect(given.text.contains("content-digest the document, given only by its digest (sha256 "), "\(given.text)")
        // The signer's own certificate as the trust anchor: found there, and trusted directly.
        let direct = try run(["--trust", fixtures.ecdsa.certificatePath])
        #expect(direct.status == 0, "\(direct.text)\(direct.error)")
        let wrong = try TestProcess.sealbridge([
            "cms", "verify", "--trust", fixtures.ecdsa.certificatePath, "--content-digest",
            "sha256:" + String(repeating: "00", count: 32), bare,
        ])
        #expect(wrong.status == 1, "\(wrong.text)\(wrong.error)")
        let malformed = try TestProcess.sealbridge([
            "cms", "verify", "--trust", fixtures.caPath, "--content-digest", "sha256:abc", bare,
        ])
        #expect(malformed.status == 64 && malformed.error.contains("64 hexadecimal digits"), "\(malformed.error)")
        let both = try TestProcess.sealbridge([
            "validate", "--content", bare, "--content-digest", "sha256:" + sha256, bare,
        ])
        #expect(both.status == 64 && both.error.contains("not both"), "\(both.error)")
    }

    /// `x509 crl show|verify` on CRLs OpenSSL makes with `openssl ca`, SM2-signed (with the GB/T ID) and ECDSA.
    @Test(arguments: ["sm2", "ec"])
    func x509CRLShowAndVerify(_ kind: String) throws {
        let folder = try TemporaryFolder()
        let dir = folder.url.path
        func openssl(_ arguments: [String]) throws {
            let result = try TestProcess.openSSL(arguments)
            try #require(result.status == 0, "openssl \(arguments.joined(separator: " ")): \(result.error)")
        }
        let sm2 = kind == "sm2"
        let keyArguments = sm2 ? ["-algorithm", "SM2"] : ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"]
        let signing = sm2 ? ["-sm3", "-sigopt", "distid:1234567812345678"] : ["-sha256"]
        try openssl(["genpkey"] + keyArguments + ["-out", dir + "/ca.key"])
        try openssl(
            [
                "req", "-x509", "-new", "-key", dir + "/ca.key", "-subj", "/CN=CRL Test CA \(kind)/C=CN", "-days", "30",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign", "-out", dir + "/ca.pem",
            ] + signing
        )
        try openssl(["genpkey"] + keyArguments + ["-out", dir + "/leaf.key"])
        try openssl(
            [
                "req", "-x509", "-new", "-key", dir + "/leaf.key", "-subj", "/CN=Revoked Signer", "-days", "30",
                "-set_serial", "4660", "-out", dir + "/leaf.pem",
            ] + signing
        )
        _ = try folder.write("index.txt", "")
        _ = try folder.write("crlnumber", "1000\n")
        let config = try folder.write(
            "ca.cnf",
            "[ca]\ndefault_ca = d\n[d]\ndatabase = \(dir)/index.txt\ncrlnumber = \(dir)/crlnumber\n"
                + "default_md = \(sm2 ? "sm3" : "sha256")\ndefault_crl_days = 7\n"
        )
        let caArguments = ["-config", config, "-keyfile", dir + "/ca.key", "-cert", dir + "/ca.pem"]
        try openssl(["ca"] + caArguments + ["-revoke", dir + "/leaf.pem", "-crl_reason", "keyCompromise"])
        try openssl(
            ["ca"] + caArguments + ["-gencrl", "-out", dir + "/crl.pem"]
                + (sm2 ? ["-sigopt", "distid:1234567812345678"] : [])
        )
        let crl = dir + "/crl.pem"

        let show = try TestProcess.sealbridge(["x509", "crl", "show", crl])
        #expect(show.status == 0, "\(show.error)")
        #expect(show.text.contains("Serial Number: 1234"), "\(show.text)")
        #expect(show.text.contains("CRL Reason Code: keyCompromise"), "\(show.text)")
        #expect(show.text.contains("X509v3 CRL Number:\n                0x1000"), "\(show.text)")
        #expect(show.text.contains(sm2 ? "SM2-with-SM3" : "ecdsa-with-SHA256"), "\(show.text)")

        let verified = try TestProcess.sealbridge(["x509", "crl", "verify", "--issuer", dir + "/ca.pem", crl])
        #expect(verified.status == 0 && verified.text.contains("verify OK"), "\(verified.text)\(verified.error)")
        let stale = try TestProcess.sealbridge([
            "x509", "crl", "verify", "--issuer", dir + "/ca.pem", "--at", "2040-01-01T00:00:00Z", crl,
        ])
        #expect(stale.status == 2 && stale.text.contains("stale"), "\(stale.text)")
        let wrongIssuer = try TestProcess.sealbridge(["x509", "crl", "verify", "--issuer", dir + "/leaf.pem", crl])
        #expect(wrongIssuer.status == 1 && wrongIssuer.text.contains("no certificate given is named"))
        // The same CRL with its last signature byte changed no longer verifies.
        var der = try CertificateRevocationListFile.der(crl)
        der[der.count - 1] ^= 0x01
        let tampered = try folder.write("tampered.crl", der)
        let refused = try TestProcess.sealbridge(["x509", "crl", "verify", "--issuer", dir + "/ca.pem", tampered])
        #expect(refused.status == 1 && refused.text.contains("does not verify"), "\(refused.text)\(refused.error)")
    }

    /// A GB/T 35275 SignedAndEnvelopedData (the public gmcert.org sample): opened with the recipient's key, then
    /// validated like any signature; without the key it is INDETERMINATE, never a verdict on the signature.
    @Test func cmsVerifyOpensASignedAndEnvelopedMessageWithTheRecipientKey() throws {
        let folder = try TemporaryFolder()
        let sample = try folder.write("enveloped.p7", Array(try Vectors.data("cms/gmcert-signed-enveloped.pem")))
        let key = try folder.write(
            "recipient.key",
            Array(try Vectors.data("cms/gmcert-signed-enveloped-recipient.key"))
        )
        let opened = try CMSSignedAndEnvelopedData(
            berEncoded: Array(try Vectors.data("cms/gmcert-signed-enveloped.pem"))
        )
        .opened(with: [try PrivateKey(pemOrDER: Array(try Vectors.data("cms/gmcert-signed-enveloped-recipient.key")))])
        let ca = try folder.write("ca.pem", try #require(opened.signedData.certificates.first).pemRepresentation)
        let verified = try TestProcess.sealbridge(["cms", "verify", "--trust", ca, "--recipient-key", key, sample])
        #expect(verified.status == 0, "\(verified.text)\(verified.error)")
        #expect(verified.text.contains("decrypted with the key of recipient 1 of 1"), "\(verified.text)")
        let locked = try TestProcess.sealbridge(["cms", "verify", "--trust", ca, sample])
        #expect(locked.status == 2 && locked.error.contains("encrypted"), "\(locked.text)\(locked.error)")
        let report = try TestProcess.sealbridge(["validate", "--recipient-key", key, "--format", "json", sample])
        #expect(report.text.contains("decrypted with the key of recipient 1 of 1"), "\(report.text)")
    }

    @Test func cmsAttachedECDSAIsReadByOpenSSL() throws {
        let fixtures = try CMSFixtures.load()
        let folder = try TemporaryFolder()
        let document = try folder.write("co.txt", "certificate of origin\n")
        let signature = folder.path("co.p7s")
        let signed = try TestProcess.sealbridge([
            "cms", "sign", "--key", fixtures.rsa.keyPath, "--cert", fixtures.rsa.certificatePath, "--rsa-padding",
            "pss", "--commitment", "1.2.840.113549.1.9.16.6.1", "--signer-country", "DE", "--in", document, "--out",
            signature,
        ])
        try #require(signed.status == 0, "\(signed.error)")
        let openSSL = try TestProcess.openSSL([
            "cms", "-verify", "-inform", "DER", "-in", signature, "-CAfile", fixtures.caPath, "-out",
            folder.path("out"),
        ])
        #expect(openSSL.status == 0, "\(openSSL.error)")
        #expect(try folder.read("out") == Array("certificate of origin\n".utf8))
        let shown = try TestProcess.sealbridge(["cms", "show", signature])
        #expect(shown.text.contains("commitmentTypeIndication"))
        #expect(shown.text.contains("signerLocation (1.2.840.113549.1.9.16.2.17): DE"))
    }

    @Test func tsQueryReplyVerifyLikeOpenSSL() throws {
        let fixtures = try CMSFixtures.load()
        let folder = try TemporaryFolder()
        let data = try folder.write("data.bin", [UInt8](repeating: 0x42, count: 100_000))
        let query = folder.path("q.tsq")
        #expect(
            try TestProcess.sealbridge(["ts", "query", "--in", data, "--digest", "sm3", "--cert", "--out", query])
                .status == 0
        )
        let reply = folder.path("r.tsr")
        let serial = folder.path("serial")
        for _ in 0..<2 {
            let answered = try TestProcess.sealbridge([
                "ts", "reply", "--key", fixtures.sm2TSA.keyPath, "--cert", fixtures.sm2TSA.certificatePath, "--in",
                query, "--out", reply, "--serial-file", serial,
            ])
            #expect(answered.status == 0, "\(answered.error)")
        }
        #expect(String(decoding: try folder.read("serial"), as: UTF8.self) == "2\n", "the serial file counts replies")
        let verified = try TestProcess.sealbridge([
            "ts", "verify", "--in", reply, "--tsq", query, "--trust", fixtures.sm2CAPath,
        ])
        #expect(verified.status == 0, "\(verified.text) \(verified.error)")
        #expect(verified.text.contains("Serial number: 0x02"))
        let byData = try TestProcess.sealbridge([
            "ts", "verify", "--in", reply, "--data", data, "--trust", fixtures.sm2CAPath,
        ])
        #expect(byData.status == 0)
        let wrongData = try folder.write("other.bin", [1])
        #expect(
            try TestProcess.sealbridge([
                "ts", "verify", "--in", reply, "--data", wrongData, "--trust", fixtures.sm2CAPath,
            ]).status == 1
        )
        #expect(try TestProcess.sealbridge(["ts", "verify", "--in", reply, "--tsq", query]).status == 2)
        // OpenSSL reads our SM3 request.
        let text = try TestProcess.openSSL(["ts", "-query", "-in", query, "-text"])
        #expect(text.status == 0)
        #expect(text.text.contains("Certificate required: yes"))
    }
}

/// The DER of a PEM CRL file, for tests that change its bytes.
enum CertificateRevocationListFile {
    static func der(_ path: String) throws -> [UInt8] {
        let result = try TestProcess.openSSL(["crl", "-in", path, "-outform", "DER"])
        guard result.status == 0 else { throw FixtureError("openssl crl: \(result.error)") }
        return result.output
    }
}
