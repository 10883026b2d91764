import SealbridgeCrypto

/// CAdES baseline augmentation (ETSI EN 319 122-1 §6.3): B-T adds a signature-time-stamp over each signer's
/// signature value.
public enum CAdES {
    /// Adds a signature time-stamp (RFC 3161 Appendix A; EN 319 122-1 §5.3) to every signer, from `source`.
    /// The imprint hashes the signature value with the signer's digest algorithm; the token is checked against
    /// the request (imprint, nonce) before it is added.
    ///
    /// - Throws: `CMSError.timeStampFailed` when the TSA refuses or answers with a token that does not match.
    public static func addingSignatureTimeStamps(
        to signedData: CMSSignedData,
        from source: any TimeStampSource
    )
        async throws -> CMSSignedData
    {
        var signers: [CMSSignerInfo] = []
        for signer in signedData.signerInfos {
            let function = try signer.digestFunction()
            let request = TimeStampRequest(messageImprint: MessageImprint(hashing: signer.signature, with: function))
            let token = try await source.timeStampToken(for: request)
            let check = TimeStampTokenVerifier().verify(tokenBytes: token, request: request)
            if case .invalid(let reason) = check.status {
                throw CMSError(code: .timeStampFailed, reason: "the TSA's token does not answer the request: \(reason)")
            }
            let existing = signer.unsignedAttributes?.attributes ?? []
            let stamp = CMSAttribute(type: CMSObjectIdentifier.signatureTimeStampToken, values: [token])
            signers.append(try signer.replacingUnsignedAttributes(existing + [stamp]))
        }
        return signedData.replacingSignerInfos(signers)
    }
}
