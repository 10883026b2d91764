public import SwiftASN1

/// `TimeStampResp ::= SEQUENCE { status PKIStatusInfo, timeStampToken TimeStampToken OPTIONAL }` (RFC 3161 §2.4.2).
public struct TimeStampResponse: Hashable, Sendable, DERImplicitlyTaggable {
    /// The universal tag it is written with unless tagged otherwise.
    public static var defaultIdentifier: ASN1Identifier { .sequence }

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
        self = try BERInput.read(bytes, as: TimeStampResponse.self, what: "TimeStampResp")
    }

    /// Reads it from a parsed node carrying `identifier`.
    ///
    /// - Throws: `CMSError` naming the bad field.
    public init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try DER.sequence(node, identifier: identifier) { nodes in
            guard let statusNode = nodes.next() else { throw CMSError.malformed("TimeStampResp has no status") }
            let status = try TimeStampStatus(derEncoded: statusNode)
            let token = nodes.next().map { Array($0.encodedBytes) }
            guard nodes.next() == nil else { throw CMSError.malformed("TimeStampResp has extra fields") }
            return TimeStampResponse(status: status, tokenBytes: token)
        }
    }

    /// The DER encoding.
    ///
    /// - Throws: when the status cannot be encoded.
    public var derRepresentation: [UInt8] {
        get throws {
            var coder = DER.Serializer()
            try coder.serialize(self)
            return coder.serializedBytes
        }
    }

    /// The status, then the token's bytes as they are.
    public func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(status)
            if let tokenBytes { coder.serializeRawBytes(tokenBytes) }
        }
    }
}
