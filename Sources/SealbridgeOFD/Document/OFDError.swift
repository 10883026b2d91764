/// Why an OFD document could not be read, in words for the person who sent it.
public struct OFDError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The part of the package concerned (`OFD.xml`, `/Doc_0/Signs/Signatures.xml`, …), or empty for the package.
    public let part: String
    /// What is wrong.
    public let reason: String

    /// Makes one.
    public init(part: String = "", _ reason: String) {
        self.part = part
        self.reason = reason
    }

    /// The reason in words, with the part concerned.
    public var description: String { part.isEmpty ? reason : "\(part): \(reason)" }
}
