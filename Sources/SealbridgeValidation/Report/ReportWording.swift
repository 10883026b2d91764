/// Sentences for people: the verdict first, in words.
enum ReportWording {
    /// One paragraph: how many signatures, the overall indication in words, and the recognition verdicts.
    static func summary(_ report: ValidationReport) -> String {
        let count = report.signatures.count
        var sentences: [String] = []
        let subject = count == 1 ? "The signature" : "Of \(count) signatures, the weakest"
        sentences.append("\(subject) is \(words(report.indication, report.subIndication)).")
        if let relying = report.context.relyingJurisdiction {
            for signature in report.signatures {
                let prefix = count == 1 ? "In \(relying)" : "\(signature.id), in \(relying)"
                sentences.append("\(prefix): \(recognition(signature.recognition)).")
            }
        }
        return sentences.joined(separator: " ")
    }

    static func words(_ indication: Indication, _ sub: SubIndication?) -> String {
        switch indication {
        case .totalPassed:
            return "valid (TOTAL_PASSED)"
        case .totalFailed:
            return "invalid (TOTAL_FAILED\(sub.map { "/\($0.rawValue)" } ?? "")): \(explanation(sub))"
        case .indeterminate:
            return "not decidable (INDETERMINATE\(sub.map { "/\($0.rawValue)" } ?? "")): \(explanation(sub))"
        }
    }

    static func recognition(_ info: RecognitionInfo) -> String {
        switch info.verdict {
        case "domestic":
            return "legally recognised as domestic\(info.level.map { " at level \($0)" } ?? "")"
        case "recognised":
            return "legally recognised under agreement \(info.agreement ?? "?")"
                + (info.level.map { " at level \($0)" } ?? "")
        case "not-recognised":
            return "not legally recognised — " + info.reasons.joined(separator: "; ")
        default:
            return "recognition not evaluated — " + info.reasons.joined(separator: "; ")
        }
    }

    static func explanation(_ sub: SubIndication?) -> String {
        switch sub {
        case .formatFailure?: return "the signature is malformed"
        case .hashFailure?: return "the document was changed after it was signed"
        case .sigCryptoFailure?: return "the signature value does not match the signer's key"
        case .revoked?: return "the signer's certificate was revoked before the signature was made"
        case .expired?: return "the signature was made after the signer's certificate expired"
        case .notYetValid?: return "the signature predates the signer's certificate"
        case .sigConstraintsFailure?: return "the signature lacks what the validation policy requires"
        case .chainConstraintsFailure?: return "the certificate chain breaks a path rule"
        case .certificateChainGeneralFailure?: return "the certificate chain could not be validated"
        case .cryptoConstraintsFailure?: return "an algorithm or key size is not acceptable"
        case .cryptoConstraintsFailureNoPOE?:
            return "an algorithm or key size is no longer acceptable and nothing proves the signature is older"
        case .noSigningCertificateFound?: return "the signer's certificate cannot be identified"
        case .noCertificateChainFound?: return "the signer's certificate does not chain to a trusted framework"
        case .revokedNoPOE?: return "the signer's certificate is revoked and nothing proves the signature is older"
        case .revokedCANoPOE?: return "a CA in the chain is revoked and nothing proves the signature is older"
        case .outOfBoundsNoPOE?, .outOfBoundsNotRevoked?:
            return
                "the signer's certificate is expired (or not yet valid) and nothing proves when the signature was made"
        case .tryLater?: return "revocation information is not available now; try later"
        case .signedDataNotFound?: return "the signed content was not given"
        case .timestampOrderFailure?: return "the time-stamps are out of order"
        case nil: return "no signature could be validated"
        default: return "see the checks"
        }
    }
}
