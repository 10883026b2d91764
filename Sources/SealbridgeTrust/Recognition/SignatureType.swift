public import SwiftASN1

/// Whether a signature is a legal person's seal or a natural person's signature: eIDAS distinguishes electronic
/// seals (Art. 3(25)) from electronic signatures (Art. 3(10)), and China's 电子签章 made with an organisation's seal
/// (GB/T 38540) is a legal person's. Agreements can be limited to one of them (`signature_types = ["seal"]`).
public enum SignatureType: String, Sendable, Hashable, CaseIterable, Codable {
    /// A legal person's seal: an OFD / GB/T 38540 seal, or a certificate with the EU QcType `eseal`.
    case seal
    /// A natural person's signature: a certificate with the EU QcType `esign`.
    case signature

    /// ETSI EN 319 412-5 §4.2.3 QcType id-etsi-qct-esign, 0.4.0.1862.1.6.1 (id-etsi-qct-web, for website
    /// certificates, is neither type).
    public static let qcTypeESign: ASN1ObjectIdentifier = [0, 4, 0, 1862, 1, 6, 1]
    /// ETSI EN 319 412-5 §4.2.3 QcType id-etsi-qct-eseal, 0.4.0.1862.1.6.2.
    public static let qcTypeESeal: ASN1ObjectIdentifier = [0, 4, 0, 1862, 1, 6, 2]

    /// The type a signature's facts establish: a seal structure says seal (unless the signer's certificate is a
    /// natural person's by its QcType: then nothing decides); otherwise the certificate's QcType, when it names
    /// exactly one of the two; nil when nothing says.
    public static func of(madeWithSeal: Bool, qcStatements: Set<ASN1ObjectIdentifier>) -> SignatureType? {
        let eseal = qcStatements.contains(qcTypeESeal)
        let esign = qcStatements.contains(qcTypeESign)
        // A seal structure signed with a natural person's certificate: the two facts disagree, so neither decides.
        if madeWithSeal { return esign && !eseal ? nil : .seal }
        switch (eseal, esign) {
        case (true, false): return .seal
        case (false, true): return .signature
        default: return nil
        }
    }
}
