import ArgumentParser
import SealbridgeCrypto
import SealbridgeX509
import SwiftASN1

extension X509Command {
    /// `sealbridge x509 crl …`: certificate revocation lists, SM2-signed ones included.
    struct CRL: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "crl",
            abstract: "Inspect and verify certificate revocation lists (RFC 5280 §5; SM2, ECDSA, RSA).",
            subcommands: [Show.self, Verify.self]
        )
    }
}

extension X509Command.CRL {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration.leaf(
            commandName: "show",
            parent: "sealbridge x509 crl",
            abstract: "Print CRLs in human-readable form, like `openssl crl -text`.",
            discussion: "PEM bundles print every CRL; DER and bare base64 hold one."
        )

        @Argument(help: "The CRL file (PEM, DER or base64; '-' for standard input).")
        var file: String

        mutating func run() throws {
            try runReportingErrors {
                let crls = try CMSFiles.crls(file)
                print(crls.map(CRLText.render).joined(separator: "\n"), terminator: "")
            }
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration.leaf(
            commandName: "verify",
            parent: "sealbridge x509 crl",
            abstract: "Check a CRL against its issuer: name, key usage, signature and currency (RFC 5280 §6.3.3).",
            discussion: """
                Exit 0 when the issuer's name matches, its key may sign CRLs (keyUsage cRLSign when present), the \
                signature verifies (SM2 with the ID 1234567812345678) and the CRL is current at --at; 1 when the \
                name, key usage or signature fails; 2 when the CRL is not yet valid or past its nextUpdate. The \
                issuer's own path is `sealbridge x509 verify`'s business.
                """
        )

        @Option(help: "The CRL issuer's certificate (PEM, DER or base64); a bundle's matching certificate is used.")
        var issuer: String

        @Option(help: "The time to judge currency at, RFC 3339 (default: now).")
        var at: String?

        @Argument(help: "The CRL file (PEM, DER or base64).")
        var file: String

        mutating func run() throws {
            var worst = ExitCode.success
            try runReportingErrors {
                let time = try CMSFiles.time(at, option: "--at") ?? .now
                let candidates = try CMSFiles.certificates(issuer)
                for crl in try CMSFiles.crls(file) {
                    let verdict = CRLCheck(crl: crl, candidates: candidates, time: time)
                    print("\(crl.issuer): \(verdict.text)")
                    // A failed check outweighs a stale CRL, which outweighs success.
                    if worst != ExitCodes.invalid, verdict.exitCode != .success { worst = verdict.exitCode }
                }
            }
            if worst != .success { throw worst }
        }
    }
}

/// The checks of one CRL against the certificates offered as its issuer (RFC 5280 §6.3.3 (f)–(g), §5.1.2.4–5).
struct CRLCheck {
    let text: String
    let exitCode: ExitCode

    init(crl: CertificateRevocationList, candidates: [Certificate], time: X509Time) {
        guard let issuer = candidates.first(where: { $0.subject.matches(crl.issuer) }) else {
            text = "FAILED: no certificate given is named \(crl.issuer) (the CRL's issuer)"
            exitCode = ExitCodes.invalid
            return
        }
        if let usage = try? issuer.keyUsage(), !usage.contains(.crlSign) {
            text = "FAILED: \(issuer.subject)'s key usage does not include cRLSign (RFC 5280 §4.2.1.3)"
            exitCode = ExitCodes.invalid
            return
        }
        guard let key = try? issuer.publicKey(), crl.isSignatureValid(issuerKey: key) else {
            text = "FAILED: the signature does not verify with \(issuer.subject)'s key"
            exitCode = ExitCodes.invalid
            return
        }
        if time < crl.thisUpdate {
            text = "signature OK, but not yet valid at \(time): thisUpdate is \(crl.thisUpdate)"
            exitCode = ExitCodes.indeterminate
        } else if let next = crl.nextUpdate, next < time {
            text = "signature OK, but stale at \(time): nextUpdate was \(next); fetch a newer CRL"
            exitCode = ExitCodes.indeterminate
        } else {
            text =
                "verify OK (signed by \(issuer.subject), current at \(time), \(crl.entries.count) revoked)"
            exitCode = .success
        }
    }
}

/// The text form of a CRL.
enum CRLText {
    static func render(_ crl: CertificateRevocationList) -> String {
        var lines = ["Certificate Revocation List (CRL):"]
        lines.append("        Version \(crl.version) (0x\(crl.version - 1))")
        lines.append("        Signature Algorithm: \(CertificateText.algorithmName(crl.signatureAlgorithm))")
        lines.append("        Issuer: \(crl.issuer)")
        lines.append("        Last Update: \(crl.thisUpdate)")
        lines.append("        Next Update: \(crl.nextUpdate.map { "\($0)" } ?? "NONE")")
        if !crl.extensions.isEmpty {
            lines.append("        CRL extensions:")
            for item in crl.extensions {
                lines.append("            \(extensionName(item.oid))\(item.isCritical ? ": critical" : ":")")
                lines.append("                \(extensionValue(item.oid, crl))")
            }
        }
        if crl.entries.isEmpty {
            lines.append("No Revoked Certificates.")
        } else {
            lines.append("Revoked Certificates:")
            for entry in crl.entries {
                lines.append("    Serial Number: \(HexEncoding.encode(entry.serialNumber))")
                lines.append("        Revocation Date: \(entry.revocationDate)")
                if let code = try? entry.reasonCode() {
                    let reason = RevocationReason(rawValue: code).map { "\($0)" } ?? "unknown (\(code))"
                    lines.append("        CRL Reason Code: \(reason)")
                }
                if let date = try? entry.invalidityDate() { lines.append("        Invalidity Date: \(date)") }
            }
        }
        lines.append("    Signature Algorithm: \(CertificateText.algorithmName(crl.signatureAlgorithm))")
        lines.append("    Signature Value:")
        lines += CertificateText.signatureLines(crl.signature)
        return lines.joined(separator: "\n") + "\n"
    }

    static func extensionName(_ oid: ASN1ObjectIdentifier) -> String {
        switch oid {
        case ExtensionOID.crlNumber: return "X509v3 CRL Number"
        case ExtensionOID.deltaCRLIndicator: return "X509v3 Delta CRL Indicator"
        case ExtensionOID.issuingDistributionPoint: return "X509v3 Issuing Distribution Point"
        case ExtensionOID.authorityKeyIdentifier: return "X509v3 Authority Key Identifier"
        default: return oid.displayText
        }
    }

    static func extensionValue(_ oid: ASN1ObjectIdentifier, _ crl: CertificateRevocationList) -> String {
        do {
            switch oid {
            case ExtensionOID.crlNumber:
                return try crl.crlNumber().map { "0x" + HexEncoding.encode($0) } ?? ""
            case ExtensionOID.deltaCRLIndicator:
                return try crl.deltaCRLIndicator().map { "0x" + HexEncoding.encode($0) } ?? ""
            case ExtensionOID.issuingDistributionPoint:
                guard let point = try crl.issuingDistributionPoint() else { return "" }
                var parts: [String] = []
                if case .fullName(let names)? = point.name {
                    parts.append("Full Name: " + names.map(\.description).joined(separator: ", "))
                }
                if point.onlyContainsUserCerts { parts.append("Only User Certificates") }
                if point.onlyContainsCACerts { parts.append("Only CA Certificates") }
                if point.indirectCRL { parts.append("Indirect CRL") }
                if point.onlySomeReasons != nil { parts.append("Only Some Reasons") }
                return parts.isEmpty ? "(all certificates)" : parts.joined(separator: "; ")
            default:
                return crl.extension(oid).map { HexEncoding.encode($0.value) } ?? ""
            }
        } catch {
            return "<malformed: \(userFacingDescription(of: error))>"
        }
    }
}
