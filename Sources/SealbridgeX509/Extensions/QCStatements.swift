public import SwiftASN1

/// ETSI EN 319 412-5 qcStatements (`QCStatements ::= SEQUENCE OF QCStatement`, RFC 3739): what makes a
/// certificate qualified under eIDAS, or under a third country's equivalent scheme.
public struct QCStatements: Hashable, Sendable {
    /// esi4-qcStatement-1, QcCompliance.
    public static let qcCompliance: ASN1ObjectIdentifier = [0, 4, 0, 1862, 1, 1]
    /// esi4-qcStatement-4, QcSSCD (key in a qualified signature creation device).
    public static let qcSSCD: ASN1ObjectIdentifier = [0, 4, 0, 1862, 1, 4]
    /// esi4-qcStatement-5, QcPDS (PKI disclosure statements).
    public static let qcPDS: ASN1ObjectIdentifier = [0, 4, 0, 1862, 1, 5]
    /// esi4-qcStatement-6, QcType.
    public static let qcType: ASN1ObjectIdentifier = [0, 4, 0, 1862, 1, 6]
    /// esi4-qcStatement-7, QcCClegislation: the countries under whose law a non-EU certificate is qualified.
    public static let qcCClegislation: ASN1ObjectIdentifier = [0, 4, 0, 1862, 1, 7]

    /// Each statement's OID and the DER of its info, when present.
    public let statements: [ASN1ObjectIdentifier: [UInt8]?]

    /// Reads the extension value.
    ///
    /// - Throws: `X509Error` for malformed DER.
    public init(extensionValue bytes: ArraySlice<UInt8>) throws {
        statements = try decodingExtension("qcStatements") {
            let root = try DER.parse(bytes)
            guard root.identifier == .sequence, case .constructed(let children) = root.content else {
                throw X509Error.malformedDER(reason: "qcStatements must be a SEQUENCE")
            }
            var statements: [ASN1ObjectIdentifier: [UInt8]?] = [:]
            for node in children {
                let (oid, info) = try DER.sequence(node, identifier: .sequence) { nodes in
                    (try ASN1ObjectIdentifier(derEncoded: &nodes), nodes.next().map { Array($0.encodedBytes) })
                }
                statements[oid] = info
            }
            return statements
        }
    }

    /// Whether QcCompliance is claimed (an EU qualified certificate).
    public var isQualified: Bool { statements.keys.contains(QCStatements.qcCompliance) }

    /// Whether the private key is in a QSCD.
    public var isInQSCD: Bool { statements.keys.contains(QCStatements.qcSSCD) }

    /// The QcType values (id-etsi-qct-esign 0.4.0.1862.1.6.1, -eseal .2, -web .3).
    public var types: [ASN1ObjectIdentifier] {
        guard case .some(.some(let info)) = statements[QCStatements.qcType], let node = try? DER.parse(info),
            let oids = try? DER.sequence(of: ASN1ObjectIdentifier.self, identifier: .sequence, rootNode: node)
        else { return [] }
        return oids
    }

    /// The QcCClegislation countries (`QcCClegislation ::= SEQUENCE OF CountryName`, `CountryName ::=
    /// PrintableString (SIZE (2))`; EN 319 412-5 §4.2.4), upper-cased; empty when the statement is absent or
    /// malformed.
    public var legislationCountries: [String] {
        guard case .some(.some(let info)) = statements[QCStatements.qcCClegislation],
            let node = try? DER.parse(info), node.identifier == .sequence,
            case .constructed(let children) = node.content
        else { return [] }
        var countries: [String] = []
        for child in children {
            guard let country = try? ASN1PrintableString(derEncoded: child) else { return [] }
            countries.append(String(country).uppercased())
        }
        return countries
    }

    /// What an agreement or anchor condition `qc_statements` is matched against: every statement's identifier
    /// and every QcType value (so `0.4.0.1862.1.1` asks for QcCompliance and `0.4.0.1862.1.6.1` for an
    /// e-signature certificate).
    public var identifiers: Set<ASN1ObjectIdentifier> { Set(statements.keys).union(types) }
}

extension Certificate {
    /// qcStatements (1.3.6.1.5.5.7.1.3), when present.
    ///
    /// - Throws: `X509Error` when the extension is malformed.
    public func qcStatements() throws -> QCStatements? {
        try `extension`([1, 3, 6, 1, 5, 5, 7, 1, 3]).map { try QCStatements(extensionValue: $0.value) }
    }
}
