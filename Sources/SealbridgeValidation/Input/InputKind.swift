import SealbridgeCrypto

/// What a file handed to validation is, judged from a bounded look at its bytes: a CMS signature Sealbridge reads, a
/// signature format it does not validate yet, or one of the things people send by mistake (a certificate, a key, a
/// PDF, a picture of a seal, …), so that the answer can say so in the user's terms.
///
/// ``detect(_:)`` never parses the whole input: it reads the first 16 KiB (structure, text), the first 64 KiB and the
/// last 256 KiB of a ZIP archive (entry names), and decodes at most 16 KiB of base64. It does not check signatures or
/// even full well-formedness: a truncated CMS signature is still ``cmsSignedData(_:)``, and the CMS parser says what
/// is wrong with it.
public enum InputKind: Sendable, Equatable, CustomStringConvertible {
    /// Which object identifiers a CMS `SignedData` is labelled with.
    public enum SignedDataProfile: Sendable, Equatable {
        /// RFC 5652's id-signedData, `1.2.840.113549.1.7.2`.
        case rfc5652
        /// GB/T 35275's signedData, `1.2.156.10197.6.1.4.2.2`.
        case gbt35275
    }

    /// The two ASiC container forms (ETSI EN 319 162-1).
    public enum ContainerForm: Sendable, Equatable {
        /// ASiC-S: one signed object.
        case simple
        /// ASiC-E: several signed objects and a manifest.
        case extended
    }

    /// The image formats recognised by their magic numbers.
    public enum ImageFormat: String, Sendable, Equatable {
        /// PNG (`89 50 4E 47 0D 0A 1A 0A`).
        case png = "PNG"
        /// JPEG (`FF D8 FF`).
        case jpeg = "JPEG"
        /// GIF (`GIF87a`, `GIF89a`).
        case gif = "GIF"
        /// WebP (`RIFF…WEBP`).
        case webP = "WebP"
    }

    /// No bytes at all.
    case empty
    /// A CMS / PKCS #7 `ContentInfo` holding `SignedData`, DER or BER: what Sealbridge validates.
    case cmsSignedData(SignedDataProfile)
    /// A CMS `ContentInfo` of another type (enveloped, encrypted, digested or plain data), named.
    case cmsMessage(contentType: String)
    /// A PEM block (RFC 7468) with its label: `PKCS7`, `CMS`, `CERTIFICATE`, `X509 CRL`, `PRIVATE KEY`, ….
    case pem(label: String)
    /// A DER X.509 certificate.
    case certificate
    /// A DER certificate revocation list.
    case certificateRevocationList
    /// A DER PKCS #10 certification request.
    case certificationRequest
    /// A DER private key: PKCS #8 (plain or encrypted), SEC 1 or PKCS #1.
    case privateKey
    /// A DER `SubjectPublicKeyInfo`.
    case publicKey
    /// A DER PKCS #12 key store (`.p12`, `.pfx`).
    case pkcs12
    /// A bare DER signature value, `SEQUENCE { r INTEGER, s INTEGER }` (ECDSA, SM2, DSA), as `sealbridge sign` writes.
    case signatureValue
    /// A DER RFC 3161 `TimeStampReq`.
    case timeStampRequest
    /// A DER RFC 3161 `TimeStampResp`.
    case timeStampResponse
    /// An RFC 3161 time-stamp token: CMS `SignedData` over a `TSTInfo`.
    case timeStampToken
    /// A GB/T 38540 / GM/T 0031 electronic seal (`SESeal`), with its header's version when readable.
    case electronicSeal(version: Int?)
    /// A GB/T 38540 / GM/T 0031 electronic signature made with a seal (`SES_Signature`).
    case electronicSealSignature(version: Int?)
    /// A PDF document (`%PDF-`).
    case pdf
    /// An XML document holding an XML-DSig / XAdES `Signature` element.
    case xmlSignature
    /// An ETSI TS 119 612 trusted list (`TrustServiceStatusList`).
    case trustedList
    /// An HTML page.
    case html
    /// Another XML document, with its root element's name.
    case xml(rootElement: String)
    /// A JAdES / JWS JSON serialisation (`"signatures"` or `"protected"` members).
    case jadesJSON
    /// Another JSON document.
    case json
    /// A compact JWS: three base64url parts joined by dots, the header JSON with `alg`.
    case compactJWS
    /// An SD-JWT: a compact JWS followed by `~`-separated disclosures.
    case sdJWT
    /// An ASiC container: a ZIP whose first entry is `mimetype` = `application/vnd.etsi.asic-…`.
    case asic(ContainerForm)
    /// An OFD document (GB/T 33190): a ZIP holding `OFD.xml`.
    case ofd
    /// Another ZIP archive.
    case zip
    /// An image.
    case image(ImageFormat)
    /// Text that is none of the above.
    case text
    /// Bare base64 text (no PEM armour, as CFCA and other SDKs write CMS) of what `inner` describes.
    indirect case base64(inner: InputKind)
    /// A DER/BER SEQUENCE of no structure recognised here.
    case unknownASN1
    /// Bytes of no recognised kind.
    case unknownBinary

    /// Bytes read for structure and text.
    static let windowSize = 16 << 10
    /// Bytes read from the start of a ZIP archive for local file headers.
    static let zipHeadSize = 64 << 10
    /// Bytes read from the end of a ZIP archive for the central directory.
    static let zipTailSize = 256 << 10
    /// The largest text ``unwrapBareBase64(_:)`` decodes.
    public static let maximumBase64Size = 64 << 20

    /// What `bytes` are, from their first bytes (and, for a ZIP archive, its central directory).
    ///
    /// Bounded work on any input, no crash: see ``InputKind``.
    ///
    /// - Parameter bytes: the whole file as received.
    /// - Returns: its kind; ``unknownBinary`` or ``unknownASN1`` when nothing matched.
    public static func detect(_ bytes: some Collection<UInt8>) -> InputKind {
        let count = bytes.count
        let head = Array(bytes.prefix(zipHeadSize))
        let tail = count > head.count ? Array(bytes.suffix(zipTailSize)) : head
        return InputSniffer(head: head, totalCount: count, tail: tail).kind(allowingBase64: true)
    }

    /// The bytes that bare base64 text decodes to, when the whole input is base64 (standard alphabet, padding
    /// optional, whitespace and line breaks anywhere) of something ``detect(_:)`` recognises as binary.
    ///
    /// Chinese SDKs (CFCA's among them) hand out CMS signatures as base64 without PEM armour. Text that merely looks
    /// like base64 (a word, a hex string) decodes to bytes of no known kind and is left alone.
    ///
    /// - Parameter bytes: the whole input.
    /// - Returns: the decoded bytes, or `nil` when the input is not such base64 or exceeds ``maximumBase64Size``.
    public static func unwrapBareBase64(_ bytes: some Collection<UInt8>) -> [UInt8]? {
        guard bytes.count <= maximumBase64Size, let decoded = Base64Text.decode(bytes, maximumOutput: nil) else {
            return nil
        }
        return InputKind.detect(decoded).isDecodedBinary ? decoded : nil
    }

    /// Whether this is a signature Sealbridge validates: CMS / CAdES `SignedData` in DER, BER, PEM (`PKCS7`, `CMS`)
    /// or bare base64, and OFD documents with their seals and signatures.
    public var isSupportedSignature: Bool {
        switch self {
        case .cmsSignedData, .ofd: return true
        case .pem(let label): return PEMLabel.isSignature(label)
        case .base64(let inner): return inner.isSupportedSignature
        default: return false
        }
    }

    /// Whether this is a signature format Sealbridge does not validate yet (PAdES, XAdES, JAdES, JWS, SD-JWT, ASiC,
    /// a GB/T 38540 seal signature outside its OFD document): the answer is "not validated", not "not a signature".
    public var isSignatureFormat: Bool {
        switch self {
        case .pdf, .xmlSignature, .jadesJSON, .compactJWS, .sdJWT, .asic, .electronicSealSignature: return true
        case .base64(let inner): return inner.isSignatureFormat
        default: return false
        }
    }

    /// Whether nothing was recognised: the bytes may still be a damaged signature, best left to the CMS parser to
    /// explain.
    public var isUnknown: Bool {
        switch self {
        case .unknownASN1, .unknownBinary: return true
        case .base64(let inner): return inner.isUnknown
        default: return false
        }
    }

    /// The kind as a noun phrase for a sentence: "an X.509 certificate", "a PDF document", "an OFD document
    /// (GB/T 33190)".
    public var name: String {
        switch self {
        case .empty: return "an empty file"
        case .cmsSignedData(.rfc5652): return "a CMS / CAdES signature (PKCS #7 SignedData)"
        case .cmsSignedData(.gbt35275): return "a CMS signature with GB/T 35275 (SM2) object identifiers"
        case .cmsMessage(let contentType): return "a CMS \(contentType) message"
        case .pem(let label): return PEMLabel.name(label)
        case .certificate: return "an X.509 certificate"
        case .certificateRevocationList: return "a certificate revocation list (CRL)"
        case .certificationRequest: return "a certificate signing request (PKCS #10)"
        case .privateKey: return "a private key"
        case .publicKey: return "a public key (SubjectPublicKeyInfo)"
        case .pkcs12: return "a PKCS #12 key store (.p12 / .pfx)"
        case .signatureValue: return "a bare signature value (DER r and s)"
        case .timeStampRequest: return "an RFC 3161 time-stamp request"
        case .timeStampResponse: return "an RFC 3161 time-stamp response"
        case .timeStampToken: return "an RFC 3161 time-stamp token"
        case .electronicSeal(let version):
            return "an electronic seal (GB/T 38540 / GM/T 0031 SESeal\(versionText(version)))"
        case .electronicSealSignature(let version):
            return "an electronic seal signature (GB/T 38540 / GM/T 0031 SES_Signature\(versionText(version)))"
        case .pdf: return "a PDF document"
        case .xmlSignature: return "an XML signature (XAdES / XML-DSig)"
        case .trustedList: return "an ETSI trusted list (TS 119 612)"
        case .html: return "an HTML page"
        case .xml(let root): return "an XML document (<\(root)>)"
        case .jadesJSON: return "a JAdES signature (JSON serialisation)"
        case .json: return "a JSON document"
        case .compactJWS: return "a compact JWS (JAdES)"
        case .sdJWT: return "an SD-JWT (selective-disclosure JWT)"
        case .asic(.simple): return "an ASiC-S container (ETSI EN 319 162)"
        case .asic(.extended): return "an ASiC-E container (ETSI EN 319 162)"
        case .ofd: return "an OFD document (GB/T 33190)"
        case .zip: return "a ZIP archive"
        case .image(let format): return "a \(format.rawValue) image"
        case .text: return "a text file"
        case .base64(let inner): return "base64 text of \(inner.name)"
        case .unknownASN1: return "a DER/BER structure Sealbridge does not recognise"
        case .unknownBinary: return "a binary file of unknown type"
        }
    }

    /// The kind in the user's terms, with what it means for validation: "an X.509 certificate, not a signature",
    /// "a PDF document: PAdES signatures are not validated yet".
    public var description: String {
        switch self {
        case .cmsSignedData, .ofd, .unknownASN1, .unknownBinary, .empty: return name
        case .pem(let label) where PEMLabel.isSignature(label): return name
        case .pem(let label) where PEMLabel.isPrivateKey(label):
            return "\(name), not a signature; never send a private key"
        case .privateKey, .pkcs12: return "\(name), not a signature; never send a private key"
        case .timeStampResponse, .timeStampToken:
            return "\(name), not a signed document: check it with `sealbridge ts verify`"
        case .signatureValue: return "\(name), not a signed document: check it with `sealbridge verify`"
        case .trustedList: return "\(name), not a signed document: check it with `sealbridge trustlist verify`"
        case .pdf: return "\(name): PAdES signatures are not validated yet"
        case .electronicSealSignature:
            return "\(name): a seal signature is validated inside its OFD document, which holds what it signs"
        case .asic: return "\(name): ASiC signatures are not validated yet"
        case .base64(let inner): return "base64 text of \(inner.description)"
        default: return isSignatureFormat ? "\(name): not validated yet" : "\(name), not a signature"
        }
    }

    /// Whether this is what bare base64 should decode to: a binary structure, not text or noise.
    var isDecodedBinary: Bool {
        switch self {
        case .empty, .text, .unknownBinary, .base64, .json, .xml, .html, .xmlSignature, .trustedList, .pem,
            .compactJWS, .sdJWT, .jadesJSON:
            return false
        default: return true
        }
    }

    private func versionText(_ version: Int?) -> String {
        version.map { ", version \($0)" } ?? ""
    }
}

/// The PEM labels people meet (RFC 7468 and OpenSSL's).
enum PEMLabel {
    static func isSignature(_ label: String) -> Bool { label == "PKCS7" || label == "CMS" }

    static func isPrivateKey(_ label: String) -> Bool { label.hasSuffix("PRIVATE KEY") }

    static func name(_ label: String) -> String {
        switch label {
        case "PKCS7", "CMS": return "a PEM CMS / CAdES signature (\(label))"
        case "CERTIFICATE", "X509 CERTIFICATE", "TRUSTED CERTIFICATE": return "an X.509 certificate (PEM)"
        case "X509 CRL": return "a certificate revocation list (PEM)"
        case "CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST": return "a certificate signing request (PEM)"
        case "PUBLIC KEY", "RSA PUBLIC KEY": return "a public key (PEM)"
        case _ where isPrivateKey(label): return "a private key (PEM \(label))"
        default: return "a PEM block labelled \(label)"
        }
    }
}
