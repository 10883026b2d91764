import Foundation
public import Logging
import SealbridgeCMS
import SealbridgeCrypto
import SealbridgeOFD
public import SealbridgeStore
public import SealbridgeTrust
import SealbridgeValidation
import SealbridgeX509
import SwiftASN1

/// What a running service holds: the store, the trust data and the validator built from it once, the keys it
/// signs and time-stamps with, its limits and metrics. Loaded from a ``ServiceConfiguration`` before the server
/// starts, so that bad trust data or a wrong passphrase stops the start-up with a message, not a request.
public final class ServiceState: Sendable {
    /// The configuration it was loaded from.
    public let configuration: ServiceConfiguration
    /// The evidence store.
    public let store: any EvidenceStore
    /// The trust frameworks.
    public let frameworks: [TrustFramework]
    /// The recognition agreements.
    public let agreements: [RecognitionAgreement]
    /// The validator (trust stores built once, SM2 anchor tables precomputed).
    let validator: SignatureValidator
    /// The document kinds a client may declare.
    let documentKinds: DocumentKinds
    /// The time-stamp authority, if configured.
    let timeStampAuthority: TimeStampAuthority?
    /// Signers by id.
    let signers: [String: CMSSigner]
    /// The GB/T 38540 seals of the signers that hold one (`seal` in `[[signer]]`), by signer id.
    let seals: [String: SESeal]
    /// CRLs carried in the signatures the server makes (`signature_crls`).
    let signatureCRLs: [CertificateRevocationList]
    let metrics = ServiceMetrics()
    let gate: ConcurrencyGate
    let rateLimiter: RateLimiter
    let staticFiles: StaticFiles
    let logger: Logger

    /// Loads trust data and keys and opens the store (not migrated: ``SealbridgeServer`` does that once it runs).
    ///
    /// - Throws: `ConfigurationError`, `TrustError` or `StoreError` saying what to fix.
    public init(
        configuration: ServiceConfiguration,
        store: (any EvidenceStore)? = nil,
        logger: Logger = Logger(label: "sealbridge")
    ) throws {
        try configuration.validate()
        self.configuration = configuration
        self.logger = logger
        self.store = try store ?? configuration.store.open(logger: logger)
        frameworks =
            try configuration.frameworksFolder.map { try TrustFramework.loadAll(in: URL(fileURLWithPath: $0)) }
            ?? []
        agreements = try AgreementCheck.combined(
            try configuration.agreementsFolder.map { try RecognitionAgreement.loadAll(in: URL(fileURLWithPath: $0)) }
                ?? [],
            frameworks: frameworks
        )
        var context = ValidationContext()
        context.frameworks = frameworks
        context.agreements = agreements
        context.revocationPolicy = configuration.revocationPolicy
        context.crls = try configuration.crlsFolder.map(Self.crls(in:)) ?? []
        // The agreements must name loaded frameworks and their levels, as `sealbridge agreements check` says.
        let problems = AgreementCheck.problems(agreements, frameworks: frameworks)
        guard problems.isEmpty else {
            throw ConfigurationError(
                "the recognition agreements do not fit the frameworks: \(problems.joined(separator: "; "))"
            )
        }
        validator = SignatureValidator(context: context, precomputesAnchorKeys: true)
        documentKinds = DocumentKinds(agreements: agreements)
        if let tsa = configuration.timeStampAuthority {
            let (key, certificates) = try KeyFiles.load(tsa, what: "the TSA key")
            guard let policy = try? ASN1ObjectIdentifier(dotRepresentation: configuration.timeStampPolicy) else {
                throw ConfigurationError("tsa.policy \"\(configuration.timeStampPolicy)\" is not a dotted OID")
            }
            timeStampAuthority = try TimeStampAuthority(
                key: key,
                certificate: certificates[0],
                chain: Array(certificates.dropFirst()),
                policy: policy,
                serialStore: nil
            )
        } else {
            timeStampAuthority = nil
        }
        var signers = [String: CMSSigner]()
        for signer in configuration.signers {
            let (key, certificates) = try KeyFiles.load(signer, what: "signer \(signer.id)'s key")
            signers[signer.id] = try CMSSigner(
                key: key,
                certificate: certificates[0],
                chain: Array(certificates.dropFirst())
            )
        }
        self.signers = signers
        var seals = [String: SESeal]()
        for signer in configuration.signers {
            guard let path = signer.sealPath, let certificate = signers[signer.id]?.certificate else { continue }
            seals[signer.id] = try Self.seal(at: path, for: certificate, signer: signer.id)
        }
        self.seals = seals
        signatureCRLs = try configuration.signatureCRLsFolder.map(Self.crls(in:)) ?? []
        gate = ConcurrencyGate(limit: configuration.limits.maxConcurrentValidations)
        rateLimiter = RateLimiter(
            rate: configuration.limits.requestsPerSecondPerKey,
            burst: configuration.limits.burstPerKey
        )
        staticFiles = try StaticFiles.load()
    }
}

extension ServiceState {
    /// The seal at `path` (a DER `SESeal`, `.esl`), read at start so that a seal that cannot serve is a
    /// configuration error rather than a failed request: it must parse and list the signer's certificate.
    static func seal(at path: String, for certificate: Certificate, signer: String) throws -> SESeal {
        let bytes: [UInt8]
        do { bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path))) } catch {
            throw ConfigurationError(
                "signer \(signer)'s seal \(path) cannot be read: \(userFacingDescription(of: error))"
            )
        }
        let seal: SESeal
        do { seal = try SESeal(derEncoded: bytes) } catch {
            throw ConfigurationError("signer \(signer)'s seal \(path) is not a GB/T 38540 or GM/T 0031 seal: \(error)")
        }
        guard seal.sealInfo.property.certificates.lists(certificate.derBytes) != false else {
            throw ConfigurationError(
                "signer \(signer)'s seal \(path) (\"\(seal.sealInfo.property.name)\") does not list the signer's "
                    + "certificate, so a relying party would refuse every seal made with it"
            )
        }
        return seal
    }

    /// Every CRL (PEM or DER) in `folder`, in name order.
    static func crls(in folder: String) throws -> [CertificateRevocationList] {
        let url = URL(fileURLWithPath: folder)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { !$0.hasPrefix(".") }.sorted()
        return try names.flatMap { name -> [CertificateRevocationList] in
            let bytes = Array(try Data(contentsOf: url.appendingPathComponent(name)))
            do {
                return try CertificateRevocationList.readAll(from: bytes)
            } catch {
                throw ConfigurationError(
                    "\(folder)/\(name) is not a CRL (PEM or DER): \(userFacingDescription(of: error))"
                )
            }
        }
    }
}
