import SealbridgeCrypto
import SwiftASN1

/// The certificates a seal may be used with (GB/T 38540-2020 §6.2.4 `SES_CertList`; GM/T 0031 has only the first
/// form): the signer's certificate must be one of them.
public enum SESCertificateList: Sendable, Hashable {
    /// `CertInfoList ::= SEQUENCE OF OCTET STRING`, each a DER certificate.
    case certificates([[UInt8]])
    /// `CertDigestList ::= SEQUENCE OF CertDigestObj { type PrintableString, value OCTET STRING }`: the hash
    /// algorithm's name (e.g. "SM3") and the digest of each certificate.
    case digests([Digest])

    /// One `CertDigestObj`.
    public struct Digest: Sendable, Hashable {
        /// The hash algorithm as the seal names it ("SM3", "SHA-256", or an OID in text).
        public let algorithm: String
        /// The certificate's digest.
        public let value: [UInt8]
    }

    /// `listType` 1 = certificates, 2 = digests; V1 seals have no type and only certificates.
    init(node: ASN1Node, listType: Int) throws(SESError) {
        let items = try SESDERReading.sequence(node, "SES_ESPropertyInfo.certList")
        switch listType {
        case 1:
            var certificates: [[UInt8]] = []
            for (index, item) in items.enumerated() {
                // GM/T 0031 V1 writers put the certificates as OCTET STRINGs; some put the Certificate SEQUENCE itself.
                if item.identifier == .sequence {
                    certificates.append(Array(item.encodedBytes))
                } else {
                    certificates.append(try SESDERReading.octetString(item, "certList[\(index)]"))
                }
            }
            self = .certificates(certificates)
        case 2:
            var digests: [Digest] = []
            for (index, item) in items.enumerated() {
                let fields = try SESDERReading.sequence(item, "certList[\(index)]")
                guard fields.count == 2 else { throw SESError("certList[\(index)]", "is not { type, value }") }
                digests.append(
                    Digest(
                        algorithm: try SESDERReading.text(fields[0], "certList[\(index)].type"),
                        value: try SESDERReading.octetString(fields[1], "certList[\(index)].value")
                    )
                )
            }
            self = .digests(digests)
        default:
            throw SESError("SES_ESPropertyInfo.certListType", "is \(listType); 1 (certificates) and 2 (digests) exist")
        }
    }

    /// Whether the list names `certificate` (DER): by its bytes, or by the digest the list gives (GB/T 38540-2020
    /// §7.3: the signer's certificate must be one the seal lists); `nil` when no digest uses a known algorithm.
    public func lists(_ certificate: [UInt8]) -> Bool? {
        switch self {
        case .certificates(let certificates):
            return certificates.contains(certificate)
        case .digests(let digests):
            guard !digests.isEmpty else { return false }
            var comparable = false
            for digest in digests {
                guard let function = OFDSignatureDescription.hashFunction(named: digest.algorithm) else { continue }
                comparable = true
                if function.digest(certificate) == digest.value { return true }
            }
            return comparable ? false : nil
        }
    }

    /// How many certificates the list names.
    public var count: Int {
        switch self {
        case .certificates(let list): list.count
        case .digests(let list): list.count
        }
    }
}
