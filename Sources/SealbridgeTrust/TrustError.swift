/// An error loading trust data (framework manifests, agreements, trusted lists), naming the file and the field so
/// the user can fix it.
public struct TrustError: Error, Hashable, CustomStringConvertible, Sendable {
    /// The file concerned.
    public let file: String
    /// The field concerned (a dotted path, e.g. `anchors[2].level`), or empty for the whole file.
    public let field: String
    /// What is wrong.
    public let reason: String

    /// Makes an error.
    public init(file: String, field: String = "", reason: String) {
        self.file = file
        self.field = field
        self.reason = reason
    }

    /// `file: field: reason`.
    public var description: String {
        field.isEmpty ? "\(file): \(reason)" : "\(file): \(field): \(reason)"
    }
}
