import Foundation
import SealbridgeConformance
import SealbridgeTestVectors
import Testing

/// The x509-limbo snapshot in Tests/Vectors/limbo (106 cases) through the harness, case by case. The harness never
/// reads `expected_result`; this test does, and every disagreement is a failure unless listed with its reason.
@Suite struct LimboTests {
    static let suite: Limbo.Suite? = (try? Vectors.data("limbo/limbo.json")).flatMap {
        try? JSONDecoder().decode(Limbo.Suite.self, from: $0)
    }
    static let expected: [String: String] = {
        guard let data = try? Vectors.data("limbo/limbo.json"),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let cases = object["testcases"] as? [[String: Any]]
        else { return [:] }
        var result: [String: String] = [:]
        for testCase in cases {
            if let id = testCase["id"] as? String, let expected = testCase["expected_result"] as? String {
                result[id] = expected
            }
        }
        return result
    }()

    /// Cases where Sealbridge deliberately disagrees, with why.
    static let deliberateDisagreements: [String: String] = [
        "pathlen::validation-ignores-pathlen-in-leaf":
            "the leaf is a CA certificate; under the webpki profile (SERVER cases) a subscriber certificate must have cA FALSE (BR §7.1.2.7.8), as webpki::ca-as-leaf expects"
    ]

    @Test func suiteLoads() {
        #expect(Self.suite?.testcases.count == 106)
        #expect(Self.expected.count == 106)
    }

    @Test(arguments: suite?.testcases.map(\.id) ?? [])
    func limboCase(_ id: String) throws {
        let testCase = try #require(Self.suite?.testcases.first { $0.id == id })
        let result = Limbo.run(testCase)
        if result.actual_result == "SKIPPED" {
            // Skips are by feature only, each with its reason.
            let features = testCase.features ?? []
            #expect(features.contains { Limbo.skippedFeatures[$0] != nil }, "\(id) skipped without a skipped feature")
            return
        }
        let expected = try #require(Self.expected[id])
        if result.actual_result == expected { return }
        let detail = "\(id): expected \(expected), got \(result.actual_result) (\(result.context ?? ""))"
        if let reason = Self.deliberateDisagreements[id] {
            withKnownIssue(Comment(rawValue: reason)) { Issue.record(Comment(rawValue: detail)) }
        } else {
            Issue.record(Comment(rawValue: detail))
        }
    }
}
