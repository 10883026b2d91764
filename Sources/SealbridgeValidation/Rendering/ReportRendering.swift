import Foundation
import SealbridgeTrust

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

    /// The report for a terminal: the verdict first, then per signature the reason, signer, chain, time-stamps,
    /// trust level, recognition and checks.
    public func text() -> String {
        var lines: [String] = []
        lines.append("\(indication.rawValue)\(subIndication.map { "/\($0.rawValue)" } ?? "") — \(summary)")
        lines.append("file: \(document.name) (\(document.size) bytes, \(document.format), sha256 \(document.sha256))")
        lines.append("validation time: \(validationTime)")
        for signature in signatures {
            lines.append("")
            lines.append(
                "\(signature.id): \(signature.indication.rawValue)\(signature.subIndication.map { "/\($0.rawValue)" } ?? "") — \(signature.reason)"
            )
            lines.append(
                "  format: \(signature.format) (\(signature.profile)), \(signature.signatureAlgorithm ?? "unknown algorithm")"
            )
            if let signer = signature.signer { lines.append("  signer: \(signer.subject)") }
            if let claimed = signature.claimedSigningTime { lines.append("  claimed signing time: \(claimed)") }
            lines.append("  best-signature-time: \(signature.bestSignatureTime)")
            for element in signature.chain {
                let framework = element.framework.map { " [\($0)\(element.level.map { ", \($0)" } ?? "")]" } ?? ""
                lines.append("  chain \(element.role): \(element.certificate.subject)\(framework)")
            }
            for stamp in signature.timeStamps {
                lines.append(
                    "  \(stamp.kind) time-stamp: \(stamp.generationTime ?? "?") by \(stamp.authority ?? "?") — \(stamp.status)"
                )
            }
            if let level = signature.trust.level {
                lines.append(
                    "  trust: framework \(signature.trust.framework ?? "?") (\(signature.trust.jurisdiction ?? "?")), level \(level)"
                )
            } else {
                lines.append("  trust: no level — \(signature.trust.reasons.joined(separator: "; "))")
            }
            lines.append(
                "  recognition: \(signature.recognition.verdict)\(ReportText.recognitionDetail(signature.recognition))"
            )
            for check in signature.checks {
                lines.append("  [\(check.result)] \(check.name) (\(check.clause)): \(check.detail)")
            }
            for note in signature.notes { lines.append("  note: \(note)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

enum ReportText {
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
