import SealbridgeCrypto
public import SealbridgeX509
public import SwiftASN1

/// The ESS signing-certificate(-v2) attribute: references to the signer's certificate (and possibly the chain)
/// by hash and, optionally, issuer and serial (RFC 5035 §4, RFC 2634 §5.4).
public struct SigningCertificateReference: Hashable, Sendable, DERSerializable {
    /// One `ESSCertID`/`ESSCertIDv2`.
    public struct CertificateID: Hashable, Sendable {
        /// The hash over the whole certificate's DER: SHA-1 for v1, `hashAlgorithm` (default SHA-256) for v2.
        public let hash: HashAlgorithmReference
        /// The hash value.
        public let certificateHash: [UInt8]
        /// `issuerSerial.issuer`, when present.
        public let issuer: [GeneralName]?
        /// `issuerSerial.serialNumber`'s content bytes, when present.
        public let serialNumber: [UInt8]?
    }

    /// 1 (`signingCertificate`) or 2 (`signingCertificateV2`).
    public let version: Int
    /// The references; the first is the signer's certificate (RFC 5035 §5.4).
    public let certificates: [CertificateID]

    init(node: ASN1Node, version: Int) throws {
        self.version = version
        certificates = try CMSError.reading("the signing-certificate attribute") {
            try DER.sequence(node, identifier: .sequence) { nodes in
                guard let certs = nodes.next() else { throw CMSError.malformed("SigningCertificate has no certs") }
                guard certs.identifier == .sequence, case .constructed(let items) = certs.content else {
                    throw CMSError.malformed("SigningCertificate certs is not a SEQUENCE")
                }
                return try items.map { item in
                    try DER.sequence(item, identifier: .sequence) { fields in
                        var hash = HashAlgorithmReference(oid: HashFunction.insecureSHA1.oid, hasNullParameters: false)
                        if version == 2 {
                            hash = HashAlgorithmReference(oid: HashFunction.sha256.oid, hasNullParameters: false)
                            if let peek = fields.next() {
                                if peek.identifier == .sequence {
                                    let identifier = try AlgorithmIdentifier(derEncoded: peek)
                                    hash = HashAlgorithmReference(
                                        oid: identifier.algorithm,
                                        hasNullParameters: identifier.parameters != nil
                                    )
                                    guard let digestNode = fields.next() else {
                                        throw CMSError.malformed("ESSCertIDv2 has no certHash")
                                    }
                                    return try CertificateID.read(hash: hash, digestNode: digestNode, rest: &fields)
                                }
                                return try CertificateID.read(hash: hash, digestNode: peek, rest: &fields)
                            }
                            throw CMSError.malformed("ESSCertIDv2 is empty")
                        }
                        guard let digestNode = fields.next() else { throw CMSError.malformed("ESSCertID is empty") }
                        return try CertificateID.read(hash: hash, digestNode: digestNode, rest: &fields)
                    }
                }
            }
        }
    }

    init(version: Int, certificates: [CertificateID]) {
        self.version = version
        self.certificates = certificates
    }

    /// Writes `SigningCertificate(V2) ::= SEQUENCE { certs SEQUENCE OF ESSCertID(v2) }` without policies:
    ///
    /// ```
    /// ESSCertIDv2 ::= SEQUENCE { hashAlgorithm AlgorithmIdentifier DEFAULT {algorithm id-sha256},
    ///     certHash OCTET STRING, issuerSerial IssuerSerial OPTIONAL }
    /// ESSCertID ::= SEQUENCE { certHash OCTET STRING (SHA-1), issuerSerial IssuerSerial OPTIONAL }
    /// IssuerSerial ::= SEQUENCE { issuer GeneralNames, serialNumber CertificateSerialNumber }
    /// ```
    ///
    /// In v2 the hash algorithm is left out when it is the default SHA-256 without parameters (RFC 5035 §4).
    public func serialize(into coder: inout DER.Serializer) throws {
        try coder.appendConstructedNode(identifier: .sequence) { coder in
            try coder.appendConstructedNode(identifier: .sequence) { coder in
                for certificate in certificates {
                    try certificate.serialize(into: &coder, version: version)
                }
            }
        }
    }
}

extension SigningCertificateReference.CertificateID {
    fileprivate func serialize(into coder: inout DER.Serializer, version: Int) throws {
        try coder.appendConstructedNode(identifier: .sequence) { coder in
            if version == 2, hash.oid != HashFunction.sha256.oid || hash.hasNullParameters {
                try coder.serialize(
                    AlgorithmIdentifier(algorithm: hash.oid, parameters: hash.hasNullParameters ? [0x05, 0x00] : nil)
                )
            }
            try coder.serialize(ASN1OctetString(contentBytes: certificateHash[...]))
            if let issuer, let serialNumber {
                try coder.appendConstructedNode(identifier: .sequence) { coder in
                    try coder.serializeSequenceOf(issuer)
                    coder.appendPrimitiveNode(identifier: .integer) { $0.append(contentsOf: serialNumber) }
                }
            }
        }
    }

    fileprivate static func read(
        hash: HashAlgorithmReference,
        digestNode: ASN1Node,
        rest: inout ASN1NodeCollection.Iterator
    ) throws -> Self {
        guard digestNode.identifier == .octetString, case .primitive(let digest) = digestNode.content else {
            throw CMSError.malformed("certHash is not an OCTET STRING")
        }
        var issuer: [GeneralName]?
        var serial: [UInt8]?
        if let issuerSerial = rest.next() {
            (issuer, serial) = try DER.sequence(issuerSerial, identifier: .sequence) { parts in
                guard let names = parts.next(), let serialNode = parts.next(), serialNode.identifier == .integer,
                    case .primitive(let serialBytes) = serialNode.content
                else {
                    throw CMSError.malformed("IssuerSerial needs issuer and serialNumber")
                }
                return (try GeneralName.sequence(names), Array(serialBytes))
            }
        }
        return Self(hash: hash, certificateHash: Array(digest), issuer: issuer, serialNumber: serial)
    }

    /// Whether this reference names `certificate`: the hash over its DER matches and, when present, the issuer
    /// (as a directoryName) and serial number match (RFC 5035 §5.4). The issuer is compared by RFC 5280 §7.1
    /// name matching, not by bytes: signers re-encode it (UTF8String for PrintableString, other case or spacing),
    /// and the certificate hash already binds the certificate itself.
    public func matches(_ certificate: Certificate) -> Bool {
        guard let function = hash.function, function.digest(certificate.derBytes) == certificateHash else {
            return false
        }
        if let serialNumber, serialNumber[...] != certificate.serialNumber { return false }
        if let issuer {
            let named = issuer.contains { name in
                if case .directoryName(let directory) = name {
                    return directory.matches(certificate.issuer)
                }
                return false
            }
            if !named { return false }
        }
        return true
    }
}
