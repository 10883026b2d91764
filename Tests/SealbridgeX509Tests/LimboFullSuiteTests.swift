import Foundation
import SealbridgeConformance
import SealbridgeTestVectors
import Testing

/// The whole x509-limbo suite (Tests/Vectors/limbo/full, 9,780 cases) through the harness, counted against the bars
/// of issue 15 §1 — the figures `scripts/limbo-score.py` prints. The harness decides each case by its certificates
/// and options only; this test alone reads `expected_result`.
@Suite(
    .enabled(if: TestProcess.gzipPath != nil, "gzip is not installed: apt-get install gzip")
)
struct LimboFullSuiteTests {
    /// The tally of one run.
    struct Tally {
        var passed = 0
        var failed: [String] = []
        var skippedWithoutFeature: [String] = []
        /// Expected FAILURE, got SUCCESS, by namespace.
        var unexpectedVerifications: [String: [String]] = [:]

        var decided: Int { passed + failed.count }
        var passRate: Double { decided == 0 ? 0 : Double(passed) / Double(decided) }
    }

    static func run() throws -> (cases: Int, tally: Tally) {
        let data = try Vectors.gunzipped("limbo/full/limbo.json.gz")
        let suite = try JSONDecoder().decode(Limbo.Suite.self, from: data)
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        var expected: [String: String] = [:]
        for testCase in object?["testcases"] as? [[String: Any]] ?? [] {
            if let id = testCase["id"] as? String, let outcome = testCase["expected_result"] as? String {
                expected[id] = outcome
            }
        }
        var tally = Tally()
        for testCase in suite.testcases {
            let result = Limbo.run(testCase)
            if result.actual_result == "SKIPPED" {
                if !(testCase.features ?? []).contains(where: { Limbo.skippedFeatures[$0] != nil }) {
                    tally.skippedWithoutFeature.append(testCase.id)
                }
                continue
            }
            let want = expected[testCase.id] ?? "(none)"
            if result.actual_result == want {
                tally.passed += 1
                continue
            }
            tally.failed.append(
                "\(testCase.id): expected \(want), got \(result.actual_result) (\(result.context ?? ""))"
            )
            if want == "FAILURE", result.actual_result == "SUCCESS" {
                let namespace = String(testCase.id.split(separator: ":").first ?? "")
                tally.unexpectedVerifications[namespace, default: []].append(testCase.id)
            }
        }
        return (suite.testcases.count, tally)
    }

    @Test func theWholeSuiteMeetsTheBars() throws {
        let (cases, tally) = try Self.run()
        #expect(cases == 9_780)
        #expect(
            tally.skippedWithoutFeature.isEmpty,
            "skipped without a declared feature: \(tally.skippedWithoutFeature)"
        )
        let failures = tally.failed.prefix(40).joined(separator: "\n")
        #expect(
            tally.passRate >= 0.995,
            "\(tally.passed) of \(tally.decided) pass (\(tally.passRate * 100)%); failing:\n\(failures)"
        )
        for namespace in ["pathlen", "crl", "cve", "pathological", "bettertls"] {
            let unexpected = tally.unexpectedVerifications[namespace] ?? []
            #expect(unexpected.isEmpty, "unexpected verifications in \(namespace): \(unexpected)")
        }
        let lenient = (tally.unexpectedVerifications["rfc5280"] ?? []) + (tally.unexpectedVerifications["webpki"] ?? [])
        #expect(lenient.count <= 5, "unexpected verifications in rfc5280 + webpki: \(lenient)")
    }
}
