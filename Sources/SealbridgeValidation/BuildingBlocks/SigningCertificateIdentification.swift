import SealbridgeX509

extension BuildingBlocks {
    /// §5.2.3 identification of the signing certificate: found, and not contradicted by the signed reference.
    public static func identificationOfTheSigningCertificate(_ evidence: SignatureEvidence) -> BlockResult {
        let finding = evidence.signingCertificate
        guard let certificate = finding.certificate else {
            return .failing(
                .noSigningCertificateFound,
                finding.notFoundReason ?? "no certificate matches the signer; give the signer's certificate"
            )
        }
        switch finding.reference {
        case .mismatch(let why):
            return .failing(.noSigningCertificateFound, why)
        case .bound where evidence.seal != nil:
            return .passed("\(certificate.subject), listed in the seal its maker signed")
        case .bound:
            return .passed("\(certificate.subject), bound by a signed signing-certificate reference")
        case .absent:
            return .passed("\(certificate.subject) (no signed attribute references it)")
        }
    }
}
