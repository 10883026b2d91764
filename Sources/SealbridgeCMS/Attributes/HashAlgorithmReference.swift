public import SealbridgeCrypto
import SealbridgeX509
public import SwiftASN1

/// A hash algorithm as an attribute names it, known or not.
public struct HashAlgorithmReference: Hashable, Sendable, CustomStringConvertible {
    /// The OID.
    public let oid: ASN1ObjectIdentifier
    /// Whether the parameters were present (a NULL).
    public let hasNullParameters: Bool

    /// The hash function, when Sealbridge has it.
    public var function: HashFunction? { HashFunction(oid: oid) }

    /// The function's name, or the OID.
    public var description: String { function?.rawValue ?? oid.dottedText }
}
