/// Why a package could not be read, in words for the person who sent it.
public enum ZIPError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Not a ZIP archive at all (no end-of-central-directory record).
    case notAZIP
    /// The archive's structure is broken or ambiguous.
    case malformed(String)
    /// Larger than the limits allow.
    case tooLarge(String)
    /// A ZIP feature Sealbridge does not read.
    case unsupported(String)

    /// The reason in words, with the part concerned.
    public var description: String {
        switch self {
        case .notAZIP: "not a ZIP package (no end-of-central-directory record)"
        case .malformed(let reason), .tooLarge(let reason), .unsupported(let reason): reason
        }
    }
}
