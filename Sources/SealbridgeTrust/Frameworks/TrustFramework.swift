public import Foundation
public import SealbridgeX509
public import SwiftASN1

/// A named source of trust in one jurisdiction (see DESIGN.md, "Trust frameworks and recognition"): its assurance
/// levels, its trust anchors with the level each confers, and its time-stamping authorities.
public struct TrustFramework: Sendable {
    /// One anchor and what trusting it means.
    public struct Anchor: Sendable {
        /// The anchor certificate.
        public let certificate: Certificate
        /// The assurance level a chain to it confers (one of the framework's levels).
        public let level: String
        /// What a chain must also satisfy for the level.
        public let constraints: AnchorConstraints

        /// Makes an anchor entry.
        public init(certificate: Certificate, level: String, constraints: AnchorConstraints = AnchorConstraints()) {
            self.certificate = certificate
            self.level = level
            self.constraints = constraints
        }
    }

    /// Optional conditions an anchor puts on the chains it confers its level to.
    public struct AnchorConstraints: Sendable, Hashable {
        /// At least one of these certificate policies must be valid for the path (none: any).
        public var policies: [ASN1ObjectIdentifier] = []
        /// Every one of these qcStatements must be in the signer's certificate.
        public var qcStatements: [ASN1ObjectIdentifier] = []
        /// The signer's certificate must allow these key usages.
        public var keyUsage: KeyUsage = []
        /// The anchor confers its level only for signatures made on or after this time.
        public var validFrom: X509Time?
        /// The anchor confers its level only for signatures made before this time.
        public var validUntil: X509Time?

        /// No constraints.
        public init() {}
    }

    /// The framework's id, e.g. `cn-esl`.
    public let id: String
    /// ISO 3166-1 alpha-2, or `EU`.
    public let jurisdiction: String
    /// A readable name.
    public let name: String
    /// The law or scheme it rests on.
    public let legalBasis: String
    /// Its assurance levels, lowest first.
    public let levels: [String]
    /// Its trust anchors.
    public let anchors: [Anchor]
    /// Its time-stamping authorities' certificates (or their CA's).
    public let timeStampingAuthorities: [Certificate]
    /// What a signature whose chain ends at this framework must carry (`signature_policy` in framework.toml).
    public let signaturePolicy: SignaturePolicy
    /// Recognition agreements published with the framework's trusted list (an EU mutual-recognition extension
    /// on the pointer that announced it), which other jurisdictions hold about this framework.
    public let publishedAgreements: [RecognitionAgreement]

    /// The signature constraints a framework imposes on the signatures it anchors.
    public enum SignaturePolicy: String, Sendable, Hashable, CaseIterable {
        /// ETSI EN 319 122-1 CAdES baseline: the signing certificate is referenced from a signed attribute (ESS
        /// signing-certificate v1 or v2). The default, and what EU frameworks use.
        case cadesBaseline = "cades-baseline"
        /// GB/T 35275-2017: SM2 SignedData, with or without signed attributes; a signature without them
        /// (CFCA's SADK makes such) binds the signer by its SignerIdentifier only, which this policy accepts.
        case gbt35275 = "gbt35275"

        /// Whether a signed signing-certificate reference is required.
        public var requiresSigningCertificateReference: Bool { self == .cadesBaseline }
    }

    /// Makes a framework, checking that it is coherent.
    ///
    /// - Throws: `TrustError` (with `source` as the file) for an unknown jurisdiction, no levels, or an anchor
    ///   whose level is not one of the framework's.
    public init(
        id: String,
        jurisdiction: String,
        name: String,
        legalBasis: String,
        levels: [String],
        anchors: [Anchor],
        timeStampingAuthorities: [Certificate] = [],
        signaturePolicy: SignaturePolicy = .cadesBaseline,
        publishedAgreements: [RecognitionAgreement] = [],
        source: String = "(framework)"
    ) throws {
        guard Jurisdiction.isValid(jurisdiction) else {
            throw TrustError(
                file: source,
                field: "jurisdiction",
                reason: "'\(jurisdiction)' is not an ISO 3166-1 alpha-2 code or EU"
            )
        }
        guard !levels.isEmpty, Set(levels).count == levels.count else {
            throw TrustError(file: source, field: "levels", reason: "must list at least one level, each once")
        }
        for (index, anchor) in anchors.enumerated() where !levels.contains(anchor.level) {
            throw TrustError(
                file: source,
                field: "anchors[\(index)].level",
                reason: "'\(anchor.level)' is not one of the framework's levels (\(levels.joined(separator: ", ")))"
            )
        }
        self.id = id
        self.jurisdiction = jurisdiction
        self.name = name
        self.legalBasis = legalBasis
        self.levels = levels
        self.anchors = anchors
        self.timeStampingAuthorities = timeStampingAuthorities
        self.signaturePolicy = signaturePolicy
        self.publishedAgreements = publishedAgreements
    }

    /// The anchors' certificates, for a ``TrustStore``.
    public var anchorCertificates: [Certificate] { anchors.map(\.certificate) }

    /// The anchor entries for `certificate` (one certificate may confer several levels under constraints).
    public func anchors(for certificate: Certificate) -> [Anchor] {
        anchors.filter { $0.certificate == certificate }
    }
}

extension TrustFramework {
    /// The manifest's file name in a framework folder.
    public static let manifestName = "framework.toml"

    /// Loads a framework from a folder holding `framework.toml` and the certificate files it names.
    ///
    /// ```toml
    /// id = "cn-esl"
    /// jurisdiction = "CN"
    /// name = "Licensed CAs under the PRC Electronic Signature Law"
    /// legal_basis = "Electronic Signature Law of the PRC, Art. 17"
    /// levels = ["licensed"]
    /// signature_policy = "gbt35275"       # optional: "cades-baseline" (default) requires a signed reference to
    ///                                     # the signing certificate; "gbt35275" also accepts SM2 SignedData
    ///                                     # without signed attributes, as Chinese CA toolkits make it
    ///
    /// [[anchors]]
    /// certificate = "root-sm2.pem"        # PEM or DER, relative to the folder; a PEM bundle gives one anchor each
    /// level = "licensed"
    /// policies = ["1.2.156.112570.1.1"]   # optional; also qc_statements, key_usage, valid_from, valid_until
    ///
    /// [[time_stamping]]
    /// certificate = "tsa-ca.pem"
    ///
    /// [trusted_list]                      # optional: anchors and TSAs published as an ETSI TS 119 612 list
    /// file = "tl.xml"                     # its CA services become anchors (levels non-qualified/qualified)
    /// signer = "tl-operator.pem"          # the certificate(s) allowed to sign the list; or, instead:
    /// lotl = "lotl.xml"                   # the list of the lists whose pointer announces the list's signers
    /// lotl_signer = "lotl-signer.pem"     # the certificate(s) allowed to sign the list of the lists
    /// location = "https://…/tl.xml"       # optional: where the list is published, to find its pointer
    /// ```
    ///
    /// A trusted list is used only when its signature verifies with one of the `signer` certificates, or with a
    /// certificate the list of the lists (itself verified with `lotl_signer`) announces for it. When that pointer
    /// carries the EU mutual-recognition extension, the list is read through its equivalences and the framework
    /// publishes the agreements it gives (``publishedAgreements``; `sealbridge agreements list` shows them).
    ///
    /// - Throws: `TrustError` naming the file and field.
    public static func load(folder: URL) throws -> TrustFramework {
        let manifestURL = folder.appendingPathComponent(manifestName)
        let manifest = try TOMLFields.load(manifestURL)
        try manifest.onlyKeys([
            "id", "jurisdiction", "name", "legal_basis", "levels", "signature_policy", "anchors", "time_stamping",
            "trusted_list",
        ])
        // Read in the order of the manifest's documentation, so the first error named is the first field wrong.
        let id = try manifest.string("id")
        let jurisdiction = try manifest.string("jurisdiction")
        let name = try manifest.string("name")
        let legalBasis = try manifest.string("legal_basis")
        let levels = try manifest.strings("levels", required: true)
        var policy = SignaturePolicy.cadesBaseline
        if let text = try manifest.optionalString("signature_policy") {
            guard let chosen = SignaturePolicy(rawValue: text) else {
                throw TrustError(
                    file: manifest.file,
                    field: "signature_policy",
                    reason: "'\(text)' is not one of "
                        + SignaturePolicy.allCases.map(\.rawValue).joined(separator: ", ")
                )
            }
            policy = chosen
        }
        var anchors: [Anchor] = []
        for entry in try manifest.tables("anchors") {
            try entry.onlyKeys([
                "certificate", "level", "policies", "qc_statements", "key_usage", "valid_from", "valid_until",
            ])
            var constraints = AnchorConstraints()
            constraints.policies = try entry.oids("policies")
            constraints.qcStatements = try entry.oids("qc_statements")
            constraints.keyUsage = try keyUsage(entry.strings("key_usage"), entry)
            constraints.validFrom = try entry.optionalTime("valid_from")
            constraints.validUntil = try entry.optionalTime("valid_until")
            let level = try entry.string("level")
            for certificate in try certificates(entry, folder: folder) {
                anchors.append(Anchor(certificate: certificate, level: level, constraints: constraints))
            }
        }
        var authorities: [Certificate] = []
        for entry in try manifest.tables("time_stamping") {
            try entry.onlyKeys(["certificate"])
            authorities += try certificates(entry, folder: folder)
        }
        var publishedAgreements: [RecognitionAgreement] = []
        if let entry = try manifest.table("trusted_list") {
            let (published, agreements) = try trustedList(entry, folder: folder, id: id, jurisdiction: jurisdiction)
            anchors += published.anchors
            authorities += published.timeStampingAuthorities
            publishedAgreements = agreements
        }
        guard !anchors.isEmpty else {
            throw TrustError(
                file: manifest.file,
                field: "anchors",
                reason: "a framework needs at least one [[anchors]] entry or a [trusted_list] with CA services"
            )
        }
        return try TrustFramework(
            id: id,
            jurisdiction: jurisdiction,
            name: name,
            legalBasis: legalBasis,
            levels: levels,
            anchors: anchors,
            timeStampingAuthorities: authorities,
            signaturePolicy: policy,
            publishedAgreements: publishedAgreements,
            source: manifest.file
        )
    }

    /// Loads every framework in the sub-folders of `folder` that hold a manifest; ids must be unique.
    public static func loadAll(in folder: URL) throws -> [TrustFramework] {
        try TrustFolder.loadAll(
            in: folder,
            what: "frameworks",
            select: { FileManager.default.fileExists(atPath: $0.appendingPathComponent(manifestName).path) },
            load: { try load(folder: $0) },
            file: { $0.appendingPathComponent(manifestName).path },
            id: \.id
        )
    }

    /// The framework a `[trusted_list]` entry publishes, once its signature verified with the named signer.
    private static func trustedList(
        _ entry: TOMLFields,
        folder: URL,
        id: String,
        jurisdiction: String
    ) throws -> (TrustFramework, publishedAgreements: [RecognitionAgreement]) {
        try entry.onlyKeys(["file", "signer", "lotl", "lotl_signer", "location"])
        let url = try path(entry, key: "file", folder: folder)
        guard entry.has("lotl") else {
            let list = try TrustedList(contentsOf: url, anchors: try certificates(entry, key: "signer", folder: folder))
            guard list.signature.isValid else {
                throw entry.error(
                    "file",
                    "the trusted list \(url.lastPathComponent) is not used: its signature is \(list.signature.outcome)"
                )
            }
            return (try list.trustFramework(id: id, jurisdiction: jurisdiction), [])
        }
        guard !entry.has("signer") else {
            throw entry.error("signer", "give either signer or lotl and lotl_signer, not both")
        }
        let lotlURL = try path(entry, key: "lotl", folder: folder)
        let lotl = try TrustedList(
            contentsOf: lotlURL,
            anchors: try certificates(entry, key: "lotl_signer", folder: folder)
        )
        guard lotl.signature.isValid else {
            throw entry.error(
                "lotl",
                "the list of the lists \(lotlURL.lastPathComponent) is not used: its signature is \(lotl.signature.outcome)"
            )
        }
        let location = try entry.optionalString("location")
        let list = try TrustedList(
            parsing: try TrustedList.read(url),
            source: url.lastPathComponent,
            announcedBy: lotl,
            location: location
        )
        guard list.signature.isValid, let pointer = lotl.pointer(announcing: list, location: location) else {
            throw entry.error(
                "file",
                "the trusted list \(url.lastPathComponent) is not used: its signature is \(list.signature.outcome) with "
                    + "the certificates \(lotlURL.lastPathComponent) announces for it"
            )
        }
        let framework = try list.trustFramework(
            id: id,
            jurisdiction: jurisdiction,
            mutualRecognition: pointer.mutualRecognition
        )
        let agreements = try pointer.mutualRecognition?.agreements(
            listOfTheLists: lotl,
            pointer: pointer,
            pointedTerritory: list.territory ?? jurisdiction,
            framework: id
        ).agreements
        return (framework, agreements ?? [])
    }

    private static func path(_ entry: TOMLFields, key: String, folder: URL) throws -> URL {
        let relative = try entry.string(key)
        guard !relative.hasPrefix("/"), !relative.split(separator: "/").contains("..") else {
            throw entry.error(key, "must be a path inside the framework folder")
        }
        return folder.appendingPathComponent(relative)
    }

    private static func certificates(
        _ entry: TOMLFields,
        key: String = "certificate",
        folder: URL
    ) throws
        -> [Certificate]
    {
        let url = try path(entry, key: key, folder: folder)
        let bytes: [UInt8]
        do {
            bytes = Array(try Data(contentsOf: url))
        } catch {
            throw entry.error(key, "cannot read \(url.path): \(error.localizedDescription)")
        }
        do {
            return try Certificate.readAll(from: bytes)
        } catch let error as X509Error {
            throw entry.error(key, "\(url.path): \(error.reason)")
        }
    }

    private static func keyUsage(_ names: [String], _ entry: TOMLFields) throws -> KeyUsage {
        var usage: KeyUsage = []
        for name in names {
            guard let bit = KeyUsage.named(name) else {
                throw entry.error("key_usage", "'\(name)' is not a key usage (e.g. digitalSignature, nonRepudiation)")
            }
            usage.insert(bit)
        }
        return usage
    }
}
