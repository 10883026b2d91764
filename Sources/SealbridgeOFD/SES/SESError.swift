/// Why an electronic-seal structure (GB/T 38540-2020, GM/T 0031-2014) could not be read, naming the field.
package struct SESError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The structure and field, e.g. `SES_Signature.toSign.eseal`.
    package let field: String
    /// What is wrong.
    package let reason: String

    package init(_ field: String, _ reason: String) {
        self.field = field
        self.reason = reason
    }

    package var description: String { "\(field): \(reason)" }
}
