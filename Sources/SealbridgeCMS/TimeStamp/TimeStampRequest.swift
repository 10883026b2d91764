import SealbridgeCrypto
public import SealbridgeX509
public import SwiftASN1

/// `TimeStampReq` (RFC 3161 §2.4.1).
///
/// ```
/// TimeStampReq ::= SEQUENCE { version INTEGER { v1(1) }, messageImprint MessageImprint,
///     reqPolicy TSAPolicyId OPTIONAL, nonce INTEGER OPTIONAL, certReq BOOLEAN DEFAULT FALSE,
///     extensions [0] IMPLICIT Extensions OPTIONAL }
/// ```
public struct TimeStampRequest: Hashable, Sendable, DERImplicitlyTaggable {
    /// The universal tag it is written with unless tagged otherwise.
    public static var defaultIdentifier: ASN1Identifier { .sequence }

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
        return [UInt8].integerContents(of: generator.next() as UInt64)
    }

    /// Reads a request (DER or BER).
    ///
    /// - Throws: `CMSError` naming the bad field.
    public init(derEncoded bytes: [UInt8]) throws {
        guard bytes.count <= TimeStampRequest.maximumByteCount else {
            throw CMSError.tooLarge("a time-stamp request of \(bytes.count) bytes is over the 64 KiB limit")
        }
        self = try BERInput.read(bytes, as: TimeStampRequest.self, what: "TimeStampReq")
    }

    /// Reads it from a parsed node carrying `identifier`.
    ///
    /// - Throws: `CMSError` naming the bad field.
    public init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try DER.sequence(node, identifier: identifier) { nodes in
            let version = try Int(derEncoded: &nodes)
            guard version == 1 else { throw CMSError.invalidValue("TimeStampReq version \(version) is not 1") }
            guard let imprintNode = nodes.next() else {
                throw CMSError.malformed("TimeStampReq has no messageImprint")
            }
            let imprint = try MessageImprint(derEncoded: imprintNode)
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

    /// The DER encoding.
    ///
    /// - Throws: when a field cannot be encoded (an object identifier of fewer than two arcs).
    public var derRepresentation: [UInt8] {
        get throws {
            var coder = DER.Serializer()
            try coder.serialize(self)
            return coder.serializedBytes
        }
    }

    /// Writes its DER under `identifier`.
    public func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(1)
            try coder.serialize(messageImprint)
            if let policy { try coder.serialize(policy) }
            if let nonce { coder.appendPrimitiveNode(identifier: .integer) { $0.append(contentsOf: nonce) } }
            if certificateRequested { try coder.serialize(true) }
            if !extensions.isEmpty {
                try coder.serializeSequenceOf(
                    extensions,
                    identifier: ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)
                )
            }
        }
    }
}
