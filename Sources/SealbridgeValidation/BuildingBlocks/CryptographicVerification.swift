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
            if let seal = evidence.seal, let failing = sealMakerSignature(seal) { return failing }
            if evidence.signedDataDigest == .coveredBySignature {
                return .passed("the signature value verifies over the content")
            }
            return evidence.profile == "xmldsig"
                ? .passed("every reference's digest matches what it signs and the signature value verifies")
                : .passed("the message digest matches the content and the signature value verifies")
        }
    }

    /// GB/T 38540-2020 §7.3 / GM/T 0031-2014 §6.2.3: the seal maker's signature over the seal. A seal whose
    /// maker signature fails is forged or altered, so the signature made with it fails as its own value would.
    static func sealMakerSignature(_ seal: SealEvidence) -> BlockResult? {
        switch seal.makerSignature {
        case .verified: nil
        case .failed(let why): .failing(.sigCryptoFailure, "the seal was altered or not made by its maker: \(why)")
        case .unsupported(let why): .failing(.cryptoConstraintsFailure, why)
        case .notReached: .failing(.formatFailure, "the seal maker's signature could not be checked")
        }
    }
}
