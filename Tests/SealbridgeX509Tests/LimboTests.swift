import Foundation
import SealbridgeConformance
import SealbridgeTestVectors
import Testing

/// The x509-limbo data in Tests/Vectors/limbo through the harness, case by case: `limbo.json` (a 106-case snapshot
/// of the suite) and `online.json` (its 14 real-world chains). The harness never reads `expected_result`; this
/// test does, and every disagreement is a failure unless listed with its reason.
@Suite struct LimboTests {
    static let files = ["limbo/limbo.json", "limbo/online.json"]

    /// Each file's cases, and each case's expected result read separately (the harness's model has no such field).
    static let suites: [String: (cases: [Limbo.TestCase], expected: [String: String])] = {
        var result: [String: (cases: [Limbo.TestCase], expected: [String: String])] = [:]
        for file in files {
            guard let data = try? Vectors.data(file),
                let suite = try? JSONDecoder().decode(Limbo.Suite.self, from: data),
                let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                let cases = object["testcases"] as? [[String: Any]]
            else { continue }
            var expected: [String: String] = [:]
            for testCase in cases {
                if let id = testCase["id"] as? String, let outcome = testCase["expected_result"] as? String {
                    expected[id] = outcome
                }
            }
            result[file] = (suite.testcases, expected)
        }
        return result
    }()

    /// Cases where Sealbridge deliberately disagrees, with why.
    static let deliberateDisagreements: [String: String] = [
        "pathlen::validation-ignores-pathlen-in-leaf":
            "the leaf is a CA certificate; under the webpki profile (SERVER cases) a subscriber certificate must have cA FALSE (BR §7.1.2.7.8), as webpki::ca-as-leaf expects"
    ]

    @Test func suitesLoad() {
        #expect(Self.suites["limbo/limbo.json"]?.cases.count == 106)
        #expect(Self.suites["limbo/online.json"]?.cases.count == 14)
    }

    static let arguments: [String] = files.flatMap { file in
        (suites[file]?.cases ?? []).map { "\(file)#\($0.id)" }
    }

    @Test(arguments: arguments)
    func limboCase(_ key: String) throws {
        let parts = key.split(separator: "#", maxSplits: 1).map(String.init)
        let (file, id) = (parts[0], parts[1])
        let suite = try #require(Self.suites[file])
        let testCase = try #require(suite.cases.first { $0.id == id })
        let result = Limbo.run(testCase)
        if result.actual_result == "SKIPPED" {
            // Skips are by feature only, each with its reason.
            let features = testCase.features ?? []
            #expect(features.contains { Limbo.skippedFeatures[$0] != nil }, "\(id) skipped without a skipped feature")
            return
        }
        let expected = try #require(suite.expected[id])
        if result.actual_result == expected { return }
        let detail = "\(key): expected \(expected), got \(result.actual_result) (\(result.context ?? ""))"
        if let reason = Self.deliberateDisagreements[id] {
            withKnownIssue(Comment(rawValue: reason)) { Issue.record(Comment(rawValue: detail)) }
        } else {
            Issue.record(Comment(rawValue: detail))
        }
    }
}
