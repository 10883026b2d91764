import ArgumentParser
import SealbridgeCrypto
import SealbridgeX509

/// `sealbridge x509 …`.
struct X509Command: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "x509",
        abstract: "Inspect X.509 certificates (SM2, ECDSA, RSA, Ed25519).",
        subcommands: [Show.self]
    )

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print certificates in human-readable form, like `openssl x509 -text`.",
            discussion: "PEM bundles print every certificate; DER files hold one."
        )

        @Argument(help: "The certificate file (PEM or DER; '-' for standard input).")
        var file: String

        mutating func run() async throws {
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

/// The text form of a certificate.
enum CertificateText {
    static func render(_ certificate: Certificate) -> String {
        var lines = ["Certificate:", "    Data:"]
        lines.append("        Version: \(certificate.version) (0x\(certificate.version - 1))")
        lines.append("        Serial Number: \(Hex.encode(certificate.serialNumber))")
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
                "            Public Key Algorithm: \(certificate.publicKeyAlgorithm.algorithm) (not supported)"
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
        var hexSignature = Hex.encode(certificate.signature)
        while !hexSignature.isEmpty {
            let chunk = hexSignature.prefix(36)
            hexSignature.removeFirst(chunk.count)
            lines.append(
                "        "
                    + stride(from: 0, to: chunk.count, by: 2).map { offset -> String in
                        let start = chunk.index(chunk.startIndex, offsetBy: offset)
                        return String(chunk[start..<chunk.index(start, offsetBy: 2)])
                    }.joined(separator: ":")
            )
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func algorithmName(_ identifier: AlgorithmIdentifier) -> String {
        (try? SignatureAlgorithm(identifier: identifier))?.name ?? "\(identifier.algorithm)"
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
        default: return "\(item.oid)"
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
                return value.map { "\($0)" }.joined(separator: ", ")
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
            return "<malformed: \(error)>"
        }
        return "DER:" + colonHex(item.value)
    }

    static func colonHex(_ bytes: [UInt8]) -> String {
        bytes.map { Hex.encode([$0]).uppercased() }.joined(separator: ":")
    }
}
