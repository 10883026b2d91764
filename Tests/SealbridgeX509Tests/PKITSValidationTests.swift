import Foundation
import SealbridgeConformance
import SealbridgeTestVectors
import SealbridgeX509
import SwiftASN1
import Testing

/// All 249 PKITS cases through `CertificateVerifier` (path building from the listed certificates, RFC 5280 §6.1
/// with policies and name constraints, §6.3 CRLs), counted one by one. A case that does not pass is a failure
/// unless it is listed in `knownIssues` with its reason.
@Suite struct PKITSValidationTests {
    static let folder: URL? = try? Vectors.folder("pkits")
    static let cases: [PKITS.TestCase] = folder.flatMap { try? PKITS.cases(in: $0) } ?? []

    /// Cases that do not pass yet, with why (none: all 249 pass).
    static let knownIssues: [String: String] = [:]

    /// The invalid DSA case must fail on its signature, not because DSA is unsupported.
    @Test func invalidDSASignatureFailsOnTheSignature() throws {
        let folder = try #require(Self.folder)
        let testCase = try #require(Self.cases.first { $0.id == "4.1.6" })
        guard case .invalid(let failure) = try PKITS.run(testCase, in: folder).result else {
            Issue.record("4.1.6 validated")
            return
        }
        #expect(failure.code == .badSignature, "\(failure)")
        #expect(failure.certificateIndex == 0, "\(failure)")
    }

    @Test func allCasesAreLoaded() {
        #expect(Self.cases.count == 249)
    }

    @Test(arguments: cases)
    func pkits(_ testCase: PKITS.TestCase) throws {
        let folder = try #require(Self.folder)
        let outcome = try PKITS.run(testCase, in: folder)
        if outcome.passed { return }
        let detail: String
        switch outcome.result {
        case .valid(let path):
            detail =
                "\(testCase): expected \(testCase.expected), got valid with policies \(path.validPolicies.map(\.description).sorted()) (PKITS: \(testCase.expected_user_constrained_policy_set ?? []))"
        case .invalid(let failure):
            detail = "\(testCase): expected \(testCase.expected), got \(failure)"
        }
        if let reason = Self.knownIssues[testCase.id] {
            withKnownIssue("\(reason)") { Issue.record(Comment(rawValue: detail)) }
        } else {
            Issue.record(Comment(rawValue: detail))
        }
    }
}
