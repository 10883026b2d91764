import Foundation
import SealbridgeTestVectors
import SealbridgeTrust
import SealbridgeX509
import SwiftASN1
import Testing

/// Framework folders: what loads, and that every mistake names its file and field.
struct TrustFrameworkTests {
    static let anchorFile = "TrustAnchorRootCertificate.crt"

    /// A folder with one framework (`manifest` as framework.toml) and the PKITS trust anchor as `root.crt`.
    static func frameworkFolder(_ manifest: String, in folder: TemporaryFolder, name: String = "fw") throws -> URL {
        let url = folder.url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        let certificate = try Vectors.data("pkits/certs/" + anchorFile)
        try certificate.write(to: url.appendingPathComponent("root.crt"))
        try Data(manifest.utf8).write(to: url.appendingPathComponent("framework.toml"))
        return url
    }

    static let valid = """
        id = "cn-esl"
        jurisdiction = "CN"
        name = "Licensed CAs under the PRC Electronic Signature Law"
        legal_basis = "Electronic Signature Law of the PRC, Art. 17"
        levels = ["advanced", "licensed"]

        [[anchors]]
        certificate = "root.crt"
        level = "licensed"
        policies = ["2.16.840.1.101.3.2.1.48.1"]
        key_usage = ["digitalSignature", "contentCommitment"]
        valid_from = 2020-01-01
        valid_until = 2035-01-01T00:00:00+08:00

        [[time_stamping]]
        certificate = "root.crt"
        """

    @Test func loadsAManifestWithAnchorsAndConstraints() throws {
        let folder = try TemporaryFolder()
        let framework = try TrustFramework.load(folder: try Self.frameworkFolder(Self.valid, in: folder))
        #expect(framework.id == "cn-esl")
        #expect(framework.jurisdiction == "CN")
        #expect(framework.levels == ["advanced", "licensed"])
        #expect(framework.anchors.count == 1)
        let anchor = try #require(framework.anchors.first)
        #expect(anchor.level == "licensed")
        #expect(anchor.constraints.policies == [[2, 16, 840, 1, 101, 3, 2, 1, 48, 1]])
        #expect(anchor.constraints.keyUsage == [.digitalSignature, .nonRepudiation])
        #expect(anchor.constraints.validFrom == X509Time(year: 2020, month: 1, day: 1, hour: 0, minute: 0, second: 0))
        #expect(
            anchor.constraints.validUntil == X509Time(year: 2034, month: 12, day: 31, hour: 16, minute: 0, second: 0)
        )
        #expect(framework.timeStampingAuthorities.count == 1)
        #expect(framework.anchors(for: anchor.certificate).count == 1)
        let all = try TrustFramework.loadAll(in: folder.url)
        #expect(all.map(\.id) == ["cn-esl"])
    }

    struct Broken: Sendable, CustomStringConvertible {
        let name: String
        let edit: @Sendable (String) -> String
        let field: String
        let reasonContains: String
        var description: String { name }
    }

    static let broken: [Broken] = [
        Broken(
            name: "missing id",
            edit: { $0.replacingOccurrences(of: "id = \"cn-esl\"\n", with: "") },
            field: "id",
            reasonContains: "required"
        ),
        Broken(
            name: "misspelt key",
            edit: { $0.replacingOccurrences(of: "policies =", with: "polices =") },
            field: "anchors[0].polices",
            reasonContains: "not a known field"
        ),
        Broken(
            name: "unknown level",
            edit: { $0.replacingOccurrences(of: "level = \"licensed\"", with: "level = \"qualified\"") },
            field: "anchors[0].level",
            reasonContains: "not one of the framework's levels"
        ),
        Broken(
            name: "bad jurisdiction",
            edit: { $0.replacingOccurrences(of: "\"CN\"", with: "\"China\"") },
            field: "jurisdiction",
            reasonContains: "ISO 3166"
        ),
        Broken(
            name: "bad OID",
            edit: { $0.replacingOccurrences(of: "2.16.840.1.101.3.2.1.48.1", with: "not-an-oid") },
            field: "anchors[0].policies[0]",
            reasonContains: "not a dotted OID"
        ),
        Broken(
            name: "bad key usage",
            edit: { $0.replacingOccurrences(of: "\"digitalSignature\"", with: "\"signing\"") },
            field: "anchors[0].key_usage",
            reasonContains: "not a key usage"
        ),
        Broken(
            name: "local time",
            edit: { $0.replacingOccurrences(of: "2035-01-01T00:00:00+08:00", with: "2035-01-01T00:00:00") },
            field: "anchors[0].valid_until",
            reasonContains: "time zone"
        ),
        Broken(
            name: "missing certificate",
            edit: {
                $0.replacingOccurrences(
                    of: "certificate = \"root.crt\"\nlevel",
                    with: "certificate = \"absent.crt\"\nlevel"
                )
            },
            field: "anchors[0].certificate",
            reasonContains: "cannot read"
        ),
        Broken(
            name: "path outside",
            edit: {
                $0.replacingOccurrences(
                    of: "certificate = \"root.crt\"\nlevel",
                    with: "certificate = \"../../etc/passwd\"\nlevel"
                )
            },
            field: "anchors[0].certificate",
            reasonContains: "inside the framework folder"
        ),
        Broken(
            name: "no anchors",
            edit: { $0.components(separatedBy: "[[anchors]]")[0] },
            field: "anchors",
            reasonContains: "at least one"
        ),
        Broken(
            name: "levels not an array",
            edit: {
                $0.replacingOccurrences(of: "levels = [\"advanced\", \"licensed\"]", with: "levels = \"licensed\"")
            },
            field: "levels",
            reasonContains: "array"
        ),
        Broken(name: "not TOML", edit: { $0 + "\n[[anchors]\n" }, field: "", reasonContains: "not valid TOML at line"),
    ]

    @Test(arguments: broken)
    func mistakesNameTheFileAndField(_ broken: Broken) throws {
        let folder = try TemporaryFolder()
        let url = try Self.frameworkFolder(broken.edit(Self.valid), in: folder)
        do {
            _ = try TrustFramework.load(folder: url)
            Issue.record("\(broken.name) loaded")
        } catch let error as TrustError {
            #expect(error.file.hasSuffix("framework.toml"))
            #expect(error.field == broken.field, "\(error)")
            #expect(error.reason.contains(broken.reasonContains), "\(error)")
        }
    }

    @Test func duplicateIDsAreRefused() throws {
        let folder = try TemporaryFolder()
        _ = try Self.frameworkFolder(Self.valid, in: folder, name: "a")
        _ = try Self.frameworkFolder(Self.valid, in: folder, name: "b")
        #expect(throws: TrustError.self) { try TrustFramework.loadAll(in: folder.url) }
    }

    @Test func anOversizedManifestIsRefusedBeforeParsing() throws {
        let folder = try TemporaryFolder()
        let url = try Self.frameworkFolder(Self.valid + "\n# " + String(repeating: "x", count: 2 << 20), in: folder)
        do {
            _ = try TrustFramework.load(folder: url)
            Issue.record("a 2 MB manifest loaded")
        } catch let error as TrustError {
            #expect(error.reason.contains("at most 1 MiB"))
        }
    }
}

/// `sealbridge frameworks list` and `sealbridge agreements list|check`.
@Suite(.enabled(if: TestProcess.sealbridgePath != nil, "the sealbridge executable was not built next to the tests"))
struct TrustCommandLineTests {
    @Test func listAndCheck() throws {
        let folder = try TemporaryFolder()
        let frameworks = folder.url.appendingPathComponent("frameworks")
        try FileManager.default.createDirectory(at: frameworks, withIntermediateDirectories: true)
        let inner = try TemporaryFolder()
        let source = try TrustFrameworkTests.frameworkFolder(TrustFrameworkTests.valid, in: inner)
        try FileManager.default.copyItem(at: source, to: frameworks.appendingPathComponent("cn"))
        let listed = try TestProcess.sealbridge(["frameworks", "list", "--frameworks", frameworks.path])
        #expect(listed.status == 0, "\(listed.error)")
        #expect(listed.text.contains("cn-esl [CN]"))
        #expect(listed.text.contains("anchor (licensed): CN=Trust Anchor"))

        let agreements = folder.url.appendingPathComponent("agreements")
        try FileManager.default.createDirectory(at: agreements, withIntermediateDirectories: true)
        let agreement = """
            id = "cn-hk"
            title = "model"
            legal_basis = "Cap. 553"
            recognising_jurisdiction = "HK"
            recognised_framework = "cn-esl"
            status = "in-force"
            effective = 2026-01-01
            scope = ["any"]

            [level_mapping]
            licensed = "recognised"
            """
        try Data(agreement.utf8).write(to: agreements.appendingPathComponent("cn-hk.toml"))
        let checked = try TestProcess.sealbridge([
            "agreements", "check", "--agreements", agreements.path, "--frameworks", frameworks.path,
        ])
        #expect(checked.status == 0, "\(checked.text) \(checked.error)")
        let wrongLevel = agreement.replacingOccurrences(of: "licensed = ", with: "qualified = ")
        try Data(wrongLevel.utf8).write(to: agreements.appendingPathComponent("cn-hk.toml"))
        let failed = try TestProcess.sealbridge([
            "agreements", "check", "--agreements", agreements.path, "--frameworks", frameworks.path,
        ])
        #expect(failed.status == 1)
        #expect(failed.text.contains("level 'qualified' is not a level of cn-esl"))
        try Data("id = 1".utf8).write(to: agreements.appendingPathComponent("cn-hk.toml"))
        let broken = try TestProcess.sealbridge(["agreements", "list", "--agreements", agreements.path])
        #expect(broken.status == 65)
        #expect(broken.error.contains("cn-hk.toml: id: must be a string"))
    }
}
