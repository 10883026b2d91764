public import SwiftASN1

/// `Accuracy ::= SEQUENCE { seconds INTEGER OPTIONAL, millis [0] INTEGER (1..999) OPTIONAL,
/// micros [1] INTEGER (1..999) OPTIONAL }` (RFC 3161 §2.4.2).
public struct TimeStampAccuracy: Hashable, Sendable, CustomStringConvertible, DERImplicitlyTaggable {
    /// The universal tag it is written with unless tagged otherwise.
    public static var defaultIdentifier: ASN1Identifier { .sequence }

    /// Whole seconds.
    public let seconds: Int
    /// Milliseconds, 0–999.
    public let milliseconds: Int
    /// Microseconds, 0–999.
    public let microseconds: Int

    /// Makes an accuracy; values out of range are clamped to RFC 3161's bounds.
    public init(seconds: Int = 0, milliseconds: Int = 0, microseconds: Int = 0) {
        self.seconds = max(0, seconds)
        self.milliseconds = max(0, min(milliseconds, 999))
        self.microseconds = max(0, min(microseconds, 999))
    }

    /// The accuracy in microseconds.
    public var totalMicroseconds: Int64 {
        Int64(seconds) * 1_000_000 + Int64(milliseconds) * 1_000 + Int64(microseconds)
    }

    /// e.g. `1 s 500 ms`.
    public var description: String {
        var parts: [String] = []
        if seconds > 0 { parts.append("\(seconds) s") }
        if milliseconds > 0 { parts.append("\(milliseconds) ms") }
        if microseconds > 0 { parts.append("\(microseconds) µs") }
        return parts.isEmpty ? "0 s" : parts.joined(separator: " ")
    }

    /// Reads it from a parsed node carrying `identifier`.
    ///
    /// - Throws: `CMSError` naming the bad field.
    public init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        guard node.identifier == identifier, case .constructed(let children) = node.content else {
            throw CMSError.malformed("Accuracy is not a SEQUENCE")
        }
        var seconds = 0
        var millis = 0
        var micros = 0
        for child in children {
            switch (child.identifier.tagClass, child.identifier.tagNumber) {
            case (.universal, 2):
                seconds = try Int(derEncoded: child)
            case (.contextSpecific, 0):
                millis = try Int(derEncoded: child, withIdentifier: child.identifier)
                guard (1...999).contains(millis) else { throw CMSError.invalidValue("Accuracy millis out of 1…999") }
            case (.contextSpecific, 1):
                micros = try Int(derEncoded: child, withIdentifier: child.identifier)
                guard (1...999).contains(micros) else { throw CMSError.invalidValue("Accuracy micros out of 1…999") }
            default:
                throw CMSError.malformed("Accuracy has an unexpected field \(child.identifier)")
            }
        }
        guard seconds >= 0 else { throw CMSError.invalidValue("Accuracy seconds is negative") }
        self.init(seconds: seconds, milliseconds: millis, microseconds: micros)
    }

    /// Writes its DER under `identifier`.
    public func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            if seconds > 0 { try coder.serialize(seconds) }
            if milliseconds > 0 {
                try milliseconds.serialize(
                    into: &coder,
                    withIdentifier: ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)
                )
            }
            if microseconds > 0 {
                try microseconds.serialize(
                    into: &coder,
                    withIdentifier: ASN1Identifier(tagWithNumber: 1, tagClass: .contextSpecific)
                )
            }
        }
    }
}
