import Foundation
import SealbridgeDemo
import SealbridgeTestVectors
import SealbridgeValidation
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// The three renderings of a report: JSON against `docs/report-schema.json`, TS 119 102-2 XML, HTML.
@Suite(.serialized) struct ReportRenderingTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Reports covering passed, failed and indeterminate signatures, B-B and B-T, SM2, ECDSA and RSA.
    static func reports() async throws -> [ValidationReport] {
        let world = try await DemoWorldTests.world()
        return try DemoWorld.documents.map { document in
            let bytes = Array(try Data(contentsOf: world.appendingPathComponent("signed/\(document.file)")))
            return try SignatureValidator(
                context: try DemoWorldTests.context(world, jurisdiction: "DE", kind: document.kind)
            ).validate(bytes, name: document.file)
        }
    }

    @Test(.enabled(if: TestProcess.isJSONSchemaAvailable, Comment(rawValue: TestProcess.Missing.jsonSchema)))
    func jsonFollowsTheSchemaAndReadsBack() async throws {
        let folder = try TemporaryFolder()
        var paths: [String] = []
        for (index, report) in try await Self.reports().enumerated() {
            #expect(try ValidationReport(json: report.json()) == report)
            paths.append(try folder.write("report-\(index).json", report.json()))
        }
        paths.append(try folder.write("unsupported.json", try ReportRenderingTests.unsupported().json()))
        let schema = Self.repository.appendingPathComponent("docs/report-schema.json").path
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft202012Validator.check_schema(schema)
            validator = jsonschema.Draft202012Validator(schema)
            bad = 0
            for path in sys.argv[2:]:
                for error in validator.iter_errors(json.load(open(path))):
                    print(path, error.message); bad += 1
            print(f"{len(sys.argv) - 2} checked, {bad} errors")
            sys.exit(1 if bad else 0)
            """
        let python3 = URL(fileURLWithPath: try #require(TestProcess.python3Path))
        let result = try TestProcess.run(python3, ["-c", script, schema] + paths)
        #expect(result.status == 0, "\(result.text) \(result.error)")
    }

    static func unsupported() throws -> ValidationReport {
        try SignatureValidator(context: ValidationContext()).validate(Array("%PDF-1.7".utf8), name: "x.pdf")
    }

    @Test func xmlIsAWellFormedTS119102Report() async throws {
        for report in try await Self.reports() {
            let xml = report.xml()
            let parser = XMLParser(data: Data(xml.utf8))
            #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
            #expect(xml.contains("xmlns:vr=\"http://uri.etsi.org/19102/v1.2.1#\""))
            let signature = try #require(report.signatures.first)
            #expect(xml.contains("<vr:MainIndication>\(signature.indication.uri)</vr:MainIndication>"))
            if let sub = signature.subIndication {
                #expect(
                    xml.contains("<vr:SubIndication>urn:etsi:019102:subindication:\(sub.rawValue)</vr:SubIndication>")
                )
            }
            #expect(xml.contains("urn:sealbridge:recognition"))
        }
    }

    @Test func htmlPutsTheVerdictFirstAndEscapesEverything() async throws {
        for report in try await Self.reports() {
            let html = report.html()
            let verdict = try #require(html.range(of: "id=\"verdict\""))
            let firstSection = html.range(of: "<section")?.lowerBound ?? html.endIndex
            #expect(verdict.lowerBound < firstSection)
            #expect(html.contains(report.indication.rawValue))
            #expect(!html.contains("<script"))
            if let signature = report.signatures.first, !signature.chain.isEmpty {
                #expect(html.contains("<ol class=\"chain\">"))
            }
        }
        var hostile = try Self.unsupported()
        hostile.document.name = "<script>alert(1)</script>.pdf"
        #expect(!hostile.html().contains("<script>alert"))
        #expect(hostile.html().contains("&lt;script&gt;"))
    }

    @Test func textStartsWithTheHeadlineThenTheIndication() async throws {
        for report in try await Self.reports() {
            let lines = report.text().split(separator: "\n")
            #expect(lines.first.map(String.init) == report.headline)
            #expect(lines.dropFirst().first?.hasPrefix(report.indication.rawValue) == true)
        }
    }
}
