import Foundation
import SealbridgeTrust
import SealbridgeXML

extension ValidationReport {
    /// The report as JSON (schema `docs/report-schema.json`, version ``currentSchemaVersion``), keys sorted, pretty.
    public func json() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Every field is a plain value; encoding cannot fail.
        return (try? Array(encoder.encode(self))) ?? Array("{}".utf8)
    }

    /// Reads a report back from its JSON.
    public init(json: [UInt8]) throws {
        self = try JSONDecoder().decode(ValidationReport.self, from: Data(json))
    }

    /// The report for a terminal: the headline first, the code and what to do, the documents checked, then per
    /// signature the reason, signer, chain with revocation, time-stamps, trust level, recognition and checks.
    public func text() -> String {
        var lines: [String] = [headline]
        lines.append("\(indication.rawValue)\(subIndication.map { "/\($0.rawValue)" } ?? "") — \(summary)")
        if let advice { lines.append("what to do: \(advice)") }
        lines.append("file: \(document.name) (\(document.size) bytes, \(document.format.rawValue))")
        lines += documents.map(ReportText.checkedLine)
        lines.append("validation time: \(validationTime); revocation policy: \(context.revocationPolicy)")
        if let kind = context.documentKind { lines.append("document kind: \(kind) (declared by the relying party)") }
        for signature in signatures { ReportText.append(signature, to: &lines, indent: "") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The signatures alone, for a plain verification (`cms verify`): the documents checked, then per signature
    /// the reason, signer, chain with revocation, time-stamps and checks — no trust level or recognition, which
    /// need frameworks and a relying party.
    public func verificationText() -> String {
        var lines = documents.filter { $0.role != .signedFile }.map(ReportText.checkedLine)
        for signature in signatures {
            ReportText.append(signature, to: &lines, indent: "", scope: .verification)
        }
        return lines.drop { $0.isEmpty }.joined(separator: "\n") + "\n"
    }
}

enum ReportText {
    /// One document that was checked, with its size and SHA-256 (or the digest it was given by).
    static func checkedLine(_ checked: ValidationReport.CheckedDocument) -> String {
        "checked: \(checked.role.rawValue) \(checked.name) (\(checked.evidence))"
    }

    /// How much of a signature's report is written.
    enum Scope {
        /// Everything, with the framework level and the recognition verdict.
        case full
        /// The signature's validation alone.
        case verification
    }

    static func append(_ signature: SignatureReport, to lines: inout [String], indent: String, scope: Scope = .full) {
        let code = "\(signature.indication.rawValue)\(signature.subIndication.map { "/\($0.rawValue)" } ?? "")"
        lines.append("")
        lines.append("\(indent)\(signature.id): \(code) — \(signature.reason)")
        let inner = indent + "  "
        lines.append(
            "\(inner)format: \(signature.format.rawValue) (\(signature.profile)), \(signature.signatureAlgorithm ?? "unknown algorithm")"
        )
        if let type = signature.signatureType {
            lines.append("\(inner)type: \(type == .seal ? "a legal person's seal" : "a natural person's signature")")
        }
        if let seal = signature.seal {
            lines.append(
                "\(inner)seal: \(seal.name) (esID \(seal.esID), type \(seal.type), \(seal.standard), vendor "
                    + "\(seal.vendorID)), valid \(seal.validFrom) – \(seal.validUntil)"
            )
            if let maker = seal.maker { lines.append("\(inner)  made by: \(maker)") }
            for stamp in seal.stamps { lines.append("\(inner)  stamped on page \(stamp.page) at \(stamp.boundary) mm") }
        }
        if let signer = signature.signer { lines.append("\(inner)signer: \(signer.subject)") }
        if let claimed = signature.claimedSigningTime { lines.append("\(inner)claimed signing time: \(claimed)") }
        lines.append("\(inner)best-signature-time: \(signature.bestSignatureTime)")
        for element in signature.chain {
            let framework = element.framework.map { " [\($0)\(element.level.map { ", \($0)" } ?? "")]" } ?? ""
            lines.append("\(inner)chain \(element.role.rawValue): \(element.certificate.subject)\(framework)")
            lines.append("\(inner)  revocation: \(element.revocation.status.rawValue) — \(element.revocation.detail)")
        }
        for stamp in signature.timeStamps {
            lines.append(
                "\(inner)\(stamp.kind.rawValue) time-stamp: \(stamp.generationTime ?? "?") by \(stamp.authority ?? "?") — \(stamp.status)"
            )
            if let revocation = stamp.authorityRevocation {
                lines.append("\(inner)  TSA revocation: \(revocation.status.rawValue) — \(revocation.detail)")
            }
        }
        if scope == .full {
            if let level = signature.trust.level {
                lines.append(
                    "\(inner)trust: framework \(signature.trust.framework ?? "?") (\(signature.trust.jurisdiction ?? "?")), level \(level)"
                )
            } else {
                lines.append("\(inner)trust: no level — \(signature.trust.reasons.joined(separator: "; "))")
            }
            lines.append(
                "\(inner)recognition: \(signature.recognition.verdict.rawValue)\(recognitionDetail(signature.recognition))"
            )
        }
        for check in signature.checks {
            lines.append("\(inner)[\(check.result.rawValue)] \(check.name) (\(check.clause)): \(check.detail)")
        }
        for item in signature.unevaluated {
            lines.append("\(inner)present, not evaluated: \(item.name) — \(item.detail)")
        }
        for note in signature.notes { lines.append("\(inner)note: \(note)") }
        for counter in signature.countersignatures {
            lines.append("\(inner)countersignature:")
            append(counter, to: &lines, indent: inner + "  ", scope: scope)
        }
    }

    static func recognitionDetail(_ info: RecognitionInfo) -> String {
        var parts: [String] = []
        if let agreement = info.agreement { parts.append("agreement \(agreement)") }
        if let level = info.level { parts.append("level \(level)") }
        if let basis = info.legalBasis { parts.append(basis) }
        parts += info.reasons
        return parts.isEmpty ? "" : " — " + parts.joined(separator: "; ")
    }

    /// Escapes text for XML and HTML content and attribute values.
    static func escape(_ text: String) -> String { text.xmlEscaped }
}
