import SwiftASN1

/// Converts ECDSA and SM2 signatures between DER `SEQUENCE { r INTEGER, s INTEGER }` and raw `r ‖ s`.
public enum SignatureEncoding {
    /// The length of r (and of s) in the raw form for a key kind; `nil` for kinds without (r, s).
    public static func componentByteCount(for algorithm: KeyAlgorithm) -> Int? {
        switch algorithm {
        case .sm2, .p256, .brainpoolP256r1: return 32
        case .p384, .brainpoolP384r1: return 48
        case .brainpoolP512r1: return 64
        case .p521: return 66
        case .ed25519, .rsa, .dsa: return nil
        }
    }

    /// `r ‖ s`, each left-padded to `componentByteCount`.
    ///
    /// - Throws: `CryptoError.invalidSignatureEncoding` for malformed DER or components that are too long.
    public static func raw(fromDER der: [UInt8], componentByteCount: Int) throws -> [UInt8] {
        do {
            let (r, s) = try DER.sequence(try DER.parse(der), identifier: .sequence) { nodes in
                (try ArraySlice<UInt8>(derEncoded: &nodes), try ArraySlice<UInt8>(derEncoded: &nodes))
            }
            guard r.count <= componentByteCount, s.count <= componentByteCount else {
                throw CryptoError.invalidSignatureEncoding(reason: "r or s is longer than \(componentByteCount) bytes")
            }
            return [UInt8](repeating: 0, count: componentByteCount - r.count) + r
                + [UInt8](repeating: 0, count: componentByteCount - s.count) + s
        } catch let error as CryptoError {
            throw error
        } catch {
            throw CryptoError.invalidSignatureEncoding(reason: "the signature is not DER SEQUENCE { r, s }: \(error)")
        }
    }

    /// DER `SEQUENCE { r, s }` from `r ‖ s` (two halves of equal length).
    ///
    /// - Throws: `CryptoError.invalidSignatureEncoding` for an odd or empty length.
    public static func der(fromRaw raw: [UInt8]) throws -> [UInt8] {
        guard !raw.isEmpty, raw.count % 2 == 0 else {
            throw CryptoError.invalidSignatureEncoding(
                reason: "a raw signature is r‖s of equal halves; got \(raw.count) bytes"
            )
        }
        let half = raw.count / 2
        var serializer = DER.Serializer()
        try serializer.appendConstructedNode(identifier: .sequence) { coder in
            try coder.serialize(ArraySlice(raw[0..<half]))
            try coder.serialize(ArraySlice(raw[half...]))
        }
        return serializer.serializedBytes
    }
}
