/// Non-standard SM2 signatures a verifier may accept, each by name and off by default.
///
/// GB/T 32918.2-2016 §6.1 signs e = SM3(Z ‖ M), and GM/T 0009-2012 §10 (with GB/T 35275 for CMS and GM/T 0015 for
/// certificates) fixes the user ID inside Z as `1234567812345678`. Two deviations are common in the field; a
/// verifier that accepts them accepts a signature that binds less than the standard promises, so both names warn.
/// Every result that needed one of them says so.
public struct SM2Compatibility: OptionSet, Sendable, Hashable {
    /// The bits of the set.
    public let rawValue: UInt8

    /// A set from its bits.
    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// Accept a signature whose Z was computed with an *empty* user ID — what OpenSSL 3.0 does when no `distid`
    /// is set — when the standard ID fails. Insecure in the sense that the signer's identity is not bound into
    /// Z as GM/T 0009 requires.
    public static let insecureEmptyUserID = SM2Compatibility(rawValue: 1 << 0)

    /// Accept a signature made over SM3(M) without the Z value, as some Chinese CA toolkits sign. Non-standard:
    /// neither the public key nor the user ID is bound into the signed digest (GB/T 32918.2 §6.1 step A1).
    public static let nonStandardWithoutZ = SM2Compatibility(rawValue: 1 << 1)

    /// Only what GB/T 32918.2 and GM/T 0009 define: the default.
    public static let strict: SM2Compatibility = []
}
