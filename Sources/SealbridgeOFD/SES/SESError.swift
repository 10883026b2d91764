/// Why an electronic-seal structure (GB/T 38540-2020, GM/T 0031-2014) could not be read, naming the field.
public struct SESError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The structure and field, e.g. `SES_Signature.toSign.eseal`.
    public let field: String
    /// What is wrong.
    public let reason: String

    /// Makes one.
    public init(_ field: String, _ reason: String) {
        self.field = field
        self.reason = reason
    }

    /// The reason in words, with the part concerned.
    public var description: String { "\(field): \(reason)" }
}
