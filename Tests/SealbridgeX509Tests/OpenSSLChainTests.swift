import Foundation
import SealbridgeCrypto
import SealbridgeSM
import SealbridgeTestVectors
import SealbridgeX509
import SwiftASN1
import Testing

/// Three-level chains made by the `openssl` CLI (root → intermediate → leaf), valid for every key kind and broken
/// in each way the validator checks, each failure pinned to its code and certificate.
@Suite(.enabled(if: TestProcess.openSSLPath != nil, Comment(rawValue: TestProcess.Missing.openSSL)))
struct OpenSSLChainTests {
    /// Makes certificates with `openssl x509 -req` in a temporary folder.
    final class ChainFactory {
        let folder: TemporaryFolder
        let keyOptions: [String]
        let signOptions: [String]
        let verifyOptions: [String]
        private var serial = 1

        init(kind: String) throws {
            folder = try TemporaryFolder()
            switch kind {
            case "sm2":
                keyOptions = ["-algorithm", "SM2"]
                signOptions = ["-sm3", "-sigopt", "distid:1234567812345678"]
                verifyOptions = ["-vfyopt", "distid:1234567812345678"]
            case "p384":
                keyOptions = ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384"]
                signOptions = ["-sha384"]
                verifyOptions = []
            case "rsa":
                keyOptions = ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"]
                signOptions = ["-sha256"]
                verifyOptions = []
            case "rsa-pss":
                keyOptions = ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"]
                signOptions = ["-sha256", "-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:32"]
                verifyOptions = []
            case "ed25519":
                keyOptions = ["-algorithm", "ED25519"]
                signOptions = []
                verifyOptions = []
            default:
                keyOptions = ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"]
                signOptions = ["-sha256"]
                verifyOptions = []
            }
        }

        func run(_ arguments: [String]) throws {
            let result = try TestProcess.openSSL(arguments)
            guard result.status == 0 else {
                throw X509Error.invalidValue(
                    reason: "openssl \(arguments.prefix(2).joined(separator: " ")): \(result.error)"
                )
            }
        }

        /// Makes `name`.pem signed by `issuer` (nil: self-signed) with the extension lines given.
        @discardableResult
        func make(
            _ name: String,
            subject: String,
            issuer: String?,
            extensions: [String],
            days: Int = 3650,
            signOptions overrideSign: [String]? = nil
        ) throws -> Certificate {
            let key = folder.path("\(name).key")
            if !FileManager.default.fileExists(atPath: key) {
                try run(["genpkey"] + keyOptions + ["-out", key])
            }
            try (["[ext]"] + extensions).joined(separator: "\n").write(
                toFile: folder.path("\(name).cnf"),
                atomically: true,
                encoding: .utf8
            )
            let sign = overrideSign ?? signOptions
            try run(["req", "-new", "-key", key, "-subj", subject, "-out", folder.path("\(name).csr")] + sign)
            serial += 1
            let issuerName = issuer ?? name
            try run(
                [
                    "x509", "-req", "-in", folder.path("\(name).csr"), "-days", "\(days)", "-set_serial", "\(serial)",
                    "-extfile", folder.path("\(name).cnf"), "-extensions", "ext", "-out", folder.path("\(name).pem"),
                ]
                    + (issuer == nil
                        ? ["-signkey", key]
                        : ["-CA", folder.path("\(issuerName).pem"), "-CAkey", folder.path("\(issuerName).key")])
                    + sign + (overrideSign == nil ? verifyOptions : [])
            )
            return try #require(try Certificate.readAll(from: try folder.read("\(name).pem")).first)
        }

        static let caExtensions = [
            "basicConstraints=critical,CA:TRUE", "keyUsage=critical,keyCertSign,cRLSign",
            "subjectKeyIdentifier=hash", "authorityKeyIdentifier=keyid",
        ]
        static let leafExtensions = [
            "basicConstraints=critical,CA:FALSE", "keyUsage=critical,digitalSignature",
            "extendedKeyUsage=serverAuth", "subjectAltName=DNS:leaf.example", "subjectKeyIdentifier=hash",
            "authorityKeyIdentifier=keyid",
        ]

        /// A standard chain; `change` edits the extension lists of (root, intermediate, leaf).
        func chain(
            intermediate intermediateExtensions: [String] = ChainFactory.caExtensions,
            leaf leafExtensions: [String] = ChainFactory.leafExtensions,
            leafDays: Int = 3650,
            root rootExtensions: [String] = [
                "basicConstraints=critical,CA:TRUE", "keyUsage=critical,keyCertSign,cRLSign",
                "subjectKeyIdentifier=hash",
            ]
        ) throws -> (root: Certificate, intermediate: Certificate, leaf: Certificate) {
            let root = try make(
                "root",
                subject: "/C=CN/O=Sealbridge Test/CN=Root",
                issuer: nil,
                extensions: rootExtensions
            )
            let intermediate = try make(
                "intermediate",
                subject: "/C=CN/O=Sealbridge Test/CN=Intermediate",
                issuer: "root",
                extensions: intermediateExtensions
            )
            let leaf = try make(
                "leaf",
                subject: "/C=CN/O=Sealbridge Test/CN=leaf.example",
                issuer: "intermediate",
                extensions: leafExtensions,
                days: leafDays
            )
            return (root, intermediate, leaf)
        }
    }

    static var now: X509Time { X509Time(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)) }

    static func verify(
        _ chain: (root: Certificate, intermediate: Certificate, leaf: Certificate),
        crls: [CertificateRevocationList] = [],
        _ configure: (inout ValidationOptions) -> Void = { _ in }
    ) -> VerificationResult {
        var options = ValidationOptions(time: now)
        options.peerNames = [.dns("leaf.example")]
        options.requiredExtendedKeyUsages = [[1, 3, 6, 1, 5, 5, 7, 3, 1]]
        options.revocation = crls.isEmpty ? .none : .requireForEveryCertificate
        configure(&options)
        return CertificateVerifier(
            trustAnchors: [chain.root],
            intermediates: [chain.intermediate],
            crls: crls,
            options: options
        ).verify(chain.leaf)
    }

    static func expectFailure(
        _ result: VerificationResult,
        _ code: PathValidationFailure.Code,
        at index: Int,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        guard case .invalid(let failure) = result else {
            Issue.record("expected \(code) at \(index), got a valid path", sourceLocation: sourceLocation)
            return
        }
        #expect(failure.code == code, "\(failure)", sourceLocation: sourceLocation)
        #expect(failure.certificateIndex == index, "\(failure)", sourceLocation: sourceLocation)
    }

    @Test(arguments: ["p256", "p384", "rsa", "rsa-pss", "ed25519", "sm2"])
    func validChainForEveryKeyKind(_ kind: String) throws {
        let factory = try ChainFactory(kind: kind)
        let chain = try factory.chain()
        guard case .valid(let path) = Self.verify(chain) else {
            Issue.record("\(kind): \(Self.verify(chain))")
            return
        }
        #expect(path.certificates == [chain.leaf, chain.intermediate])
        #expect(path.trustAnchor == chain.root)
        #expect(path.notes.isEmpty)
    }

    /// The webpki profile checks the anchor as a certificate too, but an intermediate trusted directly keeps its
    /// issuer's AKI (x509-limbo rfc5280::root-and-intermediate-swapped); a self-signed root also validates.
    @Test func webPKIWithAnIntermediateAsTheAnchor() throws {
        let chain = try ChainFactory(kind: "p256").chain()
        var options = ValidationOptions(time: Self.now)
        options.profile = .webpki
        options.peerNames = [.dns("leaf.example")]
        let intermediateAnchor = CertificateVerifier(
            trustAnchors: [chain.intermediate],
            intermediates: [chain.root],
            options: options
        ).verify(chain.leaf)
        #expect(intermediateAnchor.isValid, "\(intermediateAnchor)")
        let rootAnchor = CertificateVerifier(
            trustAnchors: [chain.root],
            intermediates: [chain.intermediate],
            options: options
        ).verify(chain.leaf)
        #expect(rootAnchor.isValid, "\(rootAnchor)")
    }

    /// The caller's minimum key sizes bind every key, the issuers' and the end entity's.
    @Test func minimumKeySizes() throws {
        let chain = try ChainFactory(kind: "rsa").chain()
        Self.expectFailure(Self.verify(chain) { $0.minimumRSABits = 3072 }, .weakKey, at: 1)
        let ecChain = try ChainFactory(kind: "p256").chain()
        Self.expectFailure(Self.verify(ecChain) { $0.minimumEllipticCurveBits = 384 }, .weakKey, at: 1)
        #expect(Self.verify(ecChain) { $0.minimumEllipticCurveBits = 256 }.isValid)
    }

    @Test func expiredLeaf() throws {
        let chain = try ChainFactory(kind: "p256").chain(leafDays: 30)
        let later = X509Time(secondsSinceEpoch: chain.leaf.notAfter.secondsSinceEpoch + 1)
        Self.expectFailure(Self.verify(chain) { $0.time = later }, .expiredOrNotYetValid, at: 0)
    }

    @Test func intermediateThatIsNotACA() throws {
        let chain = try ChainFactory(kind: "p256").chain(
            intermediate: [
                "basicConstraints=critical,CA:FALSE", "subjectKeyIdentifier=hash", "authorityKeyIdentifier=keyid",
            ]
        )
        Self.expectFailure(Self.verify(chain), .notACA, at: 1)
    }

    /// root → CA1 (pathlen 0) → CA2 → leaf: CA2 is one intermediate too many below CA1.
    @Test func pathLengthConstraint() throws {
        let factory = try ChainFactory(kind: "p256")
        let chain = try factory.chain(
            intermediate: [
                "basicConstraints=critical,CA:TRUE,pathlen:0", "keyUsage=critical,keyCertSign,cRLSign",
                "subjectKeyIdentifier=hash", "authorityKeyIdentifier=keyid",
            ]
        )
        let second = try factory.make(
            "second",
            subject: "/C=CN/O=Sealbridge Test/CN=Second",
            issuer: "intermediate",
            extensions: ChainFactory.caExtensions
        )
        let leaf = try factory.make(
            "leaf2",
            subject: "/C=CN/O=Sealbridge Test/CN=leaf.example",
            issuer: "second",
            extensions: ChainFactory.leafExtensions
        )
        var options = ValidationOptions(time: Self.now)
        options.peerNames = [.dns("leaf.example")]
        let result = CertificateVerifier(
            trustAnchors: [chain.root],
            intermediates: [chain.intermediate, second],
            options: options
        ).verify(leaf)
        Self.expectFailure(result, .pathLengthExceeded, at: 1)
    }

    @Test func intermediateWithoutKeyCertSign() throws {
        let chain = try ChainFactory(kind: "p256").chain(
            intermediate: [
                "basicConstraints=critical,CA:TRUE", "keyUsage=critical,digitalSignature", "subjectKeyIdentifier=hash",
                "authorityKeyIdentifier=keyid",
            ]
        )
        Self.expectFailure(Self.verify(chain), .keyUsage, at: 1)
    }

    @Test func nameConstraintsExcludeTheLeaf() throws {
        let chain = try ChainFactory(kind: "p256").chain(
            intermediate: ChainFactory.caExtensions + ["nameConstraints=critical,permitted;DNS:allowed.example"]
        )
        Self.expectFailure(Self.verify(chain), .nameConstraints, at: 0)
        let allowed = try ChainFactory(kind: "p256").chain(
            intermediate: ChainFactory.caExtensions + ["nameConstraints=critical,permitted;DNS:leaf.example"]
        )
        #expect(Self.verify(allowed).isValid)
    }

    @Test func wrongPurposeAndWrongHost() throws {
        let chain = try ChainFactory(kind: "p256").chain()
        Self.expectFailure(Self.verify(chain) { $0.peerNames = [.dns("other.example")] }, .peerNameMismatch, at: 0)
        Self.expectFailure(
            Self.verify(chain) { $0.requiredExtendedKeyUsages = [[1, 3, 6, 1, 5, 5, 7, 3, 4]] },
            .extendedKeyUsage,
            at: 0
        )
    }

    @Test func unknownCriticalExtension() throws {
        let chain = try ChainFactory(kind: "p256").chain(
            leaf: ChainFactory.leafExtensions + ["1.2.3.4.5=critical,DER:05:00"]
        )
        Self.expectFailure(Self.verify(chain), .unrecognizedCriticalExtension, at: 0)
    }

    @Test func certificatePolicies() throws {
        let chain = try ChainFactory(kind: "p256").chain(
            intermediate: ChainFactory.caExtensions + ["certificatePolicies=1.2.3.4"],
            leaf: ChainFactory.leafExtensions + ["certificatePolicies=1.2.3.4"]
        )
        let wanted: ASN1ObjectIdentifier = [1, 2, 3, 4]
        guard case .valid(let path) = Self.verify(chain, { $0.requireExplicitPolicy = true }) else {
            Issue.record("policy 1.2.3.4 path did not validate")
            return
        }
        #expect(path.validPolicies == [wanted])
        Self.expectFailure(
            Self.verify(chain) {
                $0.requireExplicitPolicy = true
                $0.initialPolicySet = [[1, 2, 3, 5]]
            },
            .policy,
            at: 0
        )
    }

    @Test func impostorIntermediateWithTheSameName() throws {
        let factory = try ChainFactory(kind: "p256")
        let chain = try factory.chain()
        // Another key, the same intermediate name: the leaf's signature does not verify with it.
        try FileManager.default.removeItem(atPath: factory.folder.path("intermediate.key"))
        let impostor = try factory.make(
            "intermediate",
            subject: "/C=CN/O=Sealbridge Test/CN=Intermediate",
            issuer: "root",
            extensions: ChainFactory.caExtensions
        )
        let result = Self.verify((chain.root, impostor, chain.leaf))
        Self.expectFailure(result, .badSignature, at: 0)
    }

    @Test func missingIntermediate() throws {
        let chain = try ChainFactory(kind: "p256").chain()
        var options = ValidationOptions(time: Self.now)
        options.peerNames = [.dns("leaf.example")]
        let result = CertificateVerifier(trustAnchors: [chain.root], options: options).verify(chain.leaf)
        Self.expectFailure(result, .noPathToTrustAnchor, at: 0)
    }

    @Test func revokedLeafFromAnOpenSSLCRL() throws {
        let factory = try ChainFactory(kind: "p256")
        let chain = try factory.chain()
        let folder = factory.folder
        // An `openssl ca` database for the intermediate: revoke the leaf, issue a CRL; and an empty root CRL.
        func crl(issuer: String, revoke: String?) throws -> CertificateRevocationList {
            let database = folder.path("\(issuer)-index.txt")
            try "".write(toFile: database, atomically: true, encoding: .utf8)
            try "01\n".write(toFile: folder.path("\(issuer)-crlnumber"), atomically: true, encoding: .utf8)
            let config = """
                [ca]
                default_ca = ca
                [ca]
                database = \(database)
                crlnumber = \(folder.path("\(issuer)-crlnumber"))
                default_md = sha256
                default_crl_days = 30
                """
            try config.write(toFile: folder.path("\(issuer)-ca.cnf"), atomically: true, encoding: .utf8)
            let common = [
                "-config", folder.path("\(issuer)-ca.cnf"), "-keyfile", folder.path("\(issuer).key"), "-cert",
                folder.path("\(issuer).pem"),
            ]
            if let revoke {
                try factory.run(["ca", "-revoke", folder.path("\(revoke).pem")] + common)
            }
            try factory.run(["ca", "-gencrl", "-out", folder.path("\(issuer).crl")] + common)
            return try #require(try CertificateRevocationList.readAll(from: try folder.read("\(issuer).crl")).first)
        }
        let rootCRL = try crl(issuer: "root", revoke: nil)
        let intermediateCRL = try crl(issuer: "intermediate", revoke: "leaf")
        Self.expectFailure(Self.verify(chain, crls: [rootCRL, intermediateCRL]), .revoked, at: 0)
        // Without the intermediate's CRL, every-certificate revocation checking cannot establish the leaf.
        Self.expectFailure(Self.verify(chain, crls: [rootCRL]), .revocationUnknown, at: 0)
    }

    /// OpenSSL 3.0 signs SM2 certificates with an empty ID unless `distid` is set: refused by default (GM/T 0015
    /// asks for 1234567812345678), accepted with `.insecureEmptyUserID`, which names the certificate in a note.
    @Test func sm2EmptyIDNeedsTheLenientOption() throws {
        let factory = try ChainFactory(kind: "sm2")
        let chain = try factory.chain()
        let emptyID = try factory.make(
            "leaf-empty-id",
            subject: "/C=CN/O=Sealbridge Test/CN=leaf.example",
            issuer: "intermediate",
            extensions: ChainFactory.leafExtensions,
            signOptions: ["-sm3"]
        )
        let strict = Self.verify((chain.root, chain.intermediate, emptyID))
        Self.expectFailure(strict, .badSignature, at: 0)
        guard
            case .valid(let path) = Self.verify(
                (chain.root, chain.intermediate, emptyID),
                { $0.sm2Compatibility = .insecureEmptyUserID }
            )
        else {
            Issue.record("the empty-ID SM2 leaf did not validate with the lenient option")
            return
        }
        #expect(path.notes.count == 1)
        #expect(path.notes.first?.contains("empty user ID") == true)
    }
}
