public import SealbridgeCrypto

/// One `Reference` of a `Signature.xml` checked against the package: the file's digest by `CheckMethod` compared
/// with `CheckValue` (GB/T 33190-2016 §18.2.2; GB/T 38540-2020 §7.3 step "验证原文完整性").
public struct OFDReferenceCheck: Sendable, Hashable {
    /// How a protected part checked out.
    public enum Outcome: Sendable, Hashable {
        /// The file's digest equals its `CheckValue`.
        case matched
        /// The file was changed after signing.
        case mismatched
        /// The signature protects a file the package no longer has.
        case missing
        /// The `CheckValue` is not base64, or the file could not be inflated.
        case unreadable(String)
    }

    /// The absolute location in the package.
    public let location: String
    /// How it checked out.
    public let outcome: Outcome
    /// The part's size and SHA-256, for the report's list of what was checked (nil when it was not read).
    public var size: Int?
    /// The part's SHA-256, for the report.
    public var sha256: [UInt8]?

    /// Checks every reference of `description` with the package's parts.
    public static func check(
        _ description: OFDSignatureDescription,
        in document: OFDDocument,
        function: HashFunction
    ) -> [OFDReferenceCheck] {
        description.references.map { reference in
            guard let expected = reference.checkValue else {
                return OFDReferenceCheck(location: reference.location, outcome: .unreadable("CheckValue is not base64"))
            }
            let bytes: [UInt8]?
            do { bytes = try document.part(reference.location) } catch {
                return OFDReferenceCheck(location: reference.location, outcome: .unreadable("\(error)"))
            }
            guard let bytes else { return OFDReferenceCheck(location: reference.location, outcome: .missing) }
            let matches = function.digest(bytes) == expected
            return OFDReferenceCheck(
                location: reference.location,
                outcome: matches ? .matched : .mismatched,
                size: bytes.count,
                sha256: HashFunction.sha256.digest(bytes)
            )
        }
    }
}
