public import SealbridgeCrypto
public import SealbridgeX509
public import SwiftASN1

/// `MessageImprint ::= SEQUENCE { hashAlgorithm AlgorithmIdentifier, hashedMessage OCTET STRING }` (RFC 3161 §2.4.1).
public struct MessageImprint: Hashable, Sendable {
    /// The hash algorithm as written.
    public let hashAlgorithm: AlgorithmIdentifier
    /// The hash value.
    public let hashedMessage: [UInt8]

    /// An imprint of `hash` over data already hashed; the algorithm is written without parameters.
    public init(hash: HashFunction, hashedMessage: [UInt8]) {
        self.hashAlgorithm = AlgorithmIdentifier(algorithm: hash.oid, parameters: nil)
        self.hashedMessage = hashedMessage
    }

    /// The imprint of `data` under `hash`.
    public init(hashing data: [UInt8], with hash: HashFunction) {
        self.init(hash: hash, hashedMessage: hash.digest(data))
    }

    /// The hash function, when known and its parameters absent or NULL.
    public var hashFunction: HashFunction? {
        guard hashAlgorithm.hasNoOrNullParameters else { return nil }
        return HashFunction(oid: hashAlgorithm.algorithm)
    }

    /// Equal in algorithm (NULL and absent parameters alike) and value.
    public func matches(_ other: MessageImprint) -> Bool {
        hashAlgorithm.algorithm == other.hashAlgorithm.algorithm && hashedMessage == other.hashedMessage
            && hashAlgorithm.hasNoOrNullParameters == other.hashAlgorithm.hasNoOrNullParameters
    }

    init(node: ASN1Node) throws {
        (hashAlgorithm, hashedMessage) = try DER.sequence(node, identifier: .sequence) { nodes in
            let algorithm = try AlgorithmIdentifier(derEncoded: &nodes)
            guard let value = nodes.next() else { throw CMSError.malformed("MessageImprint has no hashedMessage") }
            return (algorithm, Array(try BERInput.octetString(value)))
        }
    }

    var derRepresentation: [UInt8] {
        DERWriter.sequence([DERWriter.encode(hashAlgorithm), DERWriter.octetString(hashedMessage)])
    }
}

/// `Accuracy ::= SEQUENCE { seconds INTEGER OPTIONAL, millis [0] INTEGER (1..999) OPTIONAL,
/// micros [1] INTEGER (1..999) OPTIONAL }` (RFC 3161 §2.4.2).
public struct TimeStampAccuracy: Hashable, Sendable, CustomStringConvertible {
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

    init(node: ASN1Node) throws {
        guard node.identifier == .sequence, case .constructed(let children) = node.content else {
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

    var derRepresentation: [UInt8] {
        var fields: [[UInt8]] = []
        if seconds > 0 { fields.append(DERWriter.integer(seconds)) }
        if milliseconds > 0 {
            var millis = DERWriter.integer(milliseconds)
            millis[0] = 0x80
            fields.append(millis)
        }
        if microseconds > 0 {
            var micros = DERWriter.integer(microseconds)
            micros[0] = 0x81
            fields.append(micros)
        }
        return DERWriter.sequence(fields)
    }
}

/// `TSTInfo` (RFC 3161 §2.4.2): what a time-stamp token asserts.
///
/// ```
/// TSTInfo ::= SEQUENCE { version INTEGER { v1(1) }, policy TSAPolicyId, messageImprint MessageImprint,
///     serialNumber INTEGER, genTime GeneralizedTime, accuracy Accuracy OPTIONAL,
///     ordering BOOLEAN DEFAULT FALSE, nonce INTEGER OPTIONAL, tsa [0] GeneralName OPTIONAL,
///     extensions [1] IMPLICIT Extensions OPTIONAL }
/// ```
public struct TSTInfo: Hashable, Sendable {
    /// The TSA's policy under which the token was issued.
    public let policy: ASN1ObjectIdentifier
    /// The imprint of the time-stamped data.
    public let messageImprint: MessageImprint
    /// The serial number's content bytes (unique per TSA).
    public let serialNumber: [UInt8]
    /// The time.
    public let genTime: PreciseTime
    /// The accuracy, when stated.
    public let accuracy: TimeStampAccuracy?
    /// Whether tokens of this TSA can be ordered by genTime alone.
    public let ordering: Bool
    /// The request's nonce, echoed (INTEGER content bytes).
    public let nonce: [UInt8]?
    /// The TSA's name, when given.
    public let tsaName: GeneralName?
    /// The extensions.
    public let extensions: [Extension]

    /// Makes a TSTInfo.
    public init(
        policy: ASN1ObjectIdentifier,
        messageImprint: MessageImprint,
        serialNumber: [UInt8],
        genTime: PreciseTime,
        accuracy: TimeStampAccuracy? = nil,
        ordering: Bool = false,
        nonce: [UInt8]? = nil,
        tsaName: GeneralName? = nil,
        extensions: [Extension] = []
    ) {
        self.policy = policy
        self.messageImprint = messageImprint
        self.serialNumber = serialNumber
        self.genTime = genTime
        self.accuracy = accuracy
        self.ordering = ordering
        self.nonce = nonce
        self.tsaName = tsaName
        self.extensions = extensions
    }

    /// Reads a TSTInfo from its DER (the token's eContent).
    ///
    /// - Throws: `CMSError` naming the bad field.
    public init(derEncoded bytes: [UInt8]) throws {
        let root = try BERInput.parse(bytes[...], what: "TSTInfo")
        self = try CMSError.reading("TSTInfo") {
            try DER.sequence(root, identifier: .sequence) { nodes in
                let version = try Int(derEncoded: &nodes)
                guard version == 1 else { throw CMSError.invalidValue("TSTInfo version \(version) is not 1") }
                let policy = try ASN1ObjectIdentifier(derEncoded: &nodes)
                guard let imprintNode = nodes.next() else { throw CMSError.malformed("TSTInfo has no messageImprint") }
                let imprint = try MessageImprint(node: imprintNode)
                guard let serialNode = nodes.next(), serialNode.identifier == .integer,
                    case .primitive(let serial) = serialNode.content, !serial.isEmpty
                else {
                    throw CMSError.malformed("TSTInfo has no serialNumber INTEGER")
                }
                guard let timeNode = nodes.next() else { throw CMSError.malformed("TSTInfo has no genTime") }
                let genTime = try PreciseTime(derEncoded: timeNode)
                var accuracy: TimeStampAccuracy?
                var ordering = false
                var nonce: [UInt8]?
                var tsaName: GeneralName?
                var extensions: [Extension] = []
                while let node = nodes.next() {
                    switch (node.identifier.tagClass, node.identifier.tagNumber) {
                    case (.universal, 16) where accuracy == nil:
                        accuracy = try TimeStampAccuracy(node: node)
                    case (.universal, 1):
                        ordering = try Bool(derEncoded: node)
                    case (.universal, 2) where nonce == nil:
                        guard case .primitive(let value) = node.content, !value.isEmpty else {
                            throw CMSError.malformed("TSTInfo nonce is not an INTEGER")
                        }
                        nonce = Array(value)
                    case (.contextSpecific, 0):
                        guard case .constructed(let inner) = node.content, let name = inner.first(where: { _ in true })
                        else {
                            throw CMSError.malformed("TSTInfo tsa [0] holds no GeneralName")
                        }
                        tsaName = try GeneralName(derEncoded: name)
                    case (.contextSpecific, 1):
                        guard case .constructed(let items) = node.content else {
                            throw CMSError.malformed("TSTInfo extensions [1] is not constructed")
                        }
                        extensions = try items.prefix(64).map { try Extension(derEncoded: $0) }
                    default:
                        throw CMSError.malformed("TSTInfo has an unexpected field \(node.identifier)")
                    }
                }
                return TSTInfo(
                    policy: policy,
                    messageImprint: imprint,
                    serialNumber: Array(serial),
                    genTime: genTime,
                    accuracy: accuracy,
                    ordering: ordering,
                    nonce: nonce,
                    tsaName: tsaName,
                    extensions: extensions
                )
            }
        }
    }

    /// The DER encoding; genTime carries `fractionDigits` digits of its fraction (trailing zeros dropped).
    public func derRepresentation(fractionDigits: Int = 3) -> [UInt8] {
        var fields = [
            DERWriter.integer(1), DERWriter.encode(policy), messageImprint.derRepresentation,
            DERWriter.integer(contents: serialNumber), genTime.derRepresentation(fractionDigits: fractionDigits),
        ]
        if let accuracy { fields.append(accuracy.derRepresentation) }
        if ordering { fields.append(DERWriter.boolean(true)) }
        if let nonce { fields.append(DERWriter.integer(contents: nonce)) }
        if let tsaName, case .directoryName(let name) = tsaName {
            fields.append(DERWriter.explicit(0, DERWriter.explicit(4, Array(name.derBytes))))
        }
        if !extensions.isEmpty {
            fields.append(DERWriter.wrap(0xA1, extensions.map { DERWriter.encode($0) }))
        }
        return DERWriter.sequence(fields)
    }
}

/// `TimeStampReq` (RFC 3161 §2.4.1).
///
/// ```
/// TimeStampReq ::= SEQUENCE { version INTEGER { v1(1) }, messageImprint MessageImprint,
///     reqPolicy TSAPolicyId OPTIONAL, nonce INTEGER OPTIONAL, certReq BOOLEAN DEFAULT FALSE,
///     extensions [0] IMPLICIT Extensions OPTIONAL }
/// ```
public struct TimeStampRequest: Hashable, Sendable {
    /// The imprint to time-stamp.
    public let messageImprint: MessageImprint
    /// The policy asked for, if any.
    public let policy: ASN1ObjectIdentifier?
    /// The nonce (INTEGER content bytes), if any.
    public let nonce: [UInt8]?
    /// Whether the TSA's certificate should be in the token.
    public let certificateRequested: Bool
    /// The extensions.
    public let extensions: [Extension]

    /// The largest request accepted.
    public static let maximumByteCount = 64 * 1024

    /// Makes a request; by default with a random 64-bit nonce and the certificate requested.
    public init(
        messageImprint: MessageImprint,
        policy: ASN1ObjectIdentifier? = nil,
        nonce: [UInt8]? = TimeStampRequest.randomNonce(),
        certificateRequested: Bool = true,
        extensions: [Extension] = []
    ) {
        self.messageImprint = messageImprint
        self.policy = policy
        self.nonce = nonce
        self.certificateRequested = certificateRequested
        self.extensions = extensions
    }

    /// A random positive 64-bit nonce's INTEGER content bytes.
    public static func randomNonce() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        let value = generator.next() as UInt64
        return DERWriter.unsignedIntegerContents((0..<8).map { UInt8(truncatingIfNeeded: value >> (56 - 8 * $0)) })
    }

    /// Reads a request (DER or BER).
    ///
    /// - Throws: `CMSError` naming the bad field.
    public init(derEncoded bytes: [UInt8]) throws {
        guard bytes.count <= TimeStampRequest.maximumByteCount else {
            throw CMSError.tooLarge("a time-stamp request of \(bytes.count) bytes is over the 64 KiB limit")
        }
        let root = try BERInput.parse(bytes[...], what: "TimeStampReq")
        self = try CMSError.reading("TimeStampReq") {
            try DER.sequence(root, identifier: .sequence) { nodes in
                let version = try Int(derEncoded: &nodes)
                guard version == 1 else { throw CMSError.invalidValue("TimeStampReq version \(version) is not 1") }
                guard let imprintNode = nodes.next() else {
                    throw CMSError.malformed("TimeStampReq has no messageImprint")
                }
                let imprint = try MessageImprint(node: imprintNode)
                var policy: ASN1ObjectIdentifier?
                var nonce: [UInt8]?
                var certReq = false
                var extensions: [Extension] = []
                while let node = nodes.next() {
                    switch (node.identifier.tagClass, node.identifier.tagNumber) {
                    case (.universal, 6) where policy == nil:
                        policy = try ASN1ObjectIdentifier(derEncoded: node)
                    case (.universal, 2) where nonce == nil:
                        guard case .primitive(let value) = node.content, !value.isEmpty else {
                            throw CMSError.malformed("TimeStampReq nonce is not an INTEGER")
                        }
                        nonce = Array(value)
                    case (.universal, 1):
                        certReq = try Bool(derEncoded: node)
                    case (.contextSpecific, 0):
                        guard case .constructed(let items) = node.content else {
                            throw CMSError.malformed("TimeStampReq extensions [0] is not constructed")
                        }
                        extensions = try items.prefix(64).map { try Extension(derEncoded: $0) }
                    default:
                        throw CMSError.malformed("TimeStampReq has an unexpected field \(node.identifier)")
                    }
                }
                return TimeStampRequest(
                    messageImprint: imprint,
                    policy: policy,
                    nonce: nonce,
                    certificateRequested: certReq,
                    extensions: extensions
                )
            }
        }
    }

    /// The DER encoding.
    public var derRepresentation: [UInt8] {
        var fields = [DERWriter.integer(1), messageImprint.derRepresentation]
        if let policy { fields.append(DERWriter.encode(policy)) }
        if let nonce { fields.append(DERWriter.integer(contents: nonce)) }
        if certificateRequested { fields.append(DERWriter.boolean(true)) }
        if !extensions.isEmpty { fields.append(DERWriter.wrap(0xA0, extensions.map { DERWriter.encode($0) })) }
        return DERWriter.sequence(fields)
    }
}

/// `PKIStatusInfo` (RFC 3161 §2.4.2, RFC 4210): the TSA's answer.
public struct TimeStampStatus: Hashable, Sendable, CustomStringConvertible {
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

    init(node: ASN1Node) throws {
        self = try DER.sequence(node, identifier: .sequence) { nodes in
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

    var derRepresentation: [UInt8] {
        var fields = [DERWriter.integer(status.rawValue)]
        if !text.isEmpty { fields.append(DERWriter.sequence(text.map(DERWriter.utf8String))) }
        if let highest = failureInfo.map(\.rawValue).max() {
            var bytes = [UInt8](repeating: 0, count: highest / 8 + 1)
            for info in failureInfo { bytes[info.rawValue / 8] |= 0x80 >> (info.rawValue % 8) }
            let unused = 7 - highest % 8
            fields.append(DERWriter.header(0x03, length: bytes.count + 1) + [UInt8(unused)] + bytes)
        }
        return DERWriter.sequence(fields)
    }
}

/// `TimeStampResp ::= SEQUENCE { status PKIStatusInfo, timeStampToken TimeStampToken OPTIONAL }` (RFC 3161 §2.4.2).
public struct TimeStampResponse: Hashable, Sendable {
    /// The status.
    public let status: TimeStampStatus
    /// The token's DER (a ContentInfo with SignedData), when granted.
    public let tokenBytes: [UInt8]?

    /// The largest response accepted.
    public static let maximumByteCount = 1 << 20

    /// Makes a response.
    public init(status: TimeStampStatus, tokenBytes: [UInt8]?) {
        self.status = status
        self.tokenBytes = tokenBytes
    }

    /// Reads a response.
    ///
    /// - Throws: `CMSError` naming the bad field.
    public init(derEncoded bytes: [UInt8]) throws {
        guard bytes.count <= TimeStampResponse.maximumByteCount else {
            throw CMSError.tooLarge("a time-stamp response of \(bytes.count) bytes is over the 1 MiB limit")
        }
        let root = try BERInput.parse(bytes[...], what: "TimeStampResp")
        self = try CMSError.reading("TimeStampResp") {
            try DER.sequence(root, identifier: .sequence) { nodes in
                guard let statusNode = nodes.next() else { throw CMSError.malformed("TimeStampResp has no status") }
                let status = try TimeStampStatus(node: statusNode)
                let token = nodes.next().map { Array($0.encodedBytes) }
                guard nodes.next() == nil else { throw CMSError.malformed("TimeStampResp has extra fields") }
                return TimeStampResponse(status: status, tokenBytes: token)
            }
        }
    }

    /// The DER encoding.
    public var derRepresentation: [UInt8] {
        DERWriter.sequence([status.derRepresentation] + (tokenBytes.map { [$0] } ?? []))
    }
}
