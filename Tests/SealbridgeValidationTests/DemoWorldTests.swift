import Foundation
import SealbridgeDemo
import SealbridgeTestVectors
import SealbridgeTrust
import SealbridgeValidation
import SealbridgeX509
import Testing

/// The demonstration world: every (signed file, relying jurisdiction) pair gives the indication and verdict that
/// ``DemoWorld/documents`` (and so the world's README) lists.
@Suite(.serialized) struct DemoWorldTests {
    /// One world per test run, made fresh (once, whichever test asks first).
    actor WorldCache {
        static let shared = WorldCache()
        private var creation: Task<URL, any Error>?

        func world() async throws -> URL {
            if let creation { return try await creation.value }
            let task = Task {
                let folder = FileManager.default.temporaryDirectory
                    .appendingPathComponent("sealbridge-demo-\(UUID().uuidString)")
                try await DemoWorld.create(in: folder)
                return folder
            }
            creation = task
            return try await task.value
        }
    }

    static func world() async throws -> URL { try await WorldCache.shared.world() }

    static func context(_ world: URL, jurisdiction: String, kind: String) throws -> ValidationContext {
        var context = ValidationContext()
        context.frameworks = try TrustFramework.loadAll(in: world.appendingPathComponent("frameworks"))
        context.agreements = try RecognitionAgreement.loadAll(in: world.appendingPathComponent("agreements"))
        // As sealbridge.toml does: the Chinese CAs' CRLs as a relying party downloads them (OFD carries none).
        let published = world.appendingPathComponent("crls-published")
        context.crls = try FileManager.default.contentsOfDirectory(atPath: published.path).sorted().map {
            try CertificateRevocationList(derEncoded: Array(try Data(contentsOf: published.appendingPathComponent($0))))
        }
        context.relyingJurisdiction = jurisdiction
        context.documentKind = kind
        return context
    }

    @Test func theWorldLoads() async throws {
        let world = try await Self.world()
        let frameworks = try TrustFramework.loadAll(in: world.appendingPathComponent("frameworks"))
        #expect(frameworks.map(\.id) == ["cn-esl", "eu-qualified", "hk-eto"])
        #expect(frameworks.map(\.jurisdiction) == ["CN", "EU", "HK"])
        // The EU framework came from its signed trusted list: one qualified CA anchor, one qualified TSA.
        let eu = try #require(frameworks.first { $0.id == "eu-qualified" })
        #expect(eu.anchors.count == 1)
        #expect(eu.anchors.first?.level == "qualified")
        #expect(eu.timeStampingAuthorities.count == 1)
        let agreements = try RecognitionAgreement.loadAll(in: world.appendingPathComponent("agreements"))
        #expect(agreements.map(\.id).sorted() == ["eu-cn-origin", "gdhk-cn-recognises-hk", "gdhk-hk-recognises-cn"])
        let readme = try String(contentsOf: world.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("Demonstration data only"))
        for document in DemoWorld.documents {
            #expect(readme.contains("`\(document.file)`"), "README lacks \(document.file)")
        }
    }

    static let pairs: [(String, String)] = DemoWorld.documents.flatMap { document in
        DemoWorld.jurisdictions.map { (document.file, $0) }
    }

    @Test(arguments: pairs) func theMatrixCell(_ file: String, _ jurisdiction: String) async throws {
        let world = try await Self.world()
        let document = try #require(DemoWorld.documents.first { $0.file == file })
        let bytes = Array(try Data(contentsOf: world.appendingPathComponent("signed/\(file)")))
        let report = try SignatureValidator(
            context: try Self.context(world, jurisdiction: jurisdiction, kind: document.kind)
        ).validate(bytes, name: file)
        let signature = try #require(report.signatures.first)
        #expect(report.signatures.count == 1)
        #expect(signature.indication == document.indication, "\(file) in \(jurisdiction): \(signature.reason)")
        #expect(signature.subIndication == document.subIndication, "\(file) in \(jurisdiction): \(signature.reason)")
        #expect(
            signature.recognition.verdict == document.verdicts[jurisdiction],
            "\(file) in \(jurisdiction): \(signature.recognition.reasons)"
        )
        #expect(signature.recognition.agreement == document.agreements[jurisdiction])
    }

    /// One golden JSON report per demo file (relied on in HK, with its kind) guards the report's shape and words.
    /// The world's keys, serials, hashes, sizes and times change with every creation, so they are masked; everything
    /// else must match `Tests/Vectors/golden/demo/FILE.json` to the letter. `SEALBRIDGE_UPDATE_GOLDEN=1` rewrites
    /// the files (then review the diff).
    @Test(arguments: DemoWorld.documents.map(\.file))
    func theGoldenReport(_ file: String) async throws {
        let world = try await Self.world()
        let document = try #require(DemoWorld.documents.first { $0.file == file })
        let bytes = Array(try Data(contentsOf: world.appendingPathComponent("signed/\(file)")))
        let report = try SignatureValidator(
            context: try Self.context(world, jurisdiction: "HK", kind: document.kind)
        ).validate(bytes, name: file)
        let masked = Self.masked(String(decoding: report.json(), as: UTF8.self)) + "\n"
        let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Vectors/golden/demo/\(file).json")
        if ProcessInfo.processInfo.environment["SEALBRIDGE_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(
                at: golden.deletingLastPathComponent(),
                withIntermediateDirectories: true
            )
            try Data(masked.utf8).write(to: golden)
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(masked == expected, "the report of \(file) differs from \(golden.lastPathComponent)")
    }

    /// The report with what changes between worlds replaced by placeholders.
    static func masked(_ json: String) -> String {
        json.replacing(/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?Z/, with: "<time>")
            .replacing(/[0-9a-f]{64}/, with: "<sha256>")
            .replacing(/"serialNumber" : "[0-9a-f]+"/, with: "\"serialNumber\" : \"<serial>\"")
            .replacing(/"size" : [0-9]+/, with: "\"size\" : 0")
            .replacing(/\([0-9]+ bytes/, with: "(<size> bytes")
            .replacing(/id-[0-9a-f]{24}/, with: "id-<xml-id>")
    }

    @Test(.enabled(if: TestProcess.xmlsec1Path != nil, Comment(rawValue: TestProcess.Missing.xmlsec1)))
    func theTrustedListOfTheWorldVerifiesWithXMLSec1() async throws {
        let world = try await Self.world()
        let folder = world.appendingPathComponent("frameworks/eu-qualified")
        let result = try TestProcess.xmlsec1([
            "--verify", "--enabled-key-data", "key-name", "--enabled-reference-uris", "empty,same-doc",
            "--pubkey-cert-pem", folder.appendingPathComponent("tl-operator.pem").path,
            folder.appendingPathComponent("trusted-list.xml").path,
        ])
        #expect(result.status == 0, "\(result.error)")
    }

    /// The command line: exit codes 0/1/2, and every format.
    @Test func theCommandLine() async throws {
        let world = try await Self.world()
        let common = [
            "--frameworks", world.appendingPathComponent("frameworks").path, "--agreements",
            world.appendingPathComponent("agreements").path, "--jurisdiction", "HK", "--document-kind", "invoice",
        ]
        func run(_ file: String, _ extra: [String] = []) throws -> TestProcess.Result {
            try TestProcess.sealbridge(
                ["validate", world.appendingPathComponent("signed/\(file)").path] + common + extra
            )
        }
        let passed = try run("invoice-cn-sm2-bt.p7s")
        #expect(passed.status == 0, "\(passed.error)")
        #expect(passed.text.contains("TOTAL_PASSED"))
        #expect(passed.text.contains("legally recognised under agreement gdhk-hk-recognises-cn"))
        #expect(try run("invoice-cn-tampered.p7s").status == 1)
        #expect(try run("invoice-unknown-ca.p7s").status == 2)
        let json = try run("invoice-hk-rsa-bt.p7s", ["--format", "json"])
        let report = try ValidationReport(json: json.output)
        #expect(report.indication == .totalPassed)
        #expect(report.signatures.first?.recognition.verdict == .domestic)
        let xml = try run("invoice-hk-rsa-bt.p7s", ["--format", "xml"])
        #expect(xml.text.contains("urn:etsi:019102:mainindication:total-passed"))
        let html = try run("invoice-cn-tampered.p7s", ["--format", "html"])
        #expect(html.status == 1)
        #expect(html.text.contains("TOTAL_FAILED/HASH_FAILURE"))
        let wrong = try TestProcess.sealbridge(["validate", "/nonexistent.p7s"])
        #expect(wrong.status == 66, "\(wrong.error)")
    }

    /// Broken trust data stops the command with one line naming the file and the field (exit 65).
    @Test func brokenTrustDataIsNamed() async throws {
        let world = try await Self.world()
        let folder = try TemporaryFolder()
        try folder.write(
            "contradictory.toml",
            """
            id = "x"
            title = "x"
            legal_basis = "x"
            recognising_jurisdiction = "DE"
            recognised_framework = "cn-esl"
            status = "in-force"
            effective = 2026-01-01
            expires = 2025-01-01
            scope = ["any"]

            [level_mapping]
            licensed = "qualified"
            """
        )
        let signed = world.appendingPathComponent("signed/invoice-cn-sm2-bt.p7s").path
        let result = try TestProcess.sealbridge([
            "validate", signed, "--frameworks", world.appendingPathComponent("frameworks").path, "--agreements",
            folder.url.path, "--jurisdiction", "DE",
        ])
        #expect(result.status == 65)
        #expect(result.error.contains("contradictory.toml"), "\(result.error)")
        #expect(result.error.contains("expires"), "\(result.error)")
        // A trusted list whose signature fails is not used as a framework.
        let frameworks = try TemporaryFolder()
        let source = world.appendingPathComponent("frameworks/eu-qualified")
        let target = frameworks.url.appendingPathComponent("eu-qualified")
        try FileManager.default.copyItem(at: source, to: target)
        let list = target.appendingPathComponent("trusted-list.xml")
        var bytes = Array(try Data(contentsOf: list))
        let granted = Array("Svcstatus/granted".utf8)
        let index = try #require(bytes.indices.first { bytes[$0...].starts(with: granted) })
        bytes.replaceSubrange(index..<index + granted.count, with: Array("Svcstatus/withdrw".utf8))
        try Data(bytes).write(to: list)
        let tampered = try TestProcess.sealbridge(["validate", signed, "--frameworks", frameworks.url.path])
        #expect(tampered.status == 65)
        #expect(tampered.error.contains("trusted_list.file"), "\(tampered.error)")
        #expect(tampered.error.contains("the document was altered after signing"), "\(tampered.error)")
    }
}

/// `sealbridge trustlist verify` on the Czech list: the EN 319 102-1 indication and exit code of each case.
struct TrustListCommandTests {
    @Test func theCzechListsIndications() throws {
        let folder = try TemporaryFolder()
        let signer = try folder.write("signer.pem", Array(try Vectors.data("trustlists/CZ-seq77-signer.pem")))
        let real = try folder.write("CZ.xml", Array(try Vectors.data("trustlists/CZ-seq77.xml")))
        let broken = try folder.write("CZ-broken.xml", Array(try Vectors.data("trustlists/CZ-seq77-broken-sig.xml")))
        let passed = try TestProcess.sealbridge(["trustlist", "verify", real, "--anchor", signer])
        #expect(passed.status == 0, "\(passed.error)")
        #expect(passed.text.contains("TOTAL_PASSED"))
        let failed = try TestProcess.sealbridge(["trustlist", "verify", broken, "--anchor", signer])
        #expect(failed.status == 1)
        #expect(failed.text.hasPrefix("TOTAL_FAILED/HASH_FAILURE"))
        let unpinned = try TestProcess.sealbridge(["trustlist", "verify", real])
        #expect(unpinned.status == 2)
        #expect(unpinned.text.hasPrefix("INDETERMINATE/NO_CERTIFICATE_CHAIN_FOUND"))
        let show = try TestProcess.sealbridge(["trustlist", "show", real, "--anchor", signer])
        #expect(show.status == 0)
        #expect(show.text.contains("trusted list CZ #77 (TS 119 612 v5)"))
    }
}
