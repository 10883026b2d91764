/// Why a seal's picture is not shown: its bytes are not a well-formed PNG, JPEG or GIF within the limits.
public struct SealImageError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong, in words.
    public let reason: String

    /// An error with its reason in words.
    public init(_ reason: String) { self.reason = reason }

    /// The reason in words.
    public var description: String { reason }
}
