public import SwiftASN1

/// `PKIStatusInfo` (RFC 3161 §2.4.2, RFC 4210): the TSA's answer.
public struct TimeStampStatus: Hashable, Sendable, CustomStringConvertible, DERImplicitlyTaggable {
    /// The universal tag it is written with unless tagged otherwise.
    public static var defaultIdentifier: ASN1Identifier { .sequence }

    /// `PKIStatus`.
    public enum Status: Int, Hashable, Sendable {
        /// A token is present.
        case granted = 0
        /// A token is present, with modifications.
        case grantedWithModifications = 1
        /// Refused; see `failureInfo`.
        case rejection = 2
        /// Not yet ready.
        case waiting = 3
        /// A revocation is imminent.
        case revocationWarning = 4
        /// A revocation has occurred.
        case revocationNotification = 5
    }

    /// `PKIFailureInfo` bits (RFC 3161 §2.4.2).
    public enum FailureInfo: Int, Hashable, Sendable, CaseIterable {
        /// Unrecognised or unsupported algorithm.
        case badAlgorithm = 0
        /// Transaction not permitted or supported.
        case badRequest = 2
        /// The data submitted has the wrong format.
        case badDataFormat = 5
        /// The TSA's time source is not available.
        case timeNotAvailable = 14
        /// The requested policy is not supported.
        case unacceptedPolicy = 15
        /// The requested extension is not supported.
        case unacceptedExtension = 16
        /// Additional information not available.
        case additionalInformationNotAvailable = 17
        /// The request cannot be handled due to system failure.
        case systemFailure = 25
    }

    /// The status.
    public let status: Status
    /// Free text from the TSA.
    public let text: [String]
    /// The failure bits set.
    public let failureInfo: Set<FailureInfo>

    /// Makes a status.
    public init(status: Status, text: [String] = [], failureInfo: Set<FailureInfo> = []) {
        self.status = status
        self.text = text
        self.failureInfo = failureInfo
    }

    /// e.g. `rejection (badAlgorithm): SHA-1 is not accepted`.
    public var description: String {
        var result = "\(status)"
        if !failureInfo.isEmpty {
            result +=
                " (" + failureInfo.sorted { $0.rawValue < $1.rawValue }.map { "\($0)" }.joined(separator: ", ")
                + ")"
        }
        if !text.isEmpty { result += ": " + text.joined(separator: "; ") }
        return result
    }

    /// Reads it from a parsed node carrying `identifier`.
    ///
    /// - Throws: `CMSError` naming the bad field.
    public init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try DER.sequence(node, identifier: identifier) { nodes in
            let value = try Int(derEncoded: &nodes)
            guard let status = Status(rawValue: value) else {
                throw CMSError.invalidValue("PKIStatus \(value) is not defined")
            }
            var text: [String] = []
            var failure: Set<FailureInfo> = []
            while let field = nodes.next() {
                if field.identifier == .sequence, case .constructed(let strings) = field.content {
                    text = try strings.prefix(16).map { try DirectoryString.text($0) }
                } else if field.identifier == .bitString {
                    let bits = try ASN1BitString(derEncoded: field)
                    for info in FailureInfo.allCases {
                        let byte = info.rawValue / 8
                        if byte < bits.bytes.count,
                            bits.bytes[bits.bytes.startIndex + byte] & (0x80 >> (info.rawValue % 8)) != 0
                        {
                            failure.insert(info)
                        }
                    }
                } else {
                    throw CMSError.malformed("PKIStatusInfo has an unexpected field \(field.identifier)")
                }
            }
            return TimeStampStatus(status: status, text: text, failureInfo: failure)
        }
    }

    /// Writes its DER under `identifier`.
    public func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(status.rawValue)
            if !text.isEmpty { try coder.serializeSequenceOf(text.map { ASN1UTF8String($0) }) }
            if let highest = failureInfo.map(\.rawValue).max() {
                var bytes = [UInt8](repeating: 0, count: highest / 8 + 1)
                for info in failureInfo { bytes[info.rawValue / 8] |= 0x80 >> (info.rawValue % 8) }
                try coder.serialize(ASN1BitString(bytes: bytes[...], paddingBits: 7 - highest % 8))
            }
        }
    }
}
