// The sentences a customs broker or a bank clerk reads beside the codes: what a verdict means for them and what to
// do next. docs/glossary.md gives the same meaning and advice for every code; keep the two in step.

extension SubIndication {
    /// What the sub-indication means for the person relying on the document, in one plain sentence.
    ///
    /// No ETSI codes in it, and an INDETERMINATE sub-indication is never called invalid: it "cannot be confirmed"
    /// or "could not be decided" (EN 319 102-1 §5.1.3: the checks allow no conclusion either way).
    public var meaning: String {
        switch self {
        case .formatFailure:
            return "The file is not a well-formed signature: it is damaged or does not follow the signature "
                + "standard, so it cannot be checked and counts as invalid."
        case .hashFailure:
            return "The document was changed after it was signed: the content you have is not what the signer "
                + "signed, so the signature is invalid."
        case .sigCryptoFailure:
            return "The signature does not match the signer's key: the holder of the certificate did not make it, "
                + "or it was damaged on the way, so it is invalid."
        case .revoked:
            return "The signature was made after the signer's certificate had been revoked by its issuer, so it is "
                + "invalid."
        case .expired:
            return "The signature was made after the signer's certificate had expired, so it is invalid."
        case .notYetValid:
            return "The signature was made before the signer's certificate took effect, so it is invalid."
        case .sigConstraintsFailure:
            return "The signature lacks something the validation rules require, such as a signed reference to "
                + "the signer's certificate or a time-stamp that checks out, so it cannot be confirmed."
        case .chainConstraintsFailure:
            return "The signer's certificate chain breaks a rule for certificate chains (for example a name or "
                + "policy restriction, or an authority not allowed to issue), so the signature cannot be confirmed."
        case .certificateChainGeneralFailure:
            return "The signer's certificate chain could not be checked (a certificate in it is damaged, uses an "
                + "unsupported algorithm or carries a signature that does not verify), so the signature cannot be "
                + "confirmed."
        case .cryptoConstraintsFailure:
            return "The signature uses an algorithm or key size that is not accepted as secure, so it cannot be "
                + "confirmed."
        case .policyProcessingError:
            return "The validation rules could not be applied (the policy is missing or unreadable), so the "
                + "signature could not be decided."
        case .signaturePolicyNotAvailable:
            return "The signature names a signature policy that is not available here, so it could not be decided."
        case .timestampOrderFailure:
            return "The signature's time-stamps are in an impossible order (one over the signature is earlier than "
                + "one over the document), so the signature cannot be confirmed."
        case .noSigningCertificateFound:
            return "The signer's certificate is not in the file or does not match the signature, so the signer "
                + "cannot be identified and the signature cannot be confirmed."
        case .noCertificateChainFound:
            return "The signer's certificate does not lead to any authority you trust, so the signature cannot be "
                + "confirmed."
        case .revokedNoPOE:
            return "The signer's certificate has been revoked and nothing proves the signature was made before "
                + "the revocation, so it cannot be confirmed."
        case .revokedCANoPOE:
            return "An authority in the signer's certificate chain has been revoked and nothing proves the "
                + "signature was made before that, so it cannot be confirmed."
        case .outOfBoundsNoPOE:
            return "The signer's certificate has expired (or is not yet in force) and nothing proves the signature "
                + "was made while it was in force, so the signature cannot be confirmed."
        case .outOfBoundsNotRevoked:
            return "The signer's certificate has expired (or is not yet in force); it is known not to be revoked, "
                + "but nothing proves the signature was made while it was in force, so the signature cannot be "
                + "confirmed."
        case .revocationOutOfBoundsNoPOE:
            return "The revocation information at hand does not cover the time the signature needs it to, and "
                + "nothing proves an earlier signing time, so the signature cannot be confirmed."
        case .cryptoConstraintsFailureNoPOE:
            return "An algorithm or key size in the signature is no longer considered secure and nothing proves "
                + "the signature was made while it was still accepted, so the signature cannot be confirmed."
        case .noPOE:
            return "Nothing proves the signature existed at the time it had to (for example before a certificate "
                + "expired or was revoked), so it cannot be confirmed."
        case .tryLater:
            return "No current revocation information is available for the signer's certificate or an authority "
                + "above it, so whether it was revoked could not be decided now."
        case .signedDataNotFound:
            return "The signed document is missing: this is a separate (detached) signature and the document it "
                + "signs was not given, so the signature could not be checked."
        }
    }

    /// What to do next, in one line.
    ///
    /// The same advice as `docs/glossary.md`, for the person relying on the document (not for the signer's IT).
    public var advice: String {
        switch self {
        case .formatFailure:
            return "Ask the sender for the signed file again, sent unchanged (not re-saved, converted or pasted as "
                + "text)."
        case .hashFailure:
            return "Do not rely on this copy; ask the sender for the original (for a separate signature, check that "
                + "you gave the document that belongs to it)."
        case .sigCryptoFailure:
            return "Do not rely on the document; ask the sender to sign it again, and treat it as a possible forgery "
                + "until they do."
        case .revoked:
            return "Do not rely on the document; ask the sender for a copy signed with a certificate that is in "
                + "force."
        case .expired:
            return "Do not rely on the document; ask the sender to sign it again with a current certificate."
        case .notYetValid:
            return "Do not rely on the document; ask the sender to sign it again with a certificate in force at "
                + "signing (and to check their computer's clock)."
        case .sigConstraintsFailure:
            return "Ask the sender to sign again with standard e-signature software; the report's checks name what "
                + "is missing."
        case .chainConstraintsFailure:
            return "Pass the report to your IT or compliance team; the signer's certificate provider has to fix the "
                + "chain."
        case .certificateChainGeneralFailure:
            return "Pass the report to your IT or compliance team, and ask the sender for their complete "
                + "certificate chain."
        case .cryptoConstraintsFailure:
            return "Ask the sender to sign again with a current algorithm and key size (SM2, ECDSA P-256 or RSA of "
                + "at least 2048 bits)."
        case .policyProcessingError:
            return "Ask your administrator to check the validation policy, then validate again."
        case .signaturePolicyNotAvailable:
            return "Ask the sender which signature policy they used and your administrator to make it available, "
                + "then validate again."
        case .timestampOrderFailure:
            return "Ask the sender to sign and time-stamp the document again."
        case .noSigningCertificateFound:
            return "Ask the sender to sign again with their certificate included in the signature."
        case .noCertificateChainFound:
            return "Check that the signer's trust framework is loaded; if it is, ask the sender which authority "
                + "issued their certificate."
        case .revokedNoPOE:
            return "Ask the sender for a time-stamped signature made before the revocation, or confirm with the "
                + "signer."
        case .revokedCANoPOE:
            return "Ask the sender for a time-stamped signature made before the revocation, or for one under an "
                + "authority in good standing."
        case .outOfBoundsNoPOE:
            return "Ask the sender for a signature time-stamped while their certificate was in force, or a newly "
                + "signed copy."
        case .outOfBoundsNotRevoked:
            return "Ask the sender for a signature time-stamped while their certificate was in force, or a newly "
                + "signed copy."
        case .revocationOutOfBoundsNoPOE:
            return "Validate again with current revocation information, or ask the sender for a time-stamped "
                + "signature."
        case .cryptoConstraintsFailureNoPOE:
            return "Ask the sender to sign again with a current algorithm, or for a signature time-stamped while "
                + "the old one was still accepted."
        case .noPOE:
            return "Ask the sender for a time-stamped signature."
        case .tryLater:
            return "Validate again later, or give the issuer's current revocation list (CRL); the report names the "
                + "certificate."
        case .signedDataNotFound:
            return "Validate again with the signed document given as the content; ask the sender for it if you do "
                + "not have it."
        }
    }
}

extension Indication {
    /// What the indication means for the person relying on the document, in one plain sentence: for TOTAL_PASSED,
    /// and for an indication that comes without a sub-indication (otherwise ``SubIndication/meaning`` says more).
    ///
    /// No ETSI codes in it, and INDETERMINATE is never called invalid: it "cannot be confirmed".
    public var meaning: String {
        switch self {
        case .totalPassed:
            return "The signature is valid: the document has not changed since it was signed, and the signer's "
                + "certificate leads to an authority you trust and was in force when the signature was made."
        case .totalFailed:
            return "The signature is invalid: a check proved that it is broken or does not belong to this document."
        case .indeterminate:
            return "The signature cannot be confirmed: the checks could not decide either way."
        }
    }

    /// What to do next, in one line: for TOTAL_PASSED, and for an indication without a sub-indication.
    public var advice: String {
        switch self {
        case .totalPassed:
            return "Rely on the signature; the recognition verdict says whether it is legally recognised where you "
                + "are."
        case .totalFailed:
            return "Do not rely on the document; ask the sender for a newly signed copy."
        case .indeterminate:
            return "Do not rely on the document yet; the report's checks say what is missing: ask the sender for "
                + "it, or validate again later."
        }
    }
}
