public import Foundation
import SealbridgeCMS
import SealbridgeCrypto
import SealbridgeTrust
public import SealbridgeValidation
public import SealbridgeX509

/// The demonstration world of `sealbridge demo init`: three trust frameworks (China SM2, an EU trusted list,
/// Hong Kong RSA), recognition agreements among them, sample trade documents signed CAdES-B-B and B-T in each
/// framework, deliberately broken ones, and the expected indication and verdict for every (document, relying
/// jurisdiction) pair. Everything is labelled as demonstration data; no key or certificate is real.
public enum DemoWorld {
    /// The passphrase of the demonstration server's encrypted keys (in `server/passphrase.txt`; demo data only).
    public static let serverKeyPassphrase = "sealbridge-demo-passphrase (demonstration only)"

    /// The relying jurisdictions of the matrix: China, Hong Kong, and Germany (an EU member state).
    public static let jurisdictions = ["CN", "HK", "DE"]

    /// One signed file of the world.
    public struct Document: Sendable {
        /// The file under `signed/`.
        public let file: String
        /// Its document kind.
        public let kind: String
        /// What it shows.
        public let description: String
        /// The expected EN 319 102-1 indication (the same for every relying jurisdiction).
        public let indication: Indication
        /// The expected sub-indication.
        public let subIndication: SubIndication?
        /// The expected recognition verdict per relying jurisdiction (`not-applicable` wherever the signature is
        /// not TOTAL_PASSED).
        public let verdicts: [String: RecognitionVerdictName]
        /// The agreement expected to recognise it, per jurisdiction where the verdict is `recognised`.
        public let agreements: [String: String]
    }

    /// The documents and what validating them must give: the specification the matrix test holds the validator
    /// to. Recognition follows from the agreements written by ``create(in:now:)``: CN and HK recognise each other
    /// for any document whose path carries the mutual-recognition policy; the EU recognises the Chinese framework
    /// for certificates of origin only; nobody has an agreement for the EU list except the EU itself.
    public static let documents: [Document] = [
        chinese("invoice-cn-sm2-bb.p7s", "invoice", "an invoice signed in China, SM2, CAdES-B-B"),
        chinese("invoice-cn-sm2-bt.p7s", "invoice", "the same, CAdES-B-T with an SM2 time-stamp"),
        chinese("origin-cn-sm2-bt.p7s", "certificate-of-origin", "a certificate of origin signed in China, B-T"),
        chinese(
            "bill-of-lading-cn-sm2-bb.p7s",
            "bill-of-lading",
            "a bill of lading from China: outside the EU agreement's scope"
        ),
        european("invoice-eu-p256-bb.p7s", "an invoice signed under the EU trusted list, ECDSA P-256, B-B"),
        european("invoice-eu-p256-bt.p7s", "the same, B-T with the qualified TSA's time-stamp"),
        european(
            "invoice-eu-xades-bt.xml",
            "the EU invoice as UBL XML, enveloped XAdES-B-T (ECDSA P-256) with the qualified TSA's time-stamp"
        ),
        hongKong("invoice-hk-rsa-bb.p7s", "an invoice signed in Hong Kong, RSA-2048, B-B", mutual: true),
        hongKong("invoice-hk-rsa-bt.p7s", "the same, B-T with the Hong Kong TSA's time-stamp", mutual: true),
        hongKong(
            "invoice-hk-no-mr-policy.p7s",
            "a Hong Kong signer without the mutual-recognition policy",
            mutual: false
        ),
        Document(
            file: "invoice-cn-tampered.p7s",
            kind: "invoice",
            description: "the Chinese invoice with its amount changed after signing",
            indication: .totalFailed,
            subIndication: .hashFailure,
            verdicts: notApplicable,
            agreements: [:]
        ),
        Document(
            file: "invoice-eu-xades-tampered.xml",
            kind: "invoice",
            description: "the XAdES-signed EU invoice with its amount changed after signing",
            indication: .totalFailed,
            subIndication: .hashFailure,
            verdicts: notApplicable,
            agreements: [:]
        ),
        broken(
            "invoice-hk-expired-signer.p7s",
            "a Hong Kong signer whose certificate expired 30 days ago (its CA's CRL, in the file, does not list it)",
            .outOfBoundsNotRevoked
        ),
        broken(
            "invoice-eu-revoked-signer.p7s",
            "an EU signer revoked yesterday for key compromise (the CRL travels in the file)",
            .revokedNoPOE
        ),
        broken(
            "invoice-eu-no-revocation-data.p7s",
            "an EU invoice that carries no CRL: its revocation status cannot be checked",
            .tryLater
        ),
        broken("invoice-unknown-ca.p7s", "a signer from a CA no framework lists", .noCertificateChainFound),
        chinese(
            "invoice-cn-seal.ofd",
            "invoice",
            "an OFD e-invoice sealed with the company's GB/T 38540 invoice seal (SM2) and an SM2 time-stamp"
        ),
        Document(
            file: "invoice-cn-seal-tampered.ofd",
            kind: "invoice",
            description: "the sealed OFD e-invoice with its total changed on the page after sealing",
            indication: .totalFailed,
            subIndication: .hashFailure,
            verdicts: ["CN": .notApplicable, "HK": .notApplicable, "DE": .notApplicable],
            agreements: [:]
        ),
    ]

    private static func chinese(_ file: String, _ kind: String, _ description: String) -> Document {
        let inEU = kind == "certificate-of-origin"
        return Document(
            file: file,
            kind: kind,
            description: description,
            indication: .totalPassed,
            subIndication: nil,
            verdicts: ["CN": .domestic, "HK": .recognised, "DE": inEU ? .recognised : .notRecognised],
            agreements: ["HK": "gdhk-hk-recognises-cn"].merging(inEU ? ["DE": "eu-cn-origin"] : [:]) { $1 }
        )
    }

    private static func european(_ file: String, _ description: String) -> Document {
        Document(
            file: file,
            kind: "invoice",
            description: description,
            indication: .totalPassed,
            subIndication: nil,
            verdicts: ["CN": .notRecognised, "HK": .notRecognised, "DE": .domestic],
            agreements: [:]
        )
    }

    private static func hongKong(_ file: String, _ description: String, mutual: Bool) -> Document {
        Document(
            file: file,
            kind: "invoice",
            description: description,
            indication: .totalPassed,
            subIndication: nil,
            verdicts: ["CN": mutual ? .recognised : .notRecognised, "HK": .domestic, "DE": .notRecognised],
            agreements: mutual ? ["CN": "gdhk-cn-recognises-hk"] : [:]
        )
    }

    private static func broken(_ file: String, _ description: String, _ sub: SubIndication) -> Document {
        Document(
            file: file,
            kind: "invoice",
            description: description,
            indication: sub.indication,
            subIndication: sub,
            verdicts: notApplicable,
            agreements: [:]
        )
    }

    /// No recognition applies to a signature that is not valid, in any jurisdiction.
    private static var notApplicable: [String: RecognitionVerdictName] {
        Dictionary(uniqueKeysWithValues: jurisdictions.map { ($0, .notApplicable) })
    }

    /// Creates the world in `folder` (which must be empty or absent).
    ///
    /// - Throws: when the folder cannot be written, or a key cannot be made.
    public static func create(in folder: URL, now: X509Time = .now) async throws {
        try await DemoWorldWriter(folder: folder, now: now).write()
    }
}
