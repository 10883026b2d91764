/// Why an OFD document could not be read, in words for the person who sent it.
package struct OFDError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The part of the package concerned (`OFD.xml`, `/Doc_0/Signs/Signatures.xml`, …), or empty for the package.
    package let part: String
    /// What is wrong.
    package let reason: String

    package init(part: String = "", _ reason: String) {
        self.part = part
        self.reason = reason
    }

    package var description: String { part.isEmpty ? reason : "\(part): \(reason)" }
}
