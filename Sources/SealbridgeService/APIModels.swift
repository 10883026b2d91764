import Foundation
import Logging
import SealbridgeStore
import SealbridgeTrust
import SealbridgeValidation
import SealbridgeX509
import SwiftASN1

/// `POST /v1/validations` and `GET /v1/validations/{id}`: the report with its id and links. The report itself is
/// spliced in as stored, byte for byte (the evidence as issued).
struct ValidationEnvelope: Encodable {
    struct Links: Encodable {
        let `self`: String
        let json: String
        let xml: String
        let html: String
    }

    let id: String
    let createdAt: String
    let inputSha256: String
    let indication: String
    let subIndication: String?
    let verdict: String?
    let links: Links

    init(_ stored: StoredReport) {
        id = stored.id
        createdAt = RFC3339.string(stored.createdAt)
        inputSha256 = stored.inputSHA256
        indication = stored.indication
        subIndication = stored.subIndication
        verdict = stored.verdict
        let base = "/v1/validations/\(stored.id)"
        links = Links(self: base, json: base + "?format=json", xml: base + "?format=xml", html: base + "?format=html")
    }

    enum CodingKeys: String, CodingKey {
        case id, createdAt, inputSha256, indication, subIndication, verdict, links
    }

    /// Encodes absent values as `null`, as the spec says.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(inputSha256, forKey: .inputSha256)
        try container.encode(indication, forKey: .indication)
        try container.encode(subIndication, forKey: .subIndication)
        try container.encode(verdict, forKey: .verdict)
        try container.encode(links, forKey: .links)
    }

    /// The envelope's JSON with `"report":` and the report's own JSON as its last member.
    func json(report: [UInt8]) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var bytes = Array(try encoder.encode(self))
        guard bytes.last == UInt8(ascii: "}") else { return bytes }
        bytes.removeLast()
        bytes += Array(#","report":"#.utf8) + report + [UInt8(ascii: "}")]
        return bytes
    }
}

/// A trust framework as `GET /v1/frameworks` lists it.
struct FrameworkJSON: Encodable {
    /// An anchor: the certificate's fields and the level it confers.
    struct Anchor: Encodable {
        let level: String
        let subject: String
        let issuer: String
        let serialNumber: String
        let notBefore: String
        let notAfter: String
        let publicKey: String
        let sha256: String

        init(level: String, certificate: CertificateInfo) {
            self.level = level
            subject = certificate.subject
            issuer = certificate.issuer
            serialNumber = certificate.serialNumber
            notBefore = certificate.notBefore
            notAfter = certificate.notAfter
            publicKey = certificate.publicKey
            sha256 = certificate.sha256
        }
    }

    let id: String
    let name: String
    let jurisdiction: String
    let legalBasis: String
    let levels: [String]
    let anchors: [Anchor]
    let timeStampAuthorities: [CertificateInfo]

    init(_ framework: TrustFramework) {
        id = framework.id
        name = framework.name
        jurisdiction = framework.jurisdiction
        legalBasis = framework.legalBasis
        levels = framework.levels
        anchors = framework.anchors.map { Anchor(level: $0.level, certificate: CertificateInfo($0.certificate)) }
        timeStampAuthorities = framework.timeStampingAuthorities.map(CertificateInfo.init)
    }
}

/// A recognition agreement as `GET /v1/agreements` lists it.
struct AgreementJSON: Encodable {
    struct Conditions: Encodable {
        let policies: [String]
        let signatureAlgorithms: [String]
        let minimumRSABits: Int?
        let minimumEllipticCurveBits: Int?
        let qcStatements: [String]
    }

    let id: String
    let title: String
    let legalBasis: String
    let recognisingJurisdiction: String
    let recognisedFramework: String
    let status: String
    let effective: String
    let expires: String?
    let scope: [String]
    let levelMapping: [String: String]
    let conditions: Conditions

    init(_ agreement: RecognitionAgreement) {
        id = agreement.id
        title = agreement.title
        legalBasis = agreement.legalBasis
        recognisingJurisdiction = agreement.recognisingJurisdiction
        recognisedFramework = agreement.recognisedFramework
        status = agreement.status.rawValue
        effective = agreement.effective.description
        expires = agreement.expires?.description
        scope = agreement.scope.sorted()
        levelMapping = agreement.levelMapping
        conditions = Conditions(
            policies: agreement.conditions.policies.map(\.description),
            signatureAlgorithms: agreement.conditions.signatureAlgorithms.map(\.description),
            minimumRSABits: agreement.conditions.minimumRSABits,
            minimumEllipticCurveBits: agreement.conditions.minimumEllipticCurveBits,
            qcStatements: agreement.conditions.qcStatements.map(\.description)
        )
    }

    enum CodingKeys: String, CodingKey {
        case id, title, legalBasis, recognisingJurisdiction, recognisedFramework, status, effective, expires, scope
        case levelMapping, conditions
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(title, forKey: .title)
        try container.encode(legalBasis, forKey: .legalBasis)
        try container.encode(recognisingJurisdiction, forKey: .recognisingJurisdiction)
        try container.encode(recognisedFramework, forKey: .recognisedFramework)
        try container.encode(status, forKey: .status)
        try container.encode(effective, forKey: .effective)
        try container.encode(expires, forKey: .expires)
        try container.encode(scope, forKey: .scope)
        try container.encode(levelMapping, forKey: .levelMapping)
        try container.encode(conditions, forKey: .conditions)
    }
}

/// An issued time-stamp as `GET /v1/timestamps` lists it.
struct TimeStampJSON: Encodable {
    let serial: UInt64
    let genTime: String
    let policy: String
    let imprintAlgorithm: String
    let imprint: String
    let node: String
}

/// An audit event as `GET /v1/audit` lists it.
struct AuditEventJSON: Encodable {
    let id: Int64
    let at: String
    let actor: String
    let action: String
    let target: String
    let remoteAddress: String?
    let detail: String

    enum CodingKeys: String, CodingKey {
        case id, at, actor, action, target, remoteAddress, detail
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(at, forKey: .at)
        try container.encode(actor, forKey: .actor)
        try container.encode(action, forKey: .action)
        try container.encode(target, forKey: .target)
        try container.encode(remoteAddress, forKey: .remoteAddress)
        try container.encode(detail, forKey: .detail)
    }
}

/// RFC 3339 with milliseconds, UTC.
enum RFC3339 {
    static func string(_ date: Date) -> String {
        Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(date)
    }
}
