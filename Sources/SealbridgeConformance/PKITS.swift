public import Foundation
public import SealbridgeX509
import SwiftASN1

/// The NIST PKITS path-validation suite in the `cases.json` form of `Tests/Vectors/pkits` (see its README): each
/// case names a trust anchor, the certificates (the last is the end entity; the others form the pool a path is
/// built from), the CRLs, and the RFC 5280 §6.1.1 inputs.
public enum PKITS {
    /// One case of `cases.json`.
    public struct TestCase: Codable, Sendable, Hashable, CustomStringConvertible {
        /// The PKITS number, e.g. `4.8.1-3`.
        public let id: String
        /// The PKITS title.
        public let name: String
        /// The anchor certificate, relative to the suite folder.
        public let trust_anchor: String
        /// The certificates, anchor side first; the last is the end entity.
        public let path: [String]
        /// The CRLs.
        public let crls: [String]
        /// user-initial-policy-set, as dotted OIDs.
        public let initial_policy_set: [String]
        /// initial-explicit-policy.
        public let explicit_policy: Bool
        /// initial-policy-mapping-inhibit.
        public let inhibit_policy_mapping: Bool
        /// initial-any-policy-inhibit.
        public let inhibit_any_policy: Bool
        /// `valid` or `invalid`.
        public let expected: String
        /// The user-constrained policy set PKITS expects, as dotted OIDs.
        public let expected_user_constrained_policy_set: [String]?

        /// `id name`.
        public var description: String { "\(id) \(name)" }
    }

    /// The outcome of one case.
    public struct Outcome: Sendable {
        /// The case.
        public let testCase: TestCase
        /// What the verifier said.
        public let result: VerificationResult
        /// Whether the verdict is the expected one (and, for a valid path, the policy set too).
        public var passed: Bool {
            switch result {
            case .valid(let path):
                guard testCase.expected == "valid" else { return false }
                guard let expected = testCase.expected_user_constrained_policy_set else { return true }
                return Set(path.validPolicies.map(\.dottedText)) == Set(expected)
            case .invalid:
                return testCase.expected == "invalid"
            }
        }
    }

    /// PKITS' validation time, 2011-04-15T00:00:00Z.
    public static let validationTime = X509Time(secondsSinceEpoch: 1_302_825_600)

    /// Reads `cases.json` in `folder`.
    ///
    /// - Throws: Foundation's errors when the file is missing or not in the expected form.
    public static func cases(in folder: URL) throws -> [TestCase] {
        try JSONDecoder().decode([TestCase].self, from: Data(contentsOf: folder.appendingPathComponent("cases.json")))
    }

    /// Runs one case with files under `folder`.
    ///
    /// - Throws: when a file is missing or does not parse (a suite problem, not a verdict).
    public static func run(_ testCase: TestCase, in folder: URL) throws -> Outcome {
        func bytes(_ path: String) throws -> [UInt8] {
            Array(try Data(contentsOf: folder.appendingPathComponent(path)))
        }
        let anchor = try Certificate(derEncoded: try bytes(testCase.trust_anchor))
        let certificates = try testCase.path.map { try Certificate(derEncoded: try bytes($0)) }
        let crls = try testCase.crls.map { try CertificateRevocationList(derEncoded: try bytes($0)) }
        guard let leaf = certificates.last else {
            throw X509Error.invalidValue(reason: "PKITS case \(testCase.id) has an empty path")
        }
        var options = ValidationOptions(time: validationTime)
        options.initialPolicySet = Set(
            try testCase.initial_policy_set.map { try ASN1ObjectIdentifier(dotRepresentation: $0) }
        )
        options.requireExplicitPolicy = testCase.explicit_policy
        options.inhibitPolicyMapping = testCase.inhibit_policy_mapping
        options.inhibitAnyPolicy = testCase.inhibit_any_policy
        options.revocation = .requireForEveryCertificate
        options.legacyAlgorithms = .always
        let verifier = CertificateVerifier(
            trustAnchors: [anchor],
            intermediates: Array(certificates.dropLast()),
            crls: crls,
            options: options
        )
        return Outcome(testCase: testCase, result: verifier.verify(leaf))
    }
}
