/// XML that Sealbridge refuses to read, naming where it came from: not well-formed, with a DOCTYPE, too large, or
/// not canonicalisable. Each format turns it into its own error (a trust-data error, an OFD package error, …).
package struct XMLDocumentError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Where the bytes came from (a file name, or a part inside a package).
    package let file: String
    /// The part concerned: `(document)` or `(canonicalisation)`.
    package let field: String
    /// What is wrong, in words.
    package let reason: String

    package init(file: String, field: String, reason: String) {
        self.file = file
        self.field = field
        self.reason = reason
    }

    /// `file: field: reason`, as trust-data errors read.
    package var description: String { "\(file): \(field): \(reason)" }
}
