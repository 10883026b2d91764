import Foundation
import SealbridgeSM
import SealbridgeTestVectors
import Testing

typealias Folder = TemporaryFolder

@Suite(.enabled(if: TestProcess.sealbridgePath != nil, "the sealbridge executable was not built next to the tests"))
struct CLITests {
    @Test func sm3LikeSha256sum() throws {
        let folder = try Folder()
        let file = try folder.write("abc", Array("abc".utf8))
        let result = try TestProcess.sealbridge(["sm3", file, "-"], input: Array("abc".utf8))
        #expect(result.status == 0)
        let digest = "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"
        #expect(result.text == "\(digest)  \(file)\n\(digest)  -\n")
        let missing = try TestProcess.sealbridge(["sm3", folder.path("absent")])
        #expect(missing.status == 66)
    }

    @Test(arguments: ["sm2", "p256", "p384", "ed25519", "rsa2048"])
    func signVerifyRoundTrip(_ algorithm: String) throws {
        let folder = try Folder()
        let key = folder.path("key.pem")
        #expect(try TestProcess.sealbridge(["key", "generate", "--algorithm", algorithm, "--out", key]).status == 0)
        let publicKey = folder.path("pub.pem")
        #expect(try TestProcess.sealbridge(["key", "public", "--in", key, "--out", publicKey]).status == 0)
        let message = try folder.write("doc.json", Array(#"{"invoice":"INV-1","amount":"100.00"}"#.utf8))
        let signature = folder.path("doc.sig")
        let signed = try TestProcess.sealbridge(["sign", "--key", key, "--in", message, "--out", signature])
        #expect(signed.status == 0, "\(signed.error)")
        let verified = try TestProcess.sealbridge([
            "verify", "--key", publicKey, "--in", message, "--signature", signature,
        ])
        #expect(verified.status == 0)
        #expect(verified.text == "Verified OK\n")
        let tampered = try folder.write("tampered.json", Array(#"{"invoice":"INV-1","amount":"900.00"}"#.utf8))
        let rejected = try TestProcess.sealbridge([
            "verify", "--key", publicKey, "--in", tampered, "--signature", signature,
        ])
        #expect(rejected.status == 1)
        #expect(rejected.text == "Verification failure\n")
    }

    @Test func sm2RawEncodingAndIDs() throws {
        let folder = try Folder()
        let key = folder.path("key.pem")
        try TestProcess.sealbridge(["key", "generate", "-a", "sm2", "-o", key])
        let message = try folder.write("m", Array(repeating: 7, count: 100_000))
        let signature = folder.path("s")
        #expect(
            try TestProcess.sealbridge([
                "sign", "--key", key, "--in", message, "--out", signature, "--encoding", "raw", "--id", "ALICE",
            ]).status == 0
        )
        #expect(try folder.read("s").count == 64)
        #expect(
            try TestProcess.sealbridge([
                "verify", "--key", key, "--in", message, "--signature", signature, "--id", "ALICE",
            ]).status
                == 0
        )
        #expect(
            try TestProcess.sealbridge(["verify", "--key", key, "--in", message, "--signature", signature]).status == 1
        )
        #expect(
            try TestProcess.sealbridge([
                "verify", "--key", key, "--in", message, "--signature", signature, "--id-hex", "414c494345",
            ])
            .status == 0
        )
    }

    @Test func sm2EncryptDecrypt() throws {
        let folder = try Folder()
        let key = folder.path("key.pem")
        try TestProcess.sealbridge(["key", "generate", "-a", "sm2", "-o", key])
        let plain = try folder.write("p", Array("certificate of origin".utf8))
        for format in ["c1c3c2", "der"] {
            let cipher = folder.path("c-\(format)")
            #expect(
                try TestProcess.sealbridge([
                    "encrypt", "--key", key, "--in", plain, "--out", cipher, "--format", format,
                ]).status == 0
            )
            let decrypted = try TestProcess.sealbridge(["decrypt", "--key", key, "--in", cipher, "--format", format])
            #expect(decrypted.status == 0)
            #expect(decrypted.text == "certificate of origin")
        }
        var tampered = try folder.read("c-c1c3c2")
        tampered[tampered.count - 1] ^= 1
        let bad = try folder.write("bad", tampered)
        #expect(try TestProcess.sealbridge(["decrypt", "--key", key, "--in", bad]).status == 1)
    }

    /// `agreements list` shows the agreements a framework's trusted list publishes (the EU MRA pilot's pointer to
    /// the ZZ list) and where each came from.
    @Test func agreementsListShowsTheAgreementsAListOfTheListsPublishes() throws {
        let folder = try Folder()
        try Vectors.writeMRAPilotFramework(to: folder.url.appendingPathComponent("frameworks/tl-zz"))
        let listed = try TestProcess.sealbridge(["agreements", "list", "--frameworks", folder.path("frameworks")])
        #expect(listed.status == 0, "\(listed.error)")
        #expect(listed.text.contains("mra-eu-zz-qcforesig: "))
        #expect(listed.text.contains("EU recognises tl-zz (in-force)"))
        #expect(
            listed.text.contains("certificate QcCompliance: all(qc 0.4.0.1862.1.1 & qc 0.4.0.1862.1.7 legislation ZZ)")
        )
        #expect(listed.text.contains("source: EU list of the lists #6, mutual-recognition equivalence QCForESig"))
        let nothing = try TestProcess.sealbridge(["agreements", "list"])
        #expect(nothing.status == 64, "\(nothing.error)")
    }

    /// `trustlist verify --pivots` walks from the Official Journal's certificate to today's list in one command.
    @Test func trustlistVerifyWalksThePivots() throws {
        let folder = try Folder()
        let pivots = folder.url.appendingPathComponent("pivots")
        try FileManager.default.createDirectory(at: pivots, withIntermediateDirectories: true)
        for number in [172, 191, 226] {
            try Vectors.gunzipped("trustlists/pivots/tl-pivot-\(number)-mp.xml.gz")
                .write(to: pivots.appendingPathComponent("tl-pivot-\(number)-mp.xml"))
        }
        let list = try folder.write(
            "eu-lotl.xml",
            Array(try Vectors.gunzipped("trustlists/pivots/tl-pivot-247-mp.xml.gz"))
        )
        let anchor = try folder.write("oj.pem", Array(try Vectors.data("trustlists/pivots/oj-2016-c233-signer.pem")))
        let walked = try TestProcess.sealbridge([
            "trustlist", "verify", list, "--anchor", anchor, "--pivots", folder.path("pivots"),
        ])
        #expect(walked.status == 0, "\(walked.text)\(walked.error)")
        #expect(walked.text.contains("tl-pivot-172-mp.xml: verified (signer "))
        #expect(walked.text.contains("tl-pivot-247-mp.xml: not found; skipped"))
        #expect(walked.text.contains("TOTAL_PASSED: valid"))
        try FileManager.default.removeItem(at: pivots.appendingPathComponent("tl-pivot-191-mp.xml"))
        let broken = try TestProcess.sealbridge([
            "trustlist", "verify", list, "--anchor", anchor, "--pivots", folder.path("pivots"),
        ])
        #expect(broken.status == 2, "\(broken.text)")
        #expect(broken.text.contains("INDETERMINATE/NO_CERTIFICATE_CHAIN_FOUND"))
    }

    /// Bad input gets a clear message and a non-zero exit, never a crash.
    @Test func badInputIsRefusedCleanly() throws {
        let folder = try Folder()
        let key = folder.path("key.pem")
        try TestProcess.sealbridge(["key", "generate", "-a", "sm2", "-o", key])
        let pem = String(decoding: try folder.read("key.pem"), as: UTF8.self)
        let message = try folder.write("m", Array("hello".utf8))
        let goodSignature = folder.path("good.sig")
        try TestProcess.sealbridge(["sign", "--key", key, "--in", message, "--out", goodSignature])

        let truncated = try folder.write("truncated.pem", Array(pem.utf8.prefix(pem.utf8.count / 2)))
        let empty = try folder.write("empty", [])
        let garbage = try folder.write("garbage", Array(repeating: 0x30, count: 4096))
        // A P-256 key where an SM2 key signed: a different algorithm's key, so simply invalid.
        let wrongCurve = folder.path("p256.pem")
        try TestProcess.sealbridge(["key", "generate", "-a", "p256", "-o", wrongCurve])
        // An SM2 SubjectPublicKeyInfo whose point is not on the curve (y + 1).
        let sm2Public = SM2PrivateKey().publicKey
        var offCurve = sm2Public.derRepresentation
        offCurve[offCurve.count - 1] ^= 0x01
        let offCurvePath = try folder.write("offcurve.der", offCurve)
        let n = "fffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123"
        let rZero = try folder.write(
            "r0.sig",
            hexBytes("3025020100022100" + n.replacingOccurrences(of: "23", with: "22", options: .backwards))
        )
        let sTooBig = try folder.write("sbig.sig", hexBytes("30260201010221" + "00" + n))

        let cases: [([String], Int32)] = [
            (["sign", "--key", truncated, "--in", message], 65),
            (["sign", "--key", empty, "--in", message], 65),
            (["sign", "--key", garbage, "--in", message], 65),
            (["verify", "--key", offCurvePath, "--in", message, "--signature", goodSignature], 65),
            (["verify", "--key", wrongCurve, "--in", message, "--signature", goodSignature], 1),
            (["verify", "--key", key, "--in", message, "--signature", rZero], 1),
            (["verify", "--key", key, "--in", message, "--signature", sTooBig], 1),
            (["verify", "--key", key, "--in", message, "--signature", empty], 1),
            (["verify", "--key", key, "--in", folder.path("absent"), "--signature", goodSignature], 66),
            (["sign", "--key", key], 64),
            (["key", "generate", "--algorithm", "dsa"], 64),
        ]
        for (arguments, expected) in cases {
            let result = try TestProcess.sealbridge(arguments)
            #expect(result.status == expected, "\(arguments): \(result.error)")
            #expect(!result.error.contains("Fatal error"), "\(arguments) crashed: \(result.error)")
        }
    }

    @Test(.enabled(if: TestProcess.openSSLPath != nil, Comment(rawValue: TestProcess.Missing.openSSL)))
    func x509ShowPrintsTheFields() throws {
        let folder = try Folder()
        let key = folder.path("key.pem")
        try TestProcess.sealbridge(["key", "generate", "-a", "sm2", "-o", key])
        try TestProcess.openSSL([
            "req", "-x509", "-new", "-key", key, "-subj", "/C=CN/O=Sealbridge/CN=Invoice signer", "-sm3",
            "-sigopt", "distid:1234567812345678", "-out", folder.path("cert.pem"),
        ])
        let shown = try TestProcess.sealbridge(["x509", "show", folder.path("cert.pem")])
        #expect(shown.status == 0, "\(shown.error)")
        #expect(shown.text.contains("Subject: CN=Invoice signer,O=Sealbridge,C=CN"))
        #expect(shown.text.contains("Signature Algorithm: SM2-with-SM3"))
        #expect(shown.text.contains("Public Key Algorithm: sm2 (256 bit)"))
        #expect(try TestProcess.sealbridge(["x509", "show", key]).status == 65)
    }

    @Test func x509VerifyOnPKITSFiles() throws {
        let pkits = try Vectors.folder("pkits")
        func file(_ name: String) -> String { pkits.appendingPathComponent(name).path }
        let common = [
            "x509", "verify", "--trust", file("certs/TrustAnchorRootCertificate.crt"), "--untrusted",
            file("certs/GoodCACert.crt"), "--crl", file("crls/TrustAnchorRootCRL.crl"), "--crl",
            file("crls/GoodCACRL.crl"), "--crl-check-all", "--at", "2011-04-15T00:00:00Z",
        ]
        let valid = try TestProcess.sealbridge(common + [file("certs/ValidCertificatePathTest1EE.crt")])
        #expect(valid.status == 0, "\(valid.error)")
        #expect(valid.text.contains("OK: valid at 2011-04-15T00:00:00Z"))
        #expect(valid.text.contains("anchor: CN=Trust Anchor"))
        let revoked = try TestProcess.sealbridge(common + [file("certs/InvalidRevokedEETest3EE.crt")])
        #expect(revoked.status == 1)
        #expect(revoked.error.contains("revoked at certificate 0"), "\(revoked.error)")
        let badTime = try TestProcess.sealbridge(
            common + ["--at", "yesterday", file("certs/ValidCertificatePathTest1EE.crt")]
        )
        #expect(badTime.status == 64)
    }

    @Test func conformancePKITSAndLimbo() throws {
        let pkits = try TestProcess.sealbridge(["conformance", "pkits", try Vectors.folder("pkits").path])
        #expect(pkits.status == 0, "\(pkits.text.suffix(2_000))")
        #expect(pkits.text.hasSuffix("249 passed, 0 failed\n"))
        let suite = try Vectors.data("limbo/limbo.json")
        let limbo = try TestProcess.sealbridge(["conformance", "limbo"], input: Array(suite))
        #expect(limbo.status == 0, "\(limbo.error)")
        let output = try JSONSerialization.jsonObject(with: Data(limbo.output)) as? [String: Any]
        #expect(output?["version"] as? Int == 1)
        #expect((output?["harness"] as? String)?.hasPrefix("sealbridge-") == true)
        #expect((output?["results"] as? [Any])?.count == 106)
        #expect(try TestProcess.sealbridge(["conformance", "limbo"], input: Array("not json".utf8)).status == 65)
    }

    @Test func speedPrintsJSON() throws {
        let result = try TestProcess.sealbridge(["speed", "sm3", "--seconds", "0.05", "--json"])
        #expect(result.status == 0)
        let report = try JSONSerialization.jsonObject(with: Data(result.output)) as? [String: Any]
        let results = try #require(report?["results"] as? [[String: Any]])
        #expect(results.count == 4)
    }
}

/// `sealbridge ofd show` and `ofd seal` over the demonstration world's keys and seal: seal the unsigned OFD
/// e-invoice, add a second seal to the sealed one, and validate both with the world's frameworks and CRLs.
@Suite(.enabled(if: TestProcess.sealbridgePath != nil, "the sealbridge executable was not built next to the tests"))
struct OFDCLITests {
    @Test func sealShowAndValidate() throws {
        let folder = try Folder()
        let world = folder.path("demo")
        #expect(try TestProcess.sealbridge(["demo", "init", world]).status == 0)
        func path(_ relative: String) -> String { "\(world)/\(relative)" }
        let sealArguments = [
            "--seal", path("keys/cn-invoice-seal.esl"), "--key", path("keys/cn-seal-signer-sm2.key"), "--cert",
            path("keys/cn-seal-signer-sm2.pem"), "--page", "1", "--x", "20", "--y", "80",
        ]
        let once = folder.path("once.ofd")
        let sealed = try TestProcess.sealbridge(
            ["ofd", "seal", "--in", path("documents/invoice-cn.ofd"), "--out", once] + sealArguments
        )
        #expect(sealed.status == 0, "\(sealed.error)")
        let twice = folder.path("twice.ofd")
        #expect(
            try TestProcess.sealbridge(
                ["ofd", "seal", "--in", path("signed/invoice-cn-seal.ofd"), "--out", twice] + sealArguments
            ).status == 0
        )
        let shown = try TestProcess.sealbridge(["ofd", "show", twice])
        #expect(shown.status == 0)
        #expect(shown.text.contains("S-2: Seal"))
        #expect(shown.text.contains("invoice seal (demonstration)"))
        for file in [once, twice] {
            let validated = try TestProcess.sealbridge([
                "validate", file, "--frameworks", path("frameworks"), "--agreements", path("agreements"), "--crl",
                path("crls-published/cn-root.crl"), "--jurisdiction", "HK", "--document-kind", "invoice",
            ])
            #expect(validated.status == 0, "\(file): \(validated.text)")
        }
        let notOFD = try TestProcess.sealbridge(["ofd", "show", path("signed/invoice-cn-sm2-bb.p7s")])
        #expect(notOFD.status == 65)
        #expect(!notOFD.error.contains("ZIPError"))
    }
}
