import SealbridgeCrypto
public import SealbridgeX509
public import SwiftASN1

/// `TSTInfo` (RFC 3161 §2.4.2): what a time-stamp token asserts.
///
/// ```
/// TSTInfo ::= SEQUENCE { version INTEGER { v1(1) }, policy TSAPolicyId, messageImprint MessageImprint,
///     serialNumber INTEGER, genTime GeneralizedTime, accuracy Accuracy OPTIONAL,
///     ordering BOOLEAN DEFAULT FALSE, nonce INTEGER OPTIONAL, tsa [0] GeneralName OPTIONAL,
///     extensions [1] IMPLICIT Extensions OPTIONAL }
/// ```
public struct TSTInfo: Hashable, Sendable, DERImplicitlyTaggable {
    /// The universal tag it is written with unless tagged otherwise.
    public static var defaultIdentifier: ASN1Identifier { .sequence }

    /// The TSA's policy under which the token was issued.
    public let policy: ASN1ObjectIdentifier
    /// The imprint of the time-stamped data.
    public let messageImprint: MessageImprint
    /// The serial number's content bytes (unique per TSA).
    public let serialNumber: [UInt8]
    /// The time.
    public private(set) var genTime: PreciseTime
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
        self = try BERInput.read(bytes, as: TSTInfo.self, what: "TSTInfo")
    }

    /// Reads it from a parsed node carrying `identifier`.
    ///
    /// - Throws: `CMSError` naming the bad field.
    public init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try DER.sequence(node, identifier: identifier) { nodes in
            let version = try Int(derEncoded: &nodes)
            guard version == 1 else { throw CMSError.invalidValue("TSTInfo version \(version) is not 1") }
            let policy = try ASN1ObjectIdentifier(derEncoded: &nodes)
            guard let imprintNode = nodes.next() else { throw CMSError.malformed("TSTInfo has no messageImprint") }
            let imprint = try MessageImprint(derEncoded: imprintNode)
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
                    accuracy = try TimeStampAccuracy(derEncoded: node)
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

    /// The DER encoding, genTime cut to `fractionDigits` digits of its fraction (trailing zeros dropped).
    ///
    /// - Throws: when a field cannot be encoded (an object identifier of fewer than two arcs).
    public func derRepresentation(fractionDigits: Int = 3) throws -> [UInt8] {
        var cut = self
        cut.genTime = genTime.truncated(toFractionDigits: fractionDigits)
        return try cut.serializedDER()
    }

    /// Writes every field; genTime with all the digits of its fraction that are not trailing zeros.
    public func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(1)
            try coder.serialize(policy)
            try coder.serialize(messageImprint)
            coder.appendPrimitiveNode(identifier: .integer) { $0.append(contentsOf: serialNumber) }
            try coder.serialize(genTime)
            if let accuracy { try coder.serialize(accuracy) }
            if ordering { try coder.serialize(true) }
            if let nonce { coder.appendPrimitiveNode(identifier: .integer) { $0.append(contentsOf: nonce) } }
            if let tsaName {
                try coder.serialize(tsaName, explicitlyTaggedWithTagNumber: 0, tagClass: .contextSpecific)
            }
            if !extensions.isEmpty {
                try coder.serializeSequenceOf(
                    extensions,
                    identifier: ASN1Identifier(tagWithNumber: 1, tagClass: .contextSpecific)
                )
            }
        }
    }
}
