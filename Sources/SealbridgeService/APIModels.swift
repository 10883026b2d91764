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
    @NullWhenAbsent var subIndication: String?
    @NullWhenAbsent var verdict: String?
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
        let certificate: [NamedCriteria]
        let certificateIssuedInForce: Bool
    }

    struct NamedCriteria: Encodable {
        let name: String
        let criteria: String
    }

    let id: String
    let title: String
    let legalBasis: String
    let recognisingJurisdiction: String
    let recognisedFramework: String
    let status: String
    let effective: String
    @NullWhenAbsent var expires: String?
    let scope: [String]
    let levelMapping: [String: String]
    let conditions: Conditions
    let source: String

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
            signatureAlgorithms: agreement.conditions.signatureAlgorithms.map(\.dottedText),
            minimumRSABits: agreement.conditions.minimumRSABits,
            minimumEllipticCurveBits: agreement.conditions.minimumEllipticCurveBits,
            qcStatements: agreement.conditions.qcStatements.map(\.dottedText),
            certificate: agreement.conditions.certificate.map { .init(name: $0.name, criteria: "\($0.criteria)") },
            certificateIssuedInForce: agreement.conditions.certificateIssuedInForce
        )
        // The operator's folder layout stays on the server: a file is named, not its path.
        if case .file(let path) = agreement.provenance {
            source = "file \(URL(fileURLWithPath: path).lastPathComponent)"
        } else {
            source = agreement.provenance.description
        }
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
    @NullWhenAbsent var remoteAddress: String?
    let detail: String
}

/// An optional member written as `null` when absent (the spec lists it as required and nullable), where
/// synthesised `Encodable` would leave it out.
@propertyWrapper
struct NullWhenAbsent<Value: Encodable>: Encodable {
    var wrappedValue: Value?

    init(wrappedValue: Value?) {
        self.wrappedValue = wrappedValue
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let wrappedValue { try container.encode(wrappedValue) } else { try container.encodeNil() }
    }
}

/// RFC 3339 with milliseconds, UTC.
enum RFC3339 {
    static func string(_ date: Date) -> String {
        Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(date)
    }
}

/// A document kind a client may declare (`GET /v1/document-kinds`).
struct DocumentKindJSON: Encodable {
    let id: String
    let title: String
}
