/// Which standard a seal or seal signature follows, told by its structure (the number a writer puts in the header
/// differs between vendors: GM/T 0031-2014 seals say 1, 2 or 3).
public enum SESVersion: String, Sendable, Hashable, CaseIterable {
    /// GM/T 0031-2014: `SESeal { esealInfo, signInfo }`, `SES_Signature { toSign, signature }`, the signer's
    /// certificate inside `TBS_Sign`.
    case v1 = "SES-V1"
    /// GB/T 38540-2020: `SESeal { eSealInfo, cert, signAlgID, signedValue }`, the signer's certificate beside
    /// `TBS_Sign`, an optional time-stamp on the signature.
    case v4 = "SES-V4"
    /// GM/T 0031-2025 as ofdrw implements it: V4 with header version 5 and an optional time-stamp on the seal.
    case v5 = "SES-V5"

    /// The standard's designation, for reports.
    public var standard: String {
        switch self {
        case .v1: "GM/T 0031-2014"
        case .v4: "GB/T 38540-2020"
        case .v5: "GM/T 0031-2025"
        }
    }
}
