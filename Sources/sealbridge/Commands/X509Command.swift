public import ArgumentParser
import Foundation
import SealbridgeConformance
import SealbridgeCrypto
import SealbridgeSM
import SealbridgeX509
import SwiftASN1

/// `sealbridge x509 …`.
struct X509Command: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "x509",
        abstract: "Inspect X.509 certificates (SM2, ECDSA, RSA, Ed25519).",
        subcommands: [Show.self, Verify.self, CRL.self]
    )

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration.leaf(
            commandName: "show",
            parent: "sealbridge x509",
            abstract: "Print certificates in human-readable form, like `openssl x509 -text`.",
            discussion: "PEM bundles print every certificate; DER files hold one."
        )

        @Argument(help: "The certificate file (PEM or DER; '-' for standard input).")
        var file: String

        mutating func run() throws {
            try runReportingErrors {
                let certificates: [Certificate]
                do {
                    certificates = try Certificate.readAll(
                        from: CommandIO.read(file, limit: 16 << 20, what: "certificate file")
                    )
                } catch let error as X509Error {
                    throw CommandFailure.data(error.reason)
                }
                print(certificates.map(CertificateText.render).joined(separator: "\n"), terminator: "")
            }
        }
    }
}

extension X509Command {
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration.leaf(
            commandName: "verify",
            parent: "sealbridge x509",
            abstract: "Build and validate a certification path (RFC 5280 §6, CRLs per §6.3).",
            discussion: """
                Exit 0 when a path to one of the trust anchors validates (the path is printed), 1 when none does \
                (the reason names the certificate it concerns). SM2 signatures use the default ID 1234567812345678; \
                --sm2-empty-id also accepts OpenSSL 3.0's empty-ID certificates and says so.
                """
        )

        @Option(help: "Trust anchors (PEM bundle or DER); repeatable.")
        var trust: [String]

        @Option(help: "Untrusted intermediates to build the path from (PEM bundle or DER); repeatable.")
        var untrusted: [String] = []

        @Option(help: "CRLs (PEM bundle or DER); repeatable. With CRLs, revocation is checked where one applies.")
        var crl: [String] = []

        @Flag(help: "Require every certificate's revocation status from a CRL.")
        var crlCheckAll = false

        @Option(help: "Validation time, RFC 3339 (default: now).")
        var at: String?

        @Option(help: "Profile: RFC 5280 alone, or with the CA/Browser Forum rules for TLS or S/MIME.")
        var profile: ValidationOptions.Profile = .rfc5280

        @Option(help: "Host name or IP address the end entity must be valid for.")
        var hostname: String?

        @Option(help: "Acceptable certificate policy OIDs (user-initial-policy-set); repeatable. Default: anyPolicy.")
        var policy: [String] = []

        @Flag(help: "Require a valid policy (initial-explicit-policy).")
        var explicitPolicy = false

        @Flag(help: "Inhibit policy mapping.")
        var inhibitPolicyMapping = false

        @Flag(help: "Inhibit anyPolicy.")
        var inhibitAnyPolicy = false

        @Option(help: "Extended key usage OID the end entity must allow; repeatable.")
        var purpose: [String] = []

        @Flag(
            name: .customLong("sm2-empty-id"),
            help: "Accept SM2 signatures made with an empty user ID (OpenSSL 3.0's default) and report them."
        )
        var sm2EmptyID = false

        @Argument(help: "The end-entity certificate (PEM or DER).")
        var leaf: String

        mutating func run() throws {
            try runReportingErrors {
                let anchors = try trust.flatMap(CMSFiles.certificates)
                let intermediates = try untrusted.flatMap(CMSFiles.certificates)
                let crls = try crl.flatMap(CMSFiles.crls)
                guard let target = try CMSFiles.certificates(leaf).first else {
                    throw CommandFailure.data("\(leaf) holds no certificate")
                }
                var options = ValidationOptions(time: try validationTime())
                options.profile = profile
                if let hostname { options.peerNames = [ValidationOptions.PeerName(parsing: hostname)] }
                if !policy.isEmpty { options.initialPolicySet = Set(try policy.map(Self.oid)) }
                options.requireExplicitPolicy = explicitPolicy
                options.inhibitPolicyMapping = inhibitPolicyMapping
                options.inhibitAnyPolicy = inhibitAnyPolicy
                options.requiredExtendedKeyUsages = try purpose.map(Self.oid)
                options.revocation =
                    crlCheckAll ? .requireForEveryCertificate : (crls.isEmpty ? .none : .whereAvailable)
                if sm2EmptyID { options.sm2Compatibility.insert(.insecureEmptyUserID) }
                let verifier = CertificateVerifier(
                    trustAnchors: anchors,
                    intermediates: intermediates,
                    crls: crls,
                    options: options
                )
                switch verifier.verify(target) {
                case .valid(let path):
                    print("OK: valid at \(options.time) (\(options.profile.rawValue))")
                    for (index, certificate) in path.certificates.enumerated() {
                        print("  \(index): \(certificate.subject)")
                    }
                    print("  anchor: \(path.trustAnchor.subject)")
                    let policies = path.validPolicies.map(\.displayText).sorted()
                    print("  policies: \(policies.isEmpty ? "(none asserted)" : policies.joined(separator: ", "))")
                    for note in path.notes { print("  note: \(note)") }
                case .invalid(let failure):
                    throw CommandFailure(message: "invalid: \(failure)", exitCode: ExitCodes.invalid)
                }
            }
        }

        func validationTime() throws -> X509Time {
            guard let at else {
                return X509Time.now
            }
            guard let time = X509Time(rfc3339: at) else {
                throw CommandFailure(
                    message: "--at must be RFC 3339, e.g. 2026-01-31T12:00:00Z",
                    exitCode: ExitCodes.usage
                )
            }
            return time
        }

        static func oid(_ text: String) throws -> ASN1ObjectIdentifier {
            do {
                return try ASN1ObjectIdentifier(dotRepresentation: text)
            } catch {
                throw CommandFailure(message: "'\(text)' is not a dotted OID", exitCode: ExitCodes.usage)
            }
        }
    }
}

/// The text form of a certificate.
enum CertificateText {
    static func render(_ certificate: Certificate) -> String {
        var lines = ["Certificate:", "    Data:"]
        lines.append("        Version: \(certificate.version) (0x\(certificate.version - 1))")
        lines.append("        Serial Number: \(Hex.encode(Array(certificate.serialNumber)))")
        lines.append("        Signature Algorithm: \(algorithmName(certificate.signatureAlgorithm))")
        lines.append("        Issuer: \(certificate.issuer)")
        lines.append("        Validity")
        lines.append("            Not Before: \(certificate.notBefore)")
        lines.append("            Not After : \(certificate.notAfter)")
        lines.append("        Subject: \(certificate.subject)")
        lines.append("        Subject Public Key Info:")
        if let key = try? certificate.publicKey() {
            lines.append("            Public Key Algorithm: \(key.algorithm) (\(key.bitCount) bit)")
        } else {
            lines.append(
                "            Public Key Algorithm: \(certificate.publicKeyAlgorithm.algorithm.displayText) (not supported)"
            )
        }
        if !certificate.extensions.isEmpty {
            lines.append("        X509v3 extensions:")
            for item in certificate.extensions {
                lines.append("            \(extensionName(item))\(item.isCritical ? ": critical" : ":")")
                lines.append("                \(extensionValue(item, in: certificate))")
            }
        }
        lines.append("    Signature Algorithm: \(algorithmName(certificate.signatureAlgorithm))")
        lines.append("    Signature Value:")
        lines += signatureLines(Array(certificate.signature))
        return lines.joined(separator: "\n") + "\n"
    }

    /// A signature value as `openssl x509 -text` prints it: colon-separated hex, 18 bytes a line.
    static func signatureLines(_ signature: [UInt8]) -> [String] {
        stride(from: 0, to: signature.count, by: 18).map { start in
            "        "
                + signature[start..<min(start + 18, signature.count)].map { HexEncoding.encode([$0]) }
                .joined(separator: ":")
        }
    }

    static func algorithmName(_ identifier: AlgorithmIdentifier) -> String {
        (try? SignatureAlgorithm(identifier: identifier))?.name ?? identifier.algorithm.displayText
    }

    static func extensionName(_ item: Extension) -> String {
        switch item.oid {
        case ExtensionOID.basicConstraints: return "X509v3 Basic Constraints"
        case ExtensionOID.keyUsage: return "X509v3 Key Usage"
        case ExtensionOID.extendedKeyUsage: return "X509v3 Extended Key Usage"
        case ExtensionOID.subjectKeyIdentifier: return "X509v3 Subject Key Identifier"
        case ExtensionOID.authorityKeyIdentifier: return "X509v3 Authority Key Identifier"
        case ExtensionOID.subjectAlternativeName: return "X509v3 Subject Alternative Name"
        case ExtensionOID.certificatePolicies: return "X509v3 Certificate Policies"
        case ExtensionOID.crlDistributionPoints: return "X509v3 CRL Distribution Points"
        case ExtensionOID.nameConstraints: return "X509v3 Name Constraints"
        case ExtensionOID.policyMappings: return "X509v3 Policy Mappings"
        case ExtensionOID.policyConstraints: return "X509v3 Policy Constraints"
        case ExtensionOID.inhibitAnyPolicy: return "X509v3 Inhibit Any Policy"
        case ExtensionOID.authorityInfoAccess: return "Authority Information Access"
        default: return item.oid.displayText
        }
    }

    static func extensionValue(_ item: Extension, in certificate: Certificate) -> String {
        do {
            switch item.oid {
            case ExtensionOID.basicConstraints:
                guard let value = try certificate.basicConstraints() else { break }
                return "CA:\(value.isCA ? "TRUE" : "FALSE")"
                    + (value.pathLengthConstraint.map { ", pathlen:\($0)" } ?? "")
            case ExtensionOID.keyUsage:
                guard let value = try certificate.keyUsage() else { break }
                return value.names.joined(separator: ", ")
            case ExtensionOID.extendedKeyUsage:
                guard let value = try certificate.extendedKeyUsage() else { break }
                return value.map(\.displayText).joined(separator: ", ")
            case ExtensionOID.subjectKeyIdentifier:
                guard let value = try certificate.subjectKeyIdentifier() else { break }
                return colonHex(value)
            case ExtensionOID.authorityKeyIdentifier:
                guard let value = try certificate.authorityKeyIdentifier() else { break }
                return value.keyIdentifier.map { "keyid:" + colonHex($0) } ?? "(no key identifier)"
            case ExtensionOID.subjectAlternativeName:
                guard let value = try certificate.subjectAlternativeNames() else { break }
                return value.map(\.description).joined(separator: ", ")
            default:
                break
            }
        } catch {
            return "<malformed: \(userFacingDescription(of: error))>"
        }
        return "DER:" + colonHex(Array(item.value))
    }

    static func colonHex(_ bytes: [UInt8]) -> String {
        bytes.map { Hex.encode([$0]).uppercased() }.joined(separator: ":")
    }
}

extension ValidationOptions.Profile: ExpressibleByArgument {}
