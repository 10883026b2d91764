extension BuildingBlocks {
    /// §5.2.7 cryptographic verification: the signed data's digest, then the signature value.
    public static func cryptographicVerification(_ evidence: SignatureEvidence) -> BlockResult {
        switch evidence.signedDataDigest {
        case .mismatched(let why): return .failing(.hashFailure, why)
        case .notAvailable(let why): return .failing(.signedDataNotFound, why)
        case .matched, .coveredBySignature, .notReached: break
        }
        switch evidence.signatureValue {
        case .failed(let why):
            return .failing(.sigCryptoFailure, why)
        case .unsupported(let why):
            return .failing(.cryptoConstraintsFailure, why)
        case .notReached:
            return .notRun("not reached: an earlier check stopped the signature's verification")
        case .verified:
            return evidence.signedDataDigest == .coveredBySignature
                ? .passed("the signature value verifies over the content")
                : .passed("the message digest matches the content and the signature value verifies")
        }
    }
}
