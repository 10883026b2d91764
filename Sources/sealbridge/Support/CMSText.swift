import SealbridgeCMS
import SealbridgeCrypto
import SealbridgeX509
import SwiftASN1

/// Readable text for CMS structures and verification results.
enum CMSText {
    /// The OID's name and dotted text, `SM2-with-SM3 (1.2.156.10197.1.501)`, or the dotted text alone.
    static func oidName(_ oid: ASN1ObjectIdentifier) -> String {
        oid.displayText
    }

    static func render(_ signed: CMSSignedData) -> String {
        var lines = ["CMS_ContentInfo:", "  contentType: \(oidName(signed.contentInfoType))"]
        lines.append("  d.signedData:")
        lines.append("    version: \(signed.version)")
        lines.append(
            "    digestAlgorithms: " + signed.digestAlgorithms.map { oidName($0.algorithm) }.joined(separator: ", ")
        )
        lines.append("    encapContentInfo:")
        lines.append("      eContentType: \(oidName(signed.encapsulatedContentType))")
        if let content = signed.encapsulatedContent {
            let preview = Hex.encode(Array(content.prefix(32))) + (content.count > 32 ? "…" : "")
            lines.append("      eContent: \(content.count) bytes: \(preview)")
        } else {
            lines.append("      eContent: <ABSENT> (detached)")
        }
        lines.append(
            "    certificates: \(signed.certificates.count)\(signed.otherCertificates.isEmpty ? "" : " (+\(signed.otherCertificates.count) other)")"
        )
        for certificate in signed.certificates {
            lines.append("      subject: \(certificate.subject)")
            lines.append("        issuer: \(certificate.issuer), serial \(Hex.encode(Array(certificate.serialNumber)))")
        }
        lines.append("    crls: \(signed.crls.count)")
        lines.append("    signerInfos: \(signed.signerInfos.count)")
        for (index, signer) in signed.signerInfos.enumerated() {
            lines.append("      [\(index)] version: \(signer.version)")
            lines.append(contentsOf: signerInfoLines(signer).map { "        " + $0 })
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func signerInfoLines(_ signer: CMSSignerInfo) -> [String] {
        var lines = ["sid: \(signer.signerIdentifier)"]
        lines.append("digestAlgorithm: \(oidName(signer.digestAlgorithm.algorithm))")
        lines.append("signatureAlgorithm: \(oidName(signer.signatureAlgorithm.algorithm))")
        lines.append("signature: \(signer.signature.count) bytes")
        if let signed = signer.signedAttributes {
            lines.append("signedAttrs:")
            lines.append(contentsOf: attributeLines(signed).map { "  " + $0 })
        } else {
            lines.append("signedAttrs: <ABSENT> (the signature covers the content)")
        }
        if let unsigned = signer.unsignedAttributes {
            lines.append("unsignedAttrs:")
            lines.append(contentsOf: attributeLines(unsigned).map { "  " + $0 })
        }
        return lines
    }

    static func attributeLines(_ attributes: CMSAttributes) -> [String] {
        var lines: [String] = []
        for attribute in attributes.attributes {
            let name = oidName(attribute.type)
            func value(_ body: () throws -> String?) -> String {
                do {
                    return try body() ?? "(absent)"
                } catch {
                    return "<malformed: \(userFacingDescription(of: error))>"
                }
            }
            switch attribute.type {
            case CMSObjectIdentifier.contentType:
                lines.append("\(name): " + value { try attributes.contentType().map(oidName) })
            case CMSObjectIdentifier.messageDigest:
                lines.append("\(name): " + value { try attributes.messageDigest().map { Hex.encode($0) } })
            case CMSObjectIdentifier.signingTime:
                lines.append("\(name): " + value { try attributes.signingTime()?.description })
            case CMSObjectIdentifier.signingCertificateV2, CMSObjectIdentifier.signingCertificate:
                lines.append(
                    "\(name): "
                        + value {
                            let reference =
                                attribute.type == CMSObjectIdentifier.signingCertificateV2
                                ? try attributes.signingCertificateV2() : try attributes.signingCertificateV1()
                            return reference?.certificates.map { id in
                                "\(id.hash) \(Hex.encode(id.certificateHash))"
                                    + (id.serialNumber.map { ", serial \(Hex.encode($0))" } ?? "")
                            }.joined(separator: "; ")
                        }
                )
            case CMSObjectIdentifier.algorithmProtection:
                lines.append(
                    "\(name): "
                        + value {
                            try attributes.algorithmProtection().map { protection in
                                "digest \(oidName(protection.digestAlgorithm.algorithm)), signature "
                                    + (protection.signatureAlgorithm.map { oidName($0.algorithm) } ?? "(absent)")
                            }
                        }
                )
            case CMSObjectIdentifier.commitmentType:
                lines.append("\(name): " + value { try attributes.commitmentType().map(oidName) })
            case CMSObjectIdentifier.signerLocation:
                lines.append(
                    "\(name): "
                        + value {
                            try attributes.signerLocation().map { location in
                                ([location.countryName, location.localityName].compactMap { $0 }
                                    + location.postalAddress)
                                    .joined(separator: ", ")
                            }
                        }
                )
            case CMSObjectIdentifier.signatureTimeStampToken:
                for token in attribute.values {
                    if let parsed = try? TimeStampToken(derEncoded: Array(token)) {
                        lines.append("\(name):")
                        lines.append(contentsOf: tstInfoLines(parsed.info).map { "  " + $0 })
                    } else {
                        lines.append("\(name): <malformed token>")
                    }
                }
            case CMSObjectIdentifier.countersignature:
                for encoded in attribute.values {
                    if let counter = try? CMSSignerInfo(berEncoded: encoded) {
                        lines.append("\(name):")
                        lines.append(contentsOf: signerInfoLines(counter).map { "  " + $0 })
                    } else {
                        lines.append("\(name): <malformed SignerInfo>")
                    }
                }
            default:
                lines.append(
                    "\(name): \(attribute.values.count) value(s), \(attribute.values.map(\.count).reduce(0, +)) bytes"
                )
            }
        }
        return lines
    }

    static func tstInfoLines(_ info: TSTInfo) -> [String] {
        var lines = ["Policy OID: \(info.policy.displayText)"]
        lines.append("Hash Algorithm: \(oidName(info.messageImprint.hashAlgorithm.algorithm))")
        lines.append("Message data: \(Hex.encode(info.messageImprint.hashedMessage))")
        lines.append("Serial number: 0x\(Hex.encode(info.serialNumber).uppercased())")
        lines.append("Time stamp: \(info.genTime)")
        lines.append("Accuracy: \(info.accuracy.map(\.description) ?? "unspecified")")
        lines.append("Ordering: \(info.ordering ? "yes" : "no")")
        lines.append("Nonce: \(info.nonce.map { "0x" + Hex.encode($0).uppercased() } ?? "unspecified")")
        lines.append("TSA: \(info.tsaName.map(\.description) ?? "unspecified")")
        return lines
    }
}
