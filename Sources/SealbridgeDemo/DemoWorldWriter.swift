import Foundation
import SealbridgeCMS
import SealbridgeCrypto
import SealbridgeOFD
import SealbridgeTrust
import SealbridgeValidation
import SealbridgeX509
import SealbridgeXAdES

/// Writes the files of ``DemoWorld``.
struct DemoWorldWriter {
    let folder: URL
    let now: X509Time

    func write() async throws {
        let manager = FileManager.default
        if manager.fileExists(atPath: folder.path),
            !((try? manager.contentsOfDirectory(atPath: folder.path))?.isEmpty ?? true)
        {
            throw DemoError("\(folder.path) is not empty; give a new or empty folder")
        }
        for sub in [
            "frameworks/cn-esl", "frameworks/eu-qualified", "frameworks/hk-eto", "agreements", "documents", "signed",
            "keys", "server", "crls", "crls-published",
        ] {
            try manager.createDirectory(at: folder.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        var pki = DemoPKI(now: now)
        let mr = DemoOID.mutualRecognitionPolicy

        // China: SM2 root → licensed CA → signer; an SM2 TSA under the root.
        let cnRoot = try pki.root("Sealbridge Demo CN Root CA (SM2)", country: "CN", algorithm: .sm2)
        let cnCA = try pki.issue(
            "Sealbridge Demo CN Licensed CA (SM2)",
            country: "CN",
            algorithm: .sm2,
            by: cnRoot,
            isCA: true
        )
        let cnSigner = try pki.issue(
            "Demo Shenzhen Exporter Co., Ltd.",
            country: "CN",
            algorithm: .sm2,
            by: cnCA,
            policies: [DemoOID.chineseLicensedPolicy, mr],
            // GM/T 0015-style: the enterprise's unified social credit code (GB 32100; a made-up demo value).
            additional: [.text(DemoOID.organizationCode, "91440300DEMO00042X")]
        )
        let cnTSA = try pki.issue(
            "Sealbridge Demo CN TSA (SM2)",
            country: "CN",
            algorithm: .sm2,
            by: cnRoot,
            timeStamping: true
        )

        // China's electronic seals (GB/T 38540): a seal-making authority and the company's seal certificate, both
        // under the SM2 root, so that an OFD package (which carries no CA certificates) has a whole path.
        let cnSealMaker = try pki.issue(
            "Sealbridge Demo CN Seal-Making Authority (SM2)",
            country: "CN",
            algorithm: .sm2,
            by: cnRoot
        )
        let cnSealSigner = try pki.issue(
            "Demo Shenzhen Exporter Co., Ltd. (e-seal)",
            country: "CN",
            algorithm: .sm2,
            by: cnRoot,
            policies: [DemoOID.chineseLicensedPolicy, mr],
            additional: [.text(DemoOID.organizationCode, "91440300DEMO00042X")]
        )

        // EU: a qualified CA and a qualified TSA published in a trusted list signed by its operator.
        let euOperator = try pki.root("Sealbridge Demo EU Trusted List Operator", country: "DE", algorithm: .p256)
        let euCA = try pki.root("Sealbridge Demo EU Qualified CA (P-256)", country: "DE", algorithm: .p256)
        let euSigner = try pki.issue(
            "Demo Hamburg Importer GmbH",
            country: "DE",
            algorithm: .p256,
            by: euCA,
            policies: [DemoOID.qualifiedNaturalPersonQSCD],
            qcStatements: [DemoOID.qcCompliance]
        )
        let euRevoked = try pki.issue(
            "Demo Revoked Signer GmbH",
            country: "DE",
            algorithm: .p256,
            by: euCA,
            policies: [DemoOID.qualifiedNaturalPersonQSCD],
            qcStatements: [DemoOID.qcCompliance]
        )
        let euTSA = try pki.issue(
            "Sealbridge Demo EU Qualified TSA",
            country: "DE",
            algorithm: .p256,
            by: euCA,
            timeStamping: true
        )
        let euCRL = try CertificateIssuer.issueCRL(
            issuer: euCA.certificate,
            issuerKey: euCA.key,
            thisUpdate: pki.days(-1),
            nextUpdate: pki.days(365),
            number: 1,
            revoked: [
                .init(serialNumber: Array(euRevoked.certificate.serialNumber), revocationDate: pki.days(-1), reason: 1)
            ]
        )

        // Hong Kong: RSA root → signers; an RSA TSA.
        let hkRoot = try pki.root("Sealbridge Demo HK Recognised CA (RSA)", country: "HK", algorithm: .rsa)
        let hkSigner = try pki.issue(
            "Demo Kowloon Freight Ltd.",
            country: "HK",
            algorithm: .rsa,
            by: hkRoot,
            policies: [DemoOID.hongKongRecognisedPolicy, mr]
        )
        let hkLocal = try pki.issue(
            "Demo Victoria Harbour Traders Ltd.",
            country: "HK",
            algorithm: .rsa,
            by: hkRoot,
            policies: [DemoOID.hongKongRecognisedPolicy]
        )
        let hkExpired = try pki.issue(
            "Demo Expired Trader Ltd.",
            country: "HK",
            algorithm: .rsa,
            by: hkRoot,
            policies: [DemoOID.hongKongRecognisedPolicy, mr],
            validFrom: -400,
            validUntil: -30
        )
        let hkTSA = try pki.issue(
            "Sealbridge Demo HK TSA (RSA)",
            country: "HK",
            algorithm: .rsa,
            by: hkRoot,
            timeStamping: true
        )

        // A CA no framework lists.
        let unknownCA = try pki.root("Unlisted Demo CA", country: "SG", algorithm: .p256)
        let unknownSigner = try pki.issue(
            "Demo Unknown Signer Pte. Ltd.",
            country: "SG",
            algorithm: .p256,
            by: unknownCA
        )

        // Frameworks.
        try write("frameworks/cn-esl/root-sm2.pem", pem(cnRoot.certificate))
        try write("frameworks/cn-esl/tsa-sm2.pem", pem(cnTSA.certificate))
        try write(
            "frameworks/cn-esl/framework.toml",
            """
            # DEMONSTRATION DATA — not a real trust framework.
            id = "cn-esl"
            jurisdiction = "CN"
            name = "Licensed electronic certification services (demonstration)"
            legal_basis = "Electronic Signature Law of the PRC, Art. 17 and Art. 26 (modelled)"
            levels = ["licensed"]
            signature_policy = "gbt35275"

            [[anchors]]
            certificate = "root-sm2.pem"
            level = "licensed"

            [[time_stamping]]
            certificate = "tsa-sm2.pem"

            """
        )
        let services: [DemoTrustedList.Service] = [
            .init(
                type: TrustedList.ServiceType.qualifiedCA,
                name: "Sealbridge Demo EU Qualified CA",
                certificate: euCA.certificate,
                statusStartingTime: pki.days(-365),
                additionalInformation: [
                    "http://uri.etsi.org/TrstSvc/TrustedList/SvcInfoExt/ForeSignatures",
                    "http://uri.etsi.org/TrstSvc/TrustedList/SvcInfoExt/ForeSeals",
                ]
            ),
            .init(
                type: TrustedList.ServiceType.qualifiedTimeStamping,
                name: "Sealbridge Demo EU Qualified TSA",
                certificate: euTSA.certificate,
                statusStartingTime: pki.days(-365),
                additionalInformation: []
            ),
        ]
        let list = DemoTrustedList.xml(
            territory: "DE",
            operatorName: "Sealbridge Demo EU Trusted List Operator",
            providerName: "Sealbridge Demo Qualified Trust Service Provider",
            services: services,
            issued: pki.days(-1),
            nextUpdate: pki.days(180)
        )
        let signedList = try XMLEnvelopedSigner.sign(
            Array(list.utf8),
            key: euOperator.key,
            certificate: euOperator.certificate,
            signingTime: now
        )
        try write("frameworks/eu-qualified/trusted-list.xml", signedList)
        try write("frameworks/eu-qualified/tl-operator.pem", pem(euOperator.certificate))
        try write(
            "frameworks/eu-qualified/framework.toml",
            """
            # DEMONSTRATION DATA — not a real trusted list.
            id = "eu-qualified"
            jurisdiction = "EU"
            name = "Qualified trust services on a member-state trusted list (demonstration)"
            legal_basis = "Regulation (EU) No 910/2014 (eIDAS) Art. 22 and 25(2) (modelled)"
            levels = ["non-qualified", "qualified"]

            [trusted_list]
            file = "trusted-list.xml"
            signer = "tl-operator.pem"

            """
        )
        try write("frameworks/hk-eto/root-rsa.pem", pem(hkRoot.certificate))
        try write("frameworks/hk-eto/tsa-rsa.pem", pem(hkTSA.certificate))
        try write(
            "frameworks/hk-eto/framework.toml",
            """
            # DEMONSTRATION DATA — not a real trust framework.
            id = "hk-eto"
            jurisdiction = "HK"
            name = "Recognised certification authorities (demonstration)"
            legal_basis = "Electronic Transactions Ordinance (Cap. 553), s. 34 (modelled)"
            levels = ["recognised"]

            [[anchors]]
            certificate = "root-rsa.pem"
            level = "recognised"

            [[time_stamping]]
            certificate = "tsa-rsa.pem"

            """
        )

        // Agreements.
        let effective = String(pki.days(-365).description.prefix(10))
        try write(
            "agreements/gdhk-hk-recognises-cn.toml",
            agreement(
                id: "gdhk-hk-recognises-cn",
                title: "Guangdong–Hong Kong mutual recognition: Hong Kong recognises mainland certificates (model)",
                legalBasis: "Electronic Transactions Ordinance (Cap. 553); GD–HK mutual recognition scheme (modelled)",
                recognising: "HK",
                recognised: "cn-esl",
                effective: effective,
                scope: #"["any"]"#,
                mapping: #"licensed = "recognised""#,
                conditions: #"policies = ["\#(DemoOID.mutualRecognitionArc).*"]"#
            )
        )
        try write(
            "agreements/gdhk-cn-recognises-hk.toml",
            agreement(
                id: "gdhk-cn-recognises-hk",
                title: "Guangdong–Hong Kong mutual recognition: the mainland recognises Hong Kong certificates (model)",
                legalBasis: "Electronic Signature Law of the PRC, Art. 26; GD–HK mutual recognition scheme (modelled)",
                recognising: "CN",
                recognised: "hk-eto",
                effective: effective,
                scope: #"["any"]"#,
                mapping: #"recognised = "licensed""#,
                conditions: #"policies = ["\#(DemoOID.mutualRecognitionArc).*"]"#
            )
        )
        try write(
            "agreements/eu-cn-origin.toml",
            agreement(
                id: "eu-cn-origin",
                title: "EU–China agreement on certificates of origin (model of an eIDAS Art. 14 agreement)",
                legalBasis: "Regulation (EU) No 910/2014 (eIDAS) Art. 14 (modelled)",
                recognising: "EU",
                recognised: "cn-esl",
                effective: effective,
                scope: #"["certificate-of-origin"]"#,
                mapping: #"licensed = "qualified""#,
                conditions: #"signature_algorithms = ["1.2.156.10197.1.501"]"#
            )
        )

        // Documents.
        let invoiceCN = Self.invoice(
            number: "SZ-2026-0042",
            seller: "Demo Shenzhen Exporter Co., Ltd.",
            buyer: "Demo Hamburg Importer GmbH",
            amount: "1200.00",
            currency: "USD"
        )
        let invoiceEU = Self.invoice(
            number: "HH-2026-0007",
            seller: "Demo Hamburg Importer GmbH",
            buyer: "Demo Kowloon Freight Ltd.",
            amount: "830.50",
            currency: "EUR"
        )
        let invoiceHK = Self.invoice(
            number: "KL-2026-0315",
            seller: "Demo Kowloon Freight Ltd.",
            buyer: "Demo Shenzhen Exporter Co., Ltd.",
            amount: "4650.00",
            currency: "HKD"
        )
        let origin = Self.certificateOfOrigin()
        let billOfLading = Self.billOfLading()
        try write("documents/invoice-cn.json", invoiceCN)
        try write("documents/invoice-eu.json", invoiceEU)
        try write("documents/invoice-hk.json", invoiceHK)
        try write("documents/certificate-of-origin-cn.xml", origin)
        try write("documents/bill-of-lading-cn.json", billOfLading)
        let invoiceEUXML = Self.invoiceXML()
        try write("documents/invoice-eu.xml", invoiceEUXML)

        // Every CA's CRL travels in every signed file (as CAdES-LT would carry them), so that each signer's and
        // intermediate's revocation status is checked; they are good for a year, a demonstration's lifetime.
        func crl(_ ca: DemoIdentity) throws -> CertificateRevocationList {
            try CertificateIssuer.issueCRL(
                issuer: ca.certificate,
                issuerKey: ca.key,
                thisUpdate: pki.days(-1),
                nextUpdate: pki.days(365),
                number: 1,
                revoked: []
            )
        }
        let crls = [try crl(cnRoot), try crl(cnCA), euCRL, try crl(hkRoot)]
        for (name, list) in zip(["cn-root", "cn-licensed-ca", "eu-qualified-ca", "hk-recognised-ca"], crls) {
            try write("crls/\(name).crl", list.derBytes)
        }

        // Signatures.
        let cnTSASource = try tsa(cnTSA)
        let euTSASource = try tsa(euTSA)
        let hkTSASource = try tsa(hkTSA)
        let cnChain = [cnCA.certificate]
        try await sign("invoice-cn-sm2-bb.p7s", invoiceCN, cnSigner, chain: cnChain, crls: crls)
        try await sign("invoice-cn-sm2-bt.p7s", invoiceCN, cnSigner, chain: cnChain, tsa: cnTSASource, crls: crls)
        try await sign("origin-cn-sm2-bt.p7s", origin, cnSigner, chain: cnChain, tsa: cnTSASource, crls: crls)
        try await sign("bill-of-lading-cn-sm2-bb.p7s", billOfLading, cnSigner, chain: cnChain, crls: crls)
        try await sign("invoice-eu-p256-bb.p7s", invoiceEU, euSigner, crls: crls)
        try await sign("invoice-eu-p256-bt.p7s", invoiceEU, euSigner, tsa: euTSASource, crls: crls)
        try await sign("invoice-hk-rsa-bb.p7s", invoiceHK, hkSigner, crls: crls)
        try await sign("invoice-hk-rsa-bt.p7s", invoiceHK, hkSigner, tsa: hkTSASource, crls: crls)
        try await sign("invoice-hk-no-mr-policy.p7s", invoiceHK, hkLocal, crls: crls)
        let tampered = try await signed(invoiceCN, cnSigner, chain: cnChain, tsa: nil, crls: crls)
        try write("signed/invoice-cn-tampered.p7s", try Self.replacing("1200.00", with: "9200.00", in: tampered))
        try await sign("invoice-hk-expired-signer.p7s", invoiceHK, hkExpired, crls: crls)
        try await sign("invoice-eu-revoked-signer.p7s", invoiceEU, euRevoked, crls: crls)
        try await sign("invoice-eu-no-revocation-data.p7s", invoiceEU, euSigner)
        try await sign("invoice-unknown-ca.p7s", invoiceEU, unknownSigner, chain: [unknownCA.certificate], crls: crls)

        // The EU invoice as XML (UBL), enveloped XAdES-B-T with the qualified TSA's time-stamp and the CRLs in
        // RevocationValues, and a copy whose amount was changed after signing.
        var xades = XAdESSigner.Request(
            document: Array(invoiceEUXML.utf8),
            mimeType: "text/xml",
            packaging: .enveloped,
            key: euSigner.key,
            certificate: euSigner.certificate
        )
        xades.signingTime = now
        xades.commitmentType = "http://uri.etsi.org/01903/v1.2.2#ProofOfOrigin"
        xades.timeStamp = euTSASource
        xades.crls = crls
        let signedXML = try await XAdESSigner.sign(xades)
        try write("signed/invoice-eu-xades-bt.xml", signedXML)
        try write(
            "signed/invoice-eu-xades-tampered.xml",
            try Self.replacing(">830.50<", with: ">930.50<", in: signedXML)
        )

        // The OFD e-invoice, sealed with the company's invoice seal and an SM2 time-stamp, and a tampered copy.
        let seal = try SESWriter.seal(
            SESealRequest(
                vendorID: "SEALBRIDGE-DEMO",
                esID: "91440300DEMO00042X-INV",
                type: 3,
                name: "Demo Shenzhen Exporter Co., Ltd. invoice seal (demonstration)",
                signerCertificates: [cnSealSigner.certificate.derBytes],
                createDate: pki.days(-30),
                validStart: pki.days(-30),
                validEnd: pki.days(365),
                pictureType: "PNG",
                picture: DemoOFD.sealPicture,
                pictureWidth: 40,
                pictureHeight: 40
            ),
            makerCertificate: cnSealMaker.certificate.derBytes,
            makerKey: cnSealMaker.key
        )
        let invoiceOFD = try DemoOFD.invoice(
            title: "Demo invoice SZ-2026-0042",
            lines: [
                "DEMONSTRATION DATA - not a real invoice", "Invoice SZ-2026-0042",
                "Seller: Demo Shenzhen Exporter Co., Ltd. (91440300DEMO00042X)", "Buyer: Demo Hamburg Importer GmbH",
                "200 x LED desk lamp, model DL-7", "Total: USD 1200.00",
            ]
        )
        let sealedOFD = try await OFDSealer().seal(
            invoiceOFD,
            OFDSealer.Request(
                seal: try SESeal(derEncoded: seal),
                signerKey: cnSealSigner.key,
                signerCertificate: cnSealSigner.certificate.derBytes,
                page: 0,
                box: (x: 150, y: 70, width: 40, height: 40),
                time: now,
                provider: "Sealbridge demonstration",
                timeStamp: cnTSASource
            )
        )
        try write("documents/invoice-cn.ofd", invoiceOFD)
        try write("signed/invoice-cn-seal.ofd", sealedOFD)
        try write(
            "signed/invoice-cn-seal-tampered.ofd",
            try DemoOFD.replacing(
                "USD 1200.00",
                with: "USD 9200.00",
                inPart: "Doc_0/Pages/Page_0/Content.xml",
                of: sealedOFD
            )
        )
        // The Chinese CAs' CRLs as a relying party downloads them: an OFD package carries no revocation data.
        try write("crls-published/cn-root.crl", crls[0].derBytes)
        try write("crls-published/cn-licensed-ca.crl", crls[1].derBytes)
        try write("keys/cn-invoice-seal.esl", seal)
        try write("keys/cn-seal-signer-sm2.key", cnSealSigner.key.pemRepresentation + "\n")
        try write("keys/cn-seal-signer-sm2.pem", pem(cnSealSigner.certificate))

        // Keys, so the demonstration can sign more (never do this with real keys).
        try write("keys/cn-signer-sm2.key", cnSigner.key.pemRepresentation + "\n")
        try write("keys/cn-signer-sm2.pem", pem(cnSigner.certificate, cnCA.certificate))
        try write("keys/eu-signer-p256.key", euSigner.key.pemRepresentation + "\n")
        try write("keys/eu-signer-p256.pem", pem(euSigner.certificate))
        try write("keys/hk-signer-rsa.key", hkSigner.key.pemRepresentation + "\n")
        try write("keys/hk-signer-rsa.pem", pem(hkSigner.certificate))
        try writeServerFiles(
            euTSA: euTSA,
            euCA: euCA,
            cnSigner: cnSigner,
            cnCA: cnCA,
            euSigner: euSigner,
            hkSigner: hkSigner,
            cnSealSigner: cnSealSigner
        )
        try write("README.md", DemoReadme.text(now: now))
    }

    /// What `sealbridge serve --demo` runs on: the signers' and the EU TSA's keys as encrypted PKCS #8 (SM2 with
    /// PBKDF2-HMAC-SM3 and SM4-CBC, the others with PBKDF2-HMAC-SHA-256 and AES-256-CBC), their passphrase in a
    /// file, and `sealbridge.toml`. The TSA is the EU's (ECDSA P-256) so that `openssl ts -verify` can check its
    /// tokens too (OpenSSL 3.0 cannot check SM2 CMS).
    func writeServerFiles(
        euTSA: DemoIdentity,
        euCA: DemoIdentity,
        cnSigner: DemoIdentity,
        cnCA: DemoIdentity,
        euSigner: DemoIdentity,
        hkSigner: DemoIdentity,
        cnSealSigner: DemoIdentity
    ) throws {
        let passphrase = Array(DemoWorld.serverKeyPassphrase.utf8)
        // Few PBKDF2 rounds: demonstration keys, made and opened often; real keys use the default (200,000).
        let rounds = 10_000
        try write("server/passphrase.txt", DemoWorld.serverKeyPassphrase + "\n")
        try write(
            "server/cn-signer-sm2.p8",
            try cnSigner.key.encryptedPEMRepresentation(passphrase: passphrase, iterations: rounds, national: true)
        )
        try write("server/cn-signer-sm2.pem", pem(cnSigner.certificate, cnCA.certificate))
        try write(
            "server/eu-signer-p256.p8",
            try euSigner.key.encryptedPEMRepresentation(passphrase: passphrase, iterations: rounds)
        )
        try write("server/eu-signer-p256.pem", pem(euSigner.certificate, euCA.certificate))
        try write(
            "server/hk-signer-rsa.p8",
            try hkSigner.key.encryptedPEMRepresentation(passphrase: passphrase, iterations: rounds)
        )
        try write("server/hk-signer-rsa.pem", pem(hkSigner.certificate))
        // The company's seal signer: with keys/cn-invoice-seal.esl it seals OFD documents (format=ofd).
        try write(
            "server/cn-seal-signer-sm2.p8",
            try cnSealSigner.key.encryptedPEMRepresentation(passphrase: passphrase, iterations: rounds, national: true)
        )
        try write("server/cn-seal-signer-sm2.pem", pem(cnSealSigner.certificate))
        try write(
            "server/eu-tsa-p256.p8",
            try euTSA.key.encryptedPEMRepresentation(passphrase: passphrase, iterations: rounds)
        )
        try write("server/eu-tsa-p256.pem", pem(euTSA.certificate, euCA.certificate))
        try write("sealbridge.toml", DemoReadme.serverConfiguration)
    }

    // MARK: - Pieces

    /// PEM blocks, one per line group, each ending in a newline (so a bundle's blocks never run together).
    func pem(_ certificates: Certificate...) -> String {
        certificates.map { $0.pemRepresentation.hasSuffix("\n") ? $0.pemRepresentation : $0.pemRepresentation + "\n" }
            .joined()
    }

    func write(_ relative: String, _ text: String) throws {
        try write(relative, Array(text.utf8))
    }

    func write(_ relative: String, _ bytes: [UInt8]) throws {
        try Data(bytes).write(to: folder.appendingPathComponent(relative))
    }

    func tsa(_ identity: DemoIdentity) throws -> TimeStampAuthority {
        try TimeStampAuthority(
            key: identity.key,
            certificate: identity.certificate,
            policy: DemoOID.timeStampPolicy,
            serialStore: InMemorySerialNumberStore()
        )
    }

    func signed(
        _ content: String,
        _ signer: DemoIdentity,
        chain: [Certificate],
        tsa: TimeStampAuthority?,
        crls: [CertificateRevocationList]
    ) async throws -> [UInt8] {
        let cmsSigner = try CMSSigner(key: signer.key, certificate: signer.certificate, chain: chain)
        var data = try CMSSignedDataBuilder.sign(
            .bytes(Array(content.utf8)),
            signers: [cmsSigner],
            options: CMSSignOptions(signingTime: now)
        )
        if let tsa { data = try await CAdES.addingSignatureTimeStamps(to: data, from: tsa) }
        if !crls.isEmpty { data = data.adding(certificates: [], crls: crls) }
        return try data.derRepresentation
    }

    func sign(
        _ file: String,
        _ content: String,
        _ signer: DemoIdentity,
        chain: [Certificate] = [],
        tsa: TimeStampAuthority? = nil,
        crls: [CertificateRevocationList] = []
    ) async throws {
        try write("signed/" + file, try await signed(content, signer, chain: chain, tsa: tsa, crls: crls))
    }

    func agreement(
        id: String,
        title: String,
        legalBasis: String,
        recognising: String,
        recognised: String,
        effective: String,
        scope: String,
        mapping: String,
        conditions: String
    ) -> String {
        """
        # DEMONSTRATION DATA — a model agreement, not a legal instrument.
        id = "\(id)"
        title = "\(title)"
        legal_basis = "\(legalBasis)"
        recognising_jurisdiction = "\(recognising)"
        recognised_framework = "\(recognised)"
        status = "in-force"
        effective = \(effective)
        scope = \(scope)

        [level_mapping]
        \(mapping)

        [conditions]
        \(conditions)

        """
    }

    static func replacing(_ old: String, with new: String, in bytes: [UInt8]) throws -> [UInt8] {
        let needle = Array(old.utf8)
        let replacement = Array(new.utf8)
        guard needle.count == replacement.count,
            let start = bytes.indices.first(where: { bytes[$0...].starts(with: needle) })
        else { throw DemoError("cannot tamper: '\(old)' not found") }
        var copy = bytes
        copy.replaceSubrange(start..<start + needle.count, with: replacement)
        return copy
    }

    static func invoice(number: String, seller: String, buyer: String, amount: String, currency: String) -> String {
        """
        {
          "documentKind": "invoice",
          "demonstration": "Sealbridge demonstration data — not a real invoice",
          "number": "\(number)",
          "seller": "\(seller)",
          "buyer": "\(buyer)",
          "lines": [{"description": "LED lighting modules (HS 9405.42)", "quantity": 120, "unitPrice": "10.00"}],
          "total": "\(amount)",
          "currency": "\(currency)",
          "incoterms": "FOB Shenzhen"
        }

        """
    }

    /// The EU invoice as UBL 2.1 XML, for the XAdES demonstration.
    static func invoiceXML() -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" \
        xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" \
        xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
          <cbc:Note>Sealbridge demonstration data — not a real invoice</cbc:Note>
          <cbc:ID>HH-2026-0007</cbc:ID>
          <cbc:IssueDate>2026-12-01</cbc:IssueDate>
          <cac:AccountingSupplierParty><cac:Party><cac:PartyName><cbc:Name>Demo Hamburg Importer GmbH</cbc:Name>\
        </cac:PartyName></cac:Party></cac:AccountingSupplierParty>
          <cac:AccountingCustomerParty><cac:Party><cac:PartyName><cbc:Name>Demo Kowloon Freight Ltd.</cbc:Name>\
        </cac:PartyName></cac:Party></cac:AccountingCustomerParty>
          <cac:InvoiceLine><cbc:ID>1</cbc:ID><cbc:InvoicedQuantity unitCode="C62">120</cbc:InvoicedQuantity>\
        <cac:Item><cbc:Name>LED lighting modules (HS 9405.42)</cbc:Name></cac:Item></cac:InvoiceLine>
          <cac:LegalMonetaryTotal><cbc:PayableAmount currencyID="EUR">830.50</cbc:PayableAmount></cac:LegalMonetaryTotal>
        </Invoice>

        """
    }

    static func certificateOfOrigin() -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- Sealbridge demonstration data — not a real certificate of origin -->
        <CertificateOfOrigin number="CO-440300-2026-0099">
          <Exporter country="CN">Demo Shenzhen Exporter Co., Ltd.</Exporter>
          <Consignee country="DE">Demo Hamburg Importer GmbH</Consignee>
          <Goods hsCode="9405.42" quantity="120">LED lighting modules</Goods>
          <Origin>CN</Origin>
          <IssuedBy>Sealbridge Demo Chamber of Commerce</IssuedBy>
        </CertificateOfOrigin>

        """
    }

    static func billOfLading() -> String {
        """
        {
          "documentKind": "bill-of-lading",
          "demonstration": "Sealbridge demonstration data — not a real bill of lading",
          "number": "SZHH-2026-1188",
          "shipper": "Demo Shenzhen Exporter Co., Ltd.",
          "consignee": "Demo Hamburg Importer GmbH",
          "portOfLoading": "CNSZX",
          "portOfDischarge": "DEHAM",
          "vessel": "Demo Harmony"
        }

        """
    }
}

/// A failure to write the demonstration world.
public struct DemoError: Error, CustomStringConvertible {
    /// What went wrong.
    public let description: String
    init(_ description: String) { self.description = description }
}
