public import SwiftASN1

/// An SM2 signature (r, s), with 1 ≤ r, s ≤ n − 1 guaranteed by every initialiser (GB/T 32918.2 §7.1 B1–B2).
///
/// ```
/// SM2Signature ::= SEQUENCE { r INTEGER, s INTEGER }   -- GM/T 0009-2012 §7.3, GB/T 35276
/// ```
public struct SM2Signature: Hashable, Sendable, DERImplicitlyTaggable {
    let rLimbs: Limbs4
    let sLimbs: Limbs4

    /// The ASN.1 tag, `SEQUENCE`.
    public static var defaultIdentifier: ASN1Identifier { .sequence }

    init?(r: Limbs4, s: Limbs4) {
        // ct-public: r and s are the signature, public once made.
        guard !r.isZero, !s.isZero, r.isLess(than: Scalar.order), s.isLess(than: Scalar.order) else { return nil }
        self.rLimbs = r
        self.sLimbs = s
    }

    /// Reads r and s as 32-byte big-endian integers.
    ///
    /// - Throws: `SMError.invalidSignatureEncoding` when a component is not 32 bytes or not in [1, n − 1].
    public init(r: [UInt8], s: [UInt8]) throws {
        guard let rValue = Limbs4(bigEndian: r), let sValue = Limbs4(bigEndian: s) else {
            throw SMError.invalidSignatureEncoding(
                reason: "SM2 r and s are 32 bytes each; got \(r.count) and \(s.count)"
            )
        }
        guard let signature = SM2Signature(r: rValue, s: sValue) else {
            throw SMError.invalidSignatureEncoding(reason: "SM2 r and s must each lie in [1, n − 1]")
        }
        self = signature
    }

    /// Reads the raw 64-byte form `r ‖ s`.
    ///
    /// - Throws: `SMError.invalidSignatureEncoding` when the length is not 64 or r or s is out of range.
    public init(rawRepresentation bytes: [UInt8]) throws {
        guard bytes.count == 64 else {
            throw SMError.invalidSignatureEncoding(reason: "a raw SM2 signature is 64 bytes r‖s; got \(bytes.count)")
        }
        try self.init(r: Array(bytes[0..<32]), s: Array(bytes[32..<64]))
    }

    /// Reads the DER form `SEQUENCE { r INTEGER, s INTEGER }`, strictly (no BER, no trailing bytes).
    ///
    /// - Throws: `SMError.invalidSignatureEncoding` for malformed DER, negative or over-long integers, or
    ///   values outside [1, n − 1].
    public init(derRepresentation bytes: [UInt8]) throws {
        do {
            self = try SM2Signature(derEncoded: bytes[...])
        } catch let error as SMError {
            throw error
        } catch {
            throw SMError.invalidSignatureEncoding(reason: "the SM2 signature is not DER SEQUENCE { r, s }: \(error)")
        }
    }

    /// Reads `SEQUENCE { r INTEGER, s INTEGER }` from a parsed DER node.
    ///
    /// - Throws: `ASN1Error` for malformed DER; `SMError.invalidSignatureEncoding` when r or s is out of range.
    public init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try DER.sequence(node, identifier: identifier) { nodes in
            let r = try ArraySlice<UInt8>(derEncoded: &nodes)
            let s = try ArraySlice<UInt8>(derEncoded: &nodes)
            return try SM2Signature(r: SM2Signature.unsigned32(r), s: SM2Signature.unsigned32(s))
        }
    }

    /// Writes `SEQUENCE { r INTEGER, s INTEGER }`.
    public func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(ArraySlice(rLimbs.bigEndianBytes))
            try coder.serialize(ArraySlice(sLimbs.bigEndianBytes))
        }
    }

    /// r as 32 big-endian bytes.
    public var r: [UInt8] { rLimbs.bigEndianBytes }

    /// s as 32 big-endian bytes.
    public var s: [UInt8] { sLimbs.bigEndianBytes }

    /// `r ‖ s`, 64 bytes.
    public var rawRepresentation: [UInt8] { r + s }

    /// DER `SEQUENCE { r INTEGER, s INTEGER }`.
    public var derRepresentation: [UInt8] {
        var serializer = DER.Serializer()
        // Serialising two in-range integers cannot fail.
        try? serializer.serialize(self)
        return serializer.serializedBytes
    }

    /// swift-asn1 decodes an unsigned INTEGER to its magnitude (minimal, no sign byte; negatives are refused):
    /// left-pad it to 32 bytes.
    private static func unsigned32(_ magnitude: ArraySlice<UInt8>) throws -> [UInt8] {
        guard magnitude.count <= 32 else {
            throw SMError.invalidSignatureEncoding(reason: "SM2 r or s is longer than 32 bytes, so not below n")
        }
        return [UInt8](repeating: 0, count: 32 - magnitude.count) + magnitude
    }
}
