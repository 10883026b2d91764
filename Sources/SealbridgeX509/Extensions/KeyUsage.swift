public import SwiftASN1

/// `KeyUsage ::= BIT STRING { digitalSignature (0), nonRepudiation (1), keyEncipherment (2), dataEncipherment (3),
/// keyAgreement (4), keyCertSign (5), cRLSign (6), encipherOnly (7), decipherOnly (8) }`.
public struct KeyUsage: OptionSet, Hashable, Sendable, DERSerializable {
    /// The bits, bit 0 (digitalSignature) as the lowest.
    public let rawValue: UInt16

    /// Makes a set from bits.
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// digitalSignature (0).
    public static let digitalSignature = KeyUsage(rawValue: 1 << 0)
    /// nonRepudiation / contentCommitment (1).
    public static let nonRepudiation = KeyUsage(rawValue: 1 << 1)
    /// keyEncipherment (2).
    public static let keyEncipherment = KeyUsage(rawValue: 1 << 2)
    /// dataEncipherment (3).
    public static let dataEncipherment = KeyUsage(rawValue: 1 << 3)
    /// keyAgreement (4).
    public static let keyAgreement = KeyUsage(rawValue: 1 << 4)
    /// keyCertSign (5).
    public static let keyCertSign = KeyUsage(rawValue: 1 << 5)
    /// cRLSign (6).
    public static let crlSign = KeyUsage(rawValue: 1 << 6)
    /// encipherOnly (7).
    public static let encipherOnly = KeyUsage(rawValue: 1 << 7)
    /// decipherOnly (8).
    public static let decipherOnly = KeyUsage(rawValue: 1 << 8)

    /// Reads the extension value.
    ///
    /// - Throws: `X509Error` for malformed DER or bits beyond decipherOnly.
    public init(extensionValue bytes: ArraySlice<UInt8>) throws {
        rawValue = try decodingExtension("keyUsage") {
            let bits = try ASN1BitString(derEncoded: try DER.parse(bytes))
            guard bits.bytes.count <= 2 else {
                throw X509Error.invalidValue(reason: "keyUsage has bits beyond decipherOnly")
            }
            let value = bits.namedBits
            guard value >> 9 == 0 else {
                throw X509Error.invalidValue(reason: "keyUsage has bits beyond decipherOnly")
            }
            return value
        }
    }

    /// Writes the BIT STRING with trailing zero bits removed (X.690 §11.2.2).
    public func serialize(into coder: inout DER.Serializer) throws {
        try coder.serialize(ASN1BitString(namedBits: rawValue))
    }

    /// Each bit with its RFC 5280 §4.2.1.3 name and the name `openssl x509 -text` writes.
    private static let bitNames: [(bit: KeyUsage, asn1: String, display: String)] = [
        (.digitalSignature, "digitalSignature", "Digital Signature"),
        (.nonRepudiation, "nonRepudiation", "Non Repudiation"),
        (.keyEncipherment, "keyEncipherment", "Key Encipherment"),
        (.dataEncipherment, "dataEncipherment", "Data Encipherment"),
        (.keyAgreement, "keyAgreement", "Key Agreement"), (.keyCertSign, "keyCertSign", "Certificate Sign"),
        (.crlSign, "cRLSign", "CRL Sign"), (.encipherOnly, "encipherOnly", "Encipher Only"),
        (.decipherOnly, "decipherOnly", "Decipher Only"),
    ]

    /// The names of the set bits, as `openssl x509 -text` writes them.
    public var names: [String] {
        KeyUsage.bitNames.filter { contains($0.bit) }.map(\.display)
    }

    /// The bit RFC 5280 names `name` (e.g. `nonRepudiation`; `contentCommitment` is its newer name), or `nil`.
    public static func named(_ name: String) -> KeyUsage? {
        if name == "contentCommitment" { return .nonRepudiation }
        return bitNames.first { $0.asn1.lowercased() == name.lowercased() }?.bit
    }
}
