public import Foundation
import SealbridgeCrypto
import SealbridgeX509
import SwiftASN1

/// A harness for C2SP x509-limbo (https://x509-limbo.com): reads the suite's JSON, validates every test case with
/// ``CertificateVerifier`` and writes the results in the suite's harness format. It never reads
/// `expected_result`; cases are skipped only by feature, with the reason in `context`.
public enum Limbo {
    /// The suite file: `{"version": 1, "testcases": [...]}`.
    public struct Suite: Decodable, Sendable {
        /// The schema version (1).
        public let version: Int
        /// The cases.
        public let testcases: [TestCase]
    }

    /// One case, as far as the harness uses it.
    public struct TestCase: Decodable, Sendable {
        /// `{"kind": "DNS" | "IP" | "RFC822", "value": …}`.
        public struct PeerName: Decodable, Sendable {
            /// DNS, IP or RFC822.
            public let kind: String
            /// The name.
            public let value: String
        }

        /// `namespace::name`.
        public let id: String
        /// Feature tags, e.g. `has-crl`, `pedantic-serial-number`.
        public let features: [String]?
        /// SERVER or CLIENT.
        public let validation_kind: String
        /// PEM certificates.
        public let trusted_certs: [String]
        /// PEM certificates.
        public let untrusted_intermediates: [String]
        /// PEM certificate.
        public let peer_certificate: String
        /// RFC 3339, or null for now.
        public let validation_time: String?
        /// Allowed signature algorithms by limbo's names, or null.
        public let signature_algorithms: [String]?
        /// Required key usages by name, or null.
        public let key_usage: [String]?
        /// Required extended key usages by name, or null.
        public let extended_key_usage: [String]?
        /// The expected peer name, or null.
        public let expected_peer_name: PeerName?
        /// Several expected peer names, or null.
        public let expected_peer_names: [PeerName]?
        /// The most intermediates a chain may have, or null.
        public let max_chain_depth: Int?
        /// PEM CRLs, or null.
        public let crls: [String]?
    }

    /// One result line.
    public struct Result: Codable, Sendable {
        /// The case id.
        public let id: String
        /// SUCCESS, FAILURE or SKIPPED.
        public let actual_result: String
        /// Why (the failure, or the skip reason).
        public let context: String?
    }

    /// The harness output: `{"version": 1, "harness": "sealbridge-<version>", "results": [...]}`.
    public struct Results: Codable, Sendable {
        /// 1.
        public let version: Int
        /// `sealbridge-<version>`.
        public let harness: String
        /// One per case.
        public let results: [Result]
    }

    /// Features whose cases are skipped, with the reason. Everything else runs, CRL, policy, denial-of-service and
    /// pedantic cases included.
    public static let skippedFeatures: [String: String] = [
        "rfc5280-incompatible-with-webpki":
            "the case holds a server certificate to an RFC 5280 rule the CA/Browser Forum profile relaxes; SERVER cases run under our webpki profile",
        "pedantic-public-suffix-wildcard": "needs the Public Suffix List, which Sealbridge does not ship",
        "name-constraint-dn":
            "these cases keep the default DNS peer name while their leaves carry only directoryName SANs, so no peer-name check can pass; directoryName constraints are covered by PKITS 4.13",
        "has-mldsa": "ML-DSA (RFC 9881) keys and signatures are not supported",
        "pedantic-smime-eku": "the S/MIME BR extended-key-usage rules are not implemented",
        "pedantic-smime-subscriber-key": "the S/MIME BR subscriber-key rules are not implemented",
    ]

    /// Runs one case.
    public static func run(_ testCase: TestCase) -> Result {
        for feature in testCase.features ?? [] {
            if let reason = skippedFeatures[feature] {
                return Result(id: testCase.id, actual_result: "SKIPPED", context: "feature \(feature): \(reason)")
            }
        }
        do {
            return try validate(testCase)
        } catch {
            return Result(
                id: testCase.id,
                actual_result: "FAILURE",
                context: "input rejected: \(userFacingDescription(of: error))"
            )
        }
    }

    static func validate(_ testCase: TestCase) throws -> Result {
        func certificates(_ pems: [String]) throws -> [Certificate] {
            try pems.flatMap { try Certificate.readAll(from: Array($0.utf8)) }
        }
        let anchors = try certificates(testCase.trusted_certs)
        let intermediates = try certificates(testCase.untrusted_intermediates)
        guard let leaf = try certificates([testCase.peer_certificate]).first else {
            return Result(id: testCase.id, actual_result: "FAILURE", context: "no peer certificate")
        }
        // A CRL that does not parse (bad version, GeneralizedTime before 2050, …) is not revocation information;
        // it is left out, as a relying party would drop it, and named in the context.
        var crls: [CertificateRevocationList] = []
        var droppedCRLs = 0
        for pem in testCase.crls ?? [] {
            if let parsed = try? CertificateRevocationList.readAll(from: Array(pem.utf8)) {
                crls += parsed
            } else {
                droppedCRLs += 1
            }
        }

        let time: X509Time
        if let text = testCase.validation_time {
            guard let parsed = X509Time(rfc3339: text) else {
                return Result(id: testCase.id, actual_result: "FAILURE", context: "bad validation_time \(text)")
            }
            time = parsed
        } else {
            time = X509Time(secondsSinceEpoch: Int64(Date().timeIntervalSince1970))
        }
        var options = ValidationOptions(time: time)
        options.legacyAlgorithms = .never
        options.revocation = crls.isEmpty ? .none : .whereAvailable
        func peerName(_ name: TestCase.PeerName) -> ValidationOptions.PeerName {
            switch name.kind {
            case "IP": return ValidationOptions.PeerName(parsing: name.value)
            case "RFC822": return .email(name.value)
            default: return .dns(name.value)
            }
        }
        // SERVER: a TLS server certificate under the CA/Browser Forum profile, matching the one expected name.
        // CLIENT: RFC 5280, and the leaf must match every expected name.
        if testCase.validation_kind == "SERVER" {
            options.profile = .webpki
            options.peerNames = testCase.expected_peer_name.map { [peerName($0)] } ?? []
        } else {
            let usages = testCase.extended_key_usage ?? []
            options.profile = usages.contains("emailProtection") ? .smime : .rfc5280
            // expected_peer_name is the SERVER field (the suite's builder fills it with a default everywhere);
            // a CLIENT case names its peers in expected_peer_names.
            options.peerNames = (testCase.expected_peer_names ?? []).map(peerName)
            options.requiresEveryPeerName = true
        }
        if let depth = testCase.max_chain_depth {
            options.maximumIntermediates = max(0, depth)
        }
        if let usages = testCase.extended_key_usage, !usages.isEmpty {
            options.requiredExtendedKeyUsages = usages.compactMap { extendedKeyUsages[$0] }
        }
        if let usages = testCase.key_usage {
            options.requiredKeyUsage = KeyUsage(usages.compactMap { keyUsages[$0] })
        }
        let verifier = CertificateVerifier(
            trustAnchors: anchors,
            intermediates: intermediates,
            crls: crls,
            options: options
        )
        let note = droppedCRLs > 0 ? " (\(droppedCRLs) unparseable CRL(s) left out)" : ""
        switch verifier.verify(leaf) {
        case .valid(let path):
            return Result(
                id: testCase.id,
                actual_result: "SUCCESS",
                context: "path of \(path.certificates.count) to \(path.trustAnchor.subject)\(note)"
            )
        case .invalid(let failure):
            return Result(id: testCase.id, actual_result: "FAILURE", context: failure.description + note)
        }
    }

    static let extendedKeyUsages: [String: ASN1ObjectIdentifier] = [
        "anyExtendedKeyUsage": [2, 5, 29, 37, 0],
        "serverAuth": [1, 3, 6, 1, 5, 5, 7, 3, 1],
        "clientAuth": [1, 3, 6, 1, 5, 5, 7, 3, 2],
        "codeSigning": [1, 3, 6, 1, 5, 5, 7, 3, 3],
        "emailProtection": [1, 3, 6, 1, 5, 5, 7, 3, 4],
        "timeStamping": [1, 3, 6, 1, 5, 5, 7, 3, 8],
        "OCSPSigning": [1, 3, 6, 1, 5, 5, 7, 3, 9],
    ]

    static let keyUsages: [String: KeyUsage] = [
        "digitalSignature": .digitalSignature, "contentCommitment": .nonRepudiation,
        "keyEncipherment": .keyEncipherment, "dataEncipherment": .dataEncipherment, "keyAgreement": .keyAgreement,
        "keyCertSign": .keyCertSign, "cRLSign": .crlSign, "encipherOnly": .encipherOnly,
        "decipherOnly": .decipherOnly,
    ]

    /// Runs a whole suite read from `json` and returns the harness output.
    ///
    /// - Throws: when `json` is not a limbo suite (a harness failure, not a verdict).
    public static func run(suiteJSON json: Data, harnessName: String) throws -> Results {
        let suite = try JSONDecoder().decode(Suite.self, from: json)
        return Results(version: 1, harness: harnessName, results: suite.testcases.map(run))
    }
}
