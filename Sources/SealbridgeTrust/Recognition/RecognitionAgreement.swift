public import Foundation
public import SealbridgeX509
public import SwiftASN1
import TOMLKit

/// A recognition agreement (DESIGN.md, "Trust frameworks and recognition"): signatures anchored in framework F at
/// level L are recognised in jurisdiction J as level L′, for a scope of document kinds, between two dates, under
/// conditions, on a named legal basis.
public struct RecognitionAgreement: Sendable, Hashable {
    /// Whether the agreement is in force as published (dates are checked separately).
    public enum Status: String, Sendable, Hashable, CaseIterable {
        /// Negotiated, not in force.
        case draft
        /// In force between its dates.
        case inForce = "in-force"
        /// Temporarily not applied.
        case suspended
        /// Ended.
        case terminated
    }

    /// What a signature must also satisfy to be recognised under the agreement.
    public struct Conditions: Sendable, Hashable {
        /// At least one of these certificate policies (or a policy under one of these arcs, `…*`) must be valid for
        /// the path (none: any).
        public var policies: [OIDPattern] = []
        /// The signature algorithm must be one of these (none: any).
        public var signatureAlgorithms: [ASN1ObjectIdentifier] = []
        /// The smallest RSA modulus accepted, in bits.
        public var minimumRSABits: Int?
        /// The smallest elliptic-curve key accepted, in bits.
        public var minimumEllipticCurveBits: Int?
        /// Every one of these qcStatements (or QcType values) must be in the signer's certificate.
        public var qcStatements: [ASN1ObjectIdentifier] = []
        /// Criteria lists the signer's certificate must meet, each named (an EU MRA's `QcCompliance` and `QcType`
        /// content equivalences: what a third-country certificate must carry to count as an EU qualified one).
        public var certificate: [NamedCriteria] = []
        /// The signer's certificate must have been issued (notBefore) while the agreement was in force, as the EU
        /// MRA equivalences require (DSS applies a content equivalence only to certificates issued in its period).
        public var certificateIssuedInForce = false
        /// The signature must be one of these types (none: any): `seal` for a legal person's seal, `signature` for
        /// a natural person's. A signature whose type nothing establishes meets no such condition.
        public var signatureTypes: Set<SignatureType> = []

        /// No conditions.
        public init() {}
    }

    /// A criteria list with the name reports give it.
    public struct NamedCriteria: Sendable, Hashable {
        /// The name, e.g. `QcCompliance`.
        public var name: String
        /// The criteria.
        public var criteria: CertificateCriteria

        /// Makes one.
        public init(name: String, criteria: CertificateCriteria) {
            self.name = name
            self.criteria = criteria
        }
    }

    /// Where an agreement came from.
    public enum Provenance: Sendable, Hashable, CustomStringConvertible {
        /// A TOML file written by the operator.
        case file(String)
        /// An EU mutual-recognition equivalence published in a list of the lists' pointer.
        case listOfTheLists(
            territory: String,
            sequenceNumber: Int,
            pointerLocation: String,
            legalIdentifier: String,
            periodStart: X509Time
        )
        /// Made in code.
        case code

        /// In words, for `agreements list` and the API.
        public var description: String {
            switch self {
            case .file(let path):
                return "file \(path)"
            case .listOfTheLists(let territory, let sequence, let location, let identifier, let start):
                return "\(territory) list of the lists #\(sequence), mutual-recognition equivalence \(identifier) "
                    + "(period from \(start)) in its pointer to \(location)"
            case .code:
                return "made in code"
            }
        }
    }

    /// The id, e.g. `gd-hk-2026`.
    public let id: String
    /// The title.
    public let title: String
    /// The legal basis (e.g. "Electronic Signature Law Art. 26", "eIDAS Art. 14").
    public let legalBasis: String
    /// The jurisdiction that recognises (ISO 3166-1 alpha-2 or `EU`).
    public let recognisingJurisdiction: String
    /// The framework whose signatures are recognised.
    public let recognisedFramework: String
    /// Foreign level → domestic level.
    public let levelMapping: [String: String]
    /// The document kinds covered (`any` covers every kind).
    public let scope: Set<String>
    /// In force from.
    public let effective: X509Time
    /// In force until (none: open-ended).
    public let expires: X509Time?
    /// The conditions.
    public let conditions: Conditions
    /// The published status.
    public let status: Status
    /// Where the agreement came from.
    public let provenance: Provenance

    /// Makes an agreement, checking that it is coherent.
    ///
    /// - Throws: `TrustError` naming `source` and the field for a bad jurisdiction, an empty mapping or scope, or an
    ///   expiry before the effective date.
    public init(
        id: String,
        title: String,
        legalBasis: String,
        recognisingJurisdiction: String,
        recognisedFramework: String,
        levelMapping: [String: String],
        scope: Set<String>,
        effective: X509Time,
        expires: X509Time?,
        conditions: Conditions = Conditions(),
        status: Status,
        provenance: Provenance = .code,
        source: String = "(agreement)"
    ) throws {
        guard Jurisdiction.isValid(recognisingJurisdiction) else {
            throw TrustError(
                file: source,
                field: "recognising_jurisdiction",
                reason: "'\(recognisingJurisdiction)' is not an ISO 3166-1 alpha-2 code or EU"
            )
        }
        guard !levelMapping.isEmpty else {
            throw TrustError(file: source, field: "level_mapping", reason: "must map at least one foreign level")
        }
        guard !scope.isEmpty else {
            throw TrustError(file: source, field: "scope", reason: "must list document kinds, or \"any\"")
        }
        guard !scope.contains("any") || scope.count == 1 else {
            throw TrustError(
                file: source,
                field: "scope",
                reason: "\"any\" contradicts a list of document kinds; give either [\"any\"] or the kinds"
            )
        }
        if let expires, expires <= effective {
            throw TrustError(file: source, field: "expires", reason: "is not after effective (\(effective))")
        }
        self.id = id
        self.title = title
        self.legalBasis = legalBasis
        self.recognisingJurisdiction = recognisingJurisdiction
        self.recognisedFramework = recognisedFramework
        self.levelMapping = levelMapping
        self.scope = scope
        self.effective = effective
        self.expires = expires
        self.conditions = conditions
        self.status = status
        self.provenance = provenance
    }

    /// Loads an agreement from a TOML file.
    ///
    /// ```toml
    /// id = "gd-hk-2026"
    /// title = "Guangdong–Hong Kong mutual recognition of e-signature certificates (model)"
    /// legal_basis = "Electronic Transactions Ordinance (Cap. 553); scheme of 2026"
    /// recognising_jurisdiction = "HK"
    /// recognised_framework = "cn-gd"
    /// status = "in-force"                 # draft | in-force | suspended | terminated
    /// effective = 2026-01-01
    /// expires = 2030-12-31T23:59:59Z      # optional
    /// scope = ["invoice", "certificate-of-origin"]   # or ["any"]
    ///
    /// [level_mapping]
    /// licensed = "recognised"
    ///
    /// [conditions]                        # all optional
    /// policies = ["2.16.156.339.1.1.1.2.1"]
    /// signature_algorithms = ["1.2.156.10197.1.501"]
    /// minimum_rsa_bits = 2048
    /// minimum_ec_bits = 256
    /// qc_statements = []
    /// signature_types = ["seal"]          # a legal person's seals only ("signature": natural persons')
    /// certificate_issued_in_force = false # the signer's certificate issued while the agreement is in force
    ///
    /// [[conditions.certificate]]          # a TS 119 612 criteria list the signer's certificate must meet
    /// name = "QcCompliance"
    /// assert = "all"                      # all | atLeastOne | none
    /// qc_statement_sets = [[{ id = "0.4.0.1862.1.1" }, { id = "0.4.0.1862.1.7", legislation = "ZZ" }]]
    /// # also: key_usage = [{ nonRepudiation = true }], policy_sets = [["1.2.3"]], extended_key_usage = [[…]],
    /// # subject_attributes = [["2.5.4.97"]], and nested [[conditions.certificate.criteria]] lists
    /// ```
    ///
    /// - Throws: `TrustError` naming the file and field.
    public static func load(_ url: URL) throws -> RecognitionAgreement {
        let file = try TOMLFields.load(url)
        try file.onlyKeys([
            "id", "title", "legal_basis", "recognising_jurisdiction", "recognised_framework", "status", "effective",
            "expires", "scope", "level_mapping", "conditions",
        ])
        // Read in the order of the file's documentation, so the first error named is the first field wrong.
        let id = try file.string("id")
        let title = try file.string("title")
        let legalBasis = try file.string("legal_basis")
        let recognising = try file.string("recognising_jurisdiction")
        let framework = try file.string("recognised_framework")
        let statusText = try file.string("status")
        guard let status = Status(rawValue: statusText) else {
            throw file.error(
                "status",
                "'\(statusText)' is not one of \(Status.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        guard let effective = try file.optionalTime("effective") else {
            throw file.error("effective", "is required (a date)")
        }
        var mapping: [String: String] = [:]
        if let table = try file.table("level_mapping") {
            for key in table.table.keys { mapping[key] = try table.string(key) }
        }
        var conditions = Conditions()
        if let table = try file.table("conditions") {
            try table.onlyKeys([
                "policies", "signature_algorithms", "minimum_rsa_bits", "minimum_ec_bits", "qc_statements",
                "certificate", "certificate_issued_in_force", "signature_types",
            ])
            conditions.policies = try table.oidPatterns("policies")
            conditions.signatureAlgorithms = try table.oids("signature_algorithms")
            conditions.minimumRSABits = try table.optionalInt("minimum_rsa_bits", in: 512...16_384)
            conditions.minimumEllipticCurveBits = try table.optionalInt("minimum_ec_bits", in: 160...571)
            conditions.qcStatements = try table.oids("qc_statements")
            conditions.certificate = try table.tables("certificate").map { entry in
                NamedCriteria(name: try entry.string("name"), criteria: try CertificateCriteria(toml: entry))
            }
            conditions.certificateIssuedInForce = try table.optionalBool("certificate_issued_in_force") ?? false
            conditions.signatureTypes = Set(
                try table.strings("signature_types").map { name in
                    guard let type = SignatureType(rawValue: name) else {
                        throw table.error(
                            "signature_types",
                            "\(name.debugDescription) is not a signature type; use \"seal\" or \"signature\""
                        )
                    }
                    return type
                }
            )
        }
        return try RecognitionAgreement(
            id: id,
            title: title,
            legalBasis: legalBasis,
            recognisingJurisdiction: recognising,
            recognisedFramework: framework,
            levelMapping: mapping,
            scope: Set(try file.strings("scope", required: true)),
            effective: effective,
            expires: try file.optionalTime("expires"),
            conditions: conditions,
            status: status,
            provenance: .file(file.file),
            source: file.file
        )
    }

    /// Loads every `*.toml` file in `folder`; ids must be unique.
    public static func loadAll(in folder: URL) throws -> [RecognitionAgreement] {
        try TrustFolder.loadAll(
            in: folder,
            what: "agreements",
            select: { $0.pathExtension == "toml" },
            load: { try load($0) },
            file: { $0.path },
            id: \.id
        )
    }
}
