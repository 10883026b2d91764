package import SealbridgeCrypto

/// One `Reference` of a `Signature.xml` checked against the package: the file's digest by `CheckMethod` compared
/// with `CheckValue` (GB/T 33190-2016 §18.2.2; GB/T 38540-2020 §7.3 step "验证原文完整性").
package struct OFDReferenceCheck: Sendable, Hashable {
    package enum Outcome: Sendable, Hashable {
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
    package let location: String
    package let outcome: Outcome
    /// The part's size and SHA-256, for the report's list of what was checked (nil when it was not read).
    package var size: Int?
    package var sha256: [UInt8]?

    /// Checks every reference of `description` with the package's parts.
    package static func check(
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
