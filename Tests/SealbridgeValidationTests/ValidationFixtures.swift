import Foundation
import SealbridgeCMS
import SealbridgeCrypto
import SealbridgeTrust
import SealbridgeValidation
import SealbridgeX509
import SwiftASN1

/// A small P-256 PKI made with ``CertificateIssuer`` for the validation tests: a root in a framework `test-fw`
/// (jurisdiction DE), an intermediate CA, signers, a TSA, and helpers to sign and validate.
struct ValidationFixtures {
    struct Identity {
        let key: PrivateKey
        let certificate: Certificate
    }

    let now = X509Time.now
    let root: Identity
    let ca: Identity
    let signer: Identity
    let tsa: Identity
    let framework: TrustFramework
    private let serials = SerialCounter()

    final class SerialCounter: @unchecked Sendable {
        var value: UInt8 = 0
        func next() -> [UInt8] {
            value &+= 1
            return [0x7E, value]
        }
    }

    func days(_ count: Int) -> X509Time { X509Time(secondsSinceEpoch: now.secondsSinceEpoch + Int64(count) * 86_400) }

    init() throws {
        let now = self.now
        let counter = serials
        func make(_ name: String, by issuer: Identity?, ca: Bool = false, timeStamping: Bool = false) throws -> Identity
        {
            try Self.make(
                name,
                by: issuer,
                isCA: ca,
                timeStamping: timeStamping,
                from: -400,
                until: 3_650,
                serial: counter,
                now: now
            )
        }
        root = try make("Test Root", by: nil, ca: true)
        ca = try make("Test Issuing CA", by: root, ca: true)
        signer = try Self.make("Test Signer", by: ca, from: -30, until: 365, serial: counter, now: now)
        tsa = try make("Test TSA", by: root, timeStamping: true)
        framework = try TrustFramework(
            id: "test-fw",
            jurisdiction: "DE",
            name: "Test framework",
            legalBasis: "test",
            levels: ["qualified"],
            anchors: [.init(certificate: root.certificate, level: "qualified")],
            timeStampingAuthorities: [tsa.certificate]
        )
    }

    /// A P-256 certificate valid from `from` to `until` days around `now`: a CA, a TSA (critical sole
    /// timeStamping EKU) or an end entity; self-signed when `issuer` is nil.
    static func make(
        _ name: String,
        by issuer: Identity?,
        isCA: Bool = false,
        timeStamping: Bool = false,
        from: Int,
        until: Int,
        serial: SerialCounter,
        now: X509Time,
        algorithm: KeyAlgorithm = .p256
    ) throws -> Identity {
        let key = try PrivateKey.generate(algorithm)
        var template = CertificateTemplate(
            subject: try DistinguishedName([(NameAttribute.country, "DE"), (NameAttribute.commonName, name)]),
            serialNumber: serial.next(),
            notBefore: X509Time(secondsSinceEpoch: now.secondsSinceEpoch + Int64(from) * 86_400),
            notAfter: X509Time(secondsSinceEpoch: now.secondsSinceEpoch + Int64(until) * 86_400),
            publicKey: key.publicKey
        )
        if isCA {
            template.isCertificateAuthority = true
            template.keyUsage = [.keyCertSign, .crlSign]
        } else if timeStamping {
            template.keyUsage = [.digitalSignature]
            template.extendedKeyUsages = [CMSObjectIdentifier.timeStampingUsage]
            template.extendedKeyUsageCritical = true
        } else {
            template.keyUsage = [.digitalSignature, .nonRepudiation]
        }
        let certificate = try CertificateIssuer.issue(
            template,
            issuer: issuer?.certificate,
            issuerKey: issuer?.key ?? key
        )
        return Identity(key: key, certificate: certificate)
    }

    /// A further end-entity (or CA) certificate.
    func issue(
        _ name: String,
        by issuer: Identity,
        isCA: Bool = false,
        from: Int = -30,
        until: Int = 365
    ) throws -> Identity {
        try Self.make(name, by: issuer, isCA: isCA, from: from, until: until, serial: serials, now: now)
    }

    /// A CRL of `issuer` revoking `revoked` at the given day offsets.
    func crl(
        by issuer: Identity,
        revoking revoked: [(Identity, Int)] = [],
        reason: Int? = nil,
        thisUpdate: Int = -1,
        nextUpdate: Int = 30
    ) throws -> CertificateRevocationList {
        try CertificateIssuer.issueCRL(
            issuer: issuer.certificate,
            issuerKey: issuer.key,
            thisUpdate: days(thisUpdate),
            nextUpdate: days(nextUpdate),
            number: 1,
            revoked: revoked.map {
                .init(serialNumber: Array($0.0.certificate.serialNumber), revocationDate: days($0.1), reason: reason)
            }
        )
    }

    /// A TSA whose clock says `days` from now.
    func timeStampAuthority(at days: Int = 0) throws -> TimeStampAuthority {
        let time = self.days(days)
        return try TimeStampAuthority(
            key: tsa.key,
            certificate: tsa.certificate,
            policy: [2, 999, 1],
            serialStore: InMemorySerialNumberStore(),
            clock: { PreciseTime(secondsSinceEpoch: time.secondsSinceEpoch) }
        )
    }

    static let content = Array("{\"documentKind\":\"invoice\",\"total\":\"100.00\"}".utf8)

    /// Signs `content` (attached unless `options.detached`).
    func sign(
        _ identity: Identity? = nil,
        chain: [Certificate]? = nil,
        options: CMSSignOptions = CMSSignOptions(),
        timeStampAt tsaDays: Int? = nil,
        contentTimeStampAt contentDays: Int? = nil,
        crls: [CertificateRevocationList] = []
    ) async throws -> [UInt8] {
        let who = identity ?? signer
        var options = options
        if let contentDays {
            let request = TimeStampRequest(messageImprint: MessageImprint(hashing: Self.content, with: .sha256))
            options.contentTimeStampToken = try timeStampAuthority(at: contentDays).issue(for: request)
        }
        let cms = try CMSSigner(key: who.key, certificate: who.certificate, chain: chain ?? [ca.certificate])
        var data = try CMSSignedDataBuilder.sign(.bytes(Self.content), signers: [cms], options: options)
        if let tsaDays {
            data = try await CAdES.addingSignatureTimeStamps(to: data, from: try timeStampAuthority(at: tsaDays))
        }
        if !crls.isEmpty { data = data.adding(certificates: [], crls: crls) }
        return try data.derRepresentation
    }

    /// CRLs of the root and the issuing CA that list nothing, current at `time` (issued two days before it, so
    /// that a test's own CRL, issued a day before, is the newer one).
    func currentCRLs(at time: X509Time) throws -> [CertificateRevocationList] {
        let day = Int((time.secondsSinceEpoch - now.secondsSinceEpoch) / 86_400)
        return [
            try crl(by: root, thisUpdate: day - 2, nextUpdate: day + 30),
            try crl(by: ca, thisUpdate: day - 2, nextUpdate: day + 30),
        ]
    }

    /// Validates with `test-fw` as the only framework and, unless `configure` says otherwise, the current CRLs of
    /// the root and the issuing CA given by the relying party.
    func validate(
        _ bytes: [UInt8],
        at time: X509Time? = nil,
        content: SignedContent? = nil,
        configure: (inout ValidationContext) -> Void = { _ in }
    ) throws -> ValidationReport {
        var context = ValidationContext()
        context.frameworks = [framework]
        context.time = time ?? now
        context.crls = try currentCRLs(at: context.time)
        configure(&context)
        return try SignatureValidator(context: context).validate(bytes, name: "test.p7s", content: content)
    }
}

extension ValidationReport {
    /// `INDICATION/SUB` of the first signature (or of the report when it has none).
    var outcome: String {
        let signature = signatures.first
        let main = signature?.indication ?? indication
        let sub = signature == nil ? subIndication : signature?.subIndication
        return main.rawValue + (sub.map { "/\($0.rawValue)" } ?? "")
    }
}
