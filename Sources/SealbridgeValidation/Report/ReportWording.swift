import SealbridgeTrust

/// Sentences for people: the verdict first, in words.
enum ReportWording {
    /// Sets the headline, the advice and the summary from the indications and verdicts.
    static func word(_ report: inout ValidationReport) {
        report.headline = headline(report)
        report.advice = advice(report)
        report.summary = summary(report)
    }

    /// One plain sentence: what the relying party may do with the document.
    static func headline(_ report: ValidationReport) -> String {
        let document =
            report.context.documentKind.map { "The \(DocumentKinds.title(of: $0).lowercased())" }
            ?? "The document"
        switch report.indication {
        case .totalFailed:
            return "\(document) \(failure(report.subIndication)) — do not rely on it."
        case .indeterminate:
            return "\(document)'s signature could not be confirmed: \(explanation(report.subIndication)) — do not "
                + "rely on it yet."
        case .totalPassed:
            let signed = "\(document) is validly signed"
            guard let relying = report.context.relyingJurisdiction else { return signed + "." }
            let verdicts = report.signatures.map(\.recognition)
            if verdicts.allSatisfy({ $0.verdict == .recognised || $0.verdict == .domestic }) {
                let how =
                    verdicts.first.map {
                        $0.verdict == .domestic ? "as a domestic signature" : "under \($0.agreement ?? "an agreement")"
                    } ?? ""
                return "\(signed) and legally recognised in \(relying) \(how)."
            }
            return "\(signed), but it is not legally recognised in \(relying)."
        }
    }

    /// What a proven failure says about the document, as the predicate of a sentence.
    static func failure(_ sub: SubIndication?) -> String {
        switch sub {
        case .hashFailure?: return "was changed after it was signed, or is not the document that was signed"
        case .sigCryptoFailure?: return "carries a signature that its signer's key does not confirm"
        case .revoked?: return "was signed after the signer's certificate was revoked"
        case .expired?: return "was signed after the signer's certificate expired"
        case .notYetValid?: return "was signed before the signer's certificate became valid"
        default: return "carries a signature that is malformed"
        }
    }

    /// What to do next, when there is something to do.
    static func advice(_ report: ValidationReport) -> String? {
        if let sub = report.subIndication { return sub.advice }
        if report.indication == .totalPassed,
            report.signatures.contains(where: { $0.recognition.verdict == .notRecognised })
        {
            return "Check the reasons under recognition: the signature is valid, but no agreement carries it into "
                + "\(report.context.relyingJurisdiction ?? "your jurisdiction") for this kind of document."
        }
        return nil
    }

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
            return "not valid (TOTAL_FAILED\(sub.map { "/\($0.rawValue)" } ?? "")): \(explanation(sub))"
        case .indeterminate:
            return "not confirmed (INDETERMINATE\(sub.map { "/\($0.rawValue)" } ?? "")): \(explanation(sub))"
        }
    }

    static func recognition(_ info: RecognitionInfo) -> String {
        switch info.verdict {
        case .notApplicable:
            return "recognition not applicable — " + info.reasons.joined(separator: "; ")
        case .domestic:
            return "legally recognised as domestic\(info.level.map { " at level \($0)" } ?? "")"
        case .recognised:
            return "legally recognised under agreement \(info.agreement ?? "?")"
                + (info.level.map { " at level \($0)" } ?? "")
        case .notRecognised:
            return "not legally recognised — " + info.reasons.joined(separator: "; ")
        case .notEvaluated:
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
