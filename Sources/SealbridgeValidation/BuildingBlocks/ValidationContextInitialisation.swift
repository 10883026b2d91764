import SealbridgeTrust

extension BuildingBlocks {
    /// §5.2.4 validation context initialisation: the frameworks whose anchors may end a chain, the revocation
    /// policy and the cryptographic constraints. Sealbridge has no signature-policy store, so a signature policy
    /// the signature names is reported as not evaluated (``SignatureEvidence/unevaluated``), never as met.
    public static func validationContextInitialisation(_ context: ValidationContext) -> BlockResult {
        let frameworks = context.frameworks.isEmpty ? "none" : context.frameworks.map(\.id).joined(separator: ", ")
        let given = context.anchors.isEmpty ? "" : "; anchors given outside a framework: \(context.anchors.count)"
        return .passed(
            "trust frameworks: \(frameworks)\(given); revocation policy: \(context.revocationPolicy); cryptographic "
                + "constraints: \(context.constraints.name)"
        )
    }
}
