public import SealbridgeCMS
public import SealbridgeCrypto
public import SealbridgeX509
import SwiftASN1

/// What checking one electronic-seal signature (`SES_Signature`) found, step by step as GB/T 38540-2020 §7.3 and
/// GM/T 0031-2014 §6.2.3 order them. Facts only: the validation process judges them.
public struct OFDSealVerification: Sendable {
    /// How a signature value checked out.
    public enum SignatureCheck: Sendable, Hashable {
        case verified
        /// Verified over the bytes another writer signs (the note says which).
        case verifiedWithNote(String)
        case failed(String)
        case unsupported(String)
        case notReached(String)
    }

    /// The seal signature checked.
    public let signature: SESSignature
    /// The signer's certificate, or why it could not be read.
    public let signerCertificate: Result<Certificate, SESError>
    /// `dataHash` against the digest of the signed file (`Signature.xml`): nil when not compared.
    public let dataHashMatches: Bool?
    /// The hash used for `dataHash`.
    public let dataHashFunction: HashFunction?
    /// The signer's signature over DER(`TBS_Sign`).
    public let signatureValue: SignatureCheck
    /// The signature algorithm's object identifier.
    public let signatureAlgorithm: SignatureAlgorithm?
    /// The seal maker's certificate and signature over the seal.
    public let makerCertificate: Result<Certificate, SESError>
    /// The seal maker's signature over the seal.
    public let makerSignature: SignatureCheck
    /// Whether the signer's certificate is one the seal lists (by certificate or by digest); nil when the list
    /// cannot be compared (an unknown digest algorithm).
    public let signerListedInSeal: Bool?
    /// Whether the package's seal file (`Seal.esl`) is the seal inside the signature; nil when there is none.
    public let sealFileMatches: Bool?
    /// The time-stamp over the signature value, verified.
    public let timeStamp: TimeStampVerification?
    /// Observations that do not change a finding.
    public let notes: [String]

    /// Checks `signature` (read from `SignedValue.dat`) over `signedFile` (the `Signature.xml` bytes).
    public init(
        _ signature: SESSignature,
        signedFile: [UInt8],
        sealFile: [UInt8]?,
        timeStampOptions: TimeStampVerificationOptions
    ) {
        self.signature = signature
        var notes: [String] = []
        signerCertificate = Self.certificate(signature.signerCertificate, "the signer's certificate")
        makerCertificate = Self.certificate(signature.toSign.seal.makerCertificate, "the seal maker's certificate")
        let algorithm = SignatureAlgorithm(oid: signature.signatureAlgorithm)
        signatureAlgorithm = algorithm
        // dataHash is made with the signature algorithm's hash (SM3 for SM2 seals).
        dataHashFunction = algorithm?.hash
        if let function = algorithm?.hash {
            dataHashMatches = function.digest(signedFile) == signature.toSign.dataHash
        } else {
            dataHashMatches = nil
        }
        signatureValue = Self.verify(
            signature.signatureValue,
            over: signature.toSign.encoded,
            algorithm: algorithm,
            oid: signature.signatureAlgorithm,
            certificate: signerCertificate,
            what: "the signature"
        )
        let seal = signature.toSign.seal
        let makerAlgorithm = SignatureAlgorithm(oid: seal.signatureAlgorithm)
        let makerCheck = Self.verify(
            seal.signatureValue,
            over: seal.makerSignedBytes,
            algorithm: makerAlgorithm,
            oid: seal.signatureAlgorithm,
            certificate: makerCertificate,
            what: "the seal maker's signature"
        )
        if case .failed = makerCheck,
            case .verified = Self.verify(
                seal.signatureValue,
                over: seal.alternativeMakerSignedBytes,
                algorithm: makerAlgorithm,
                oid: seal.signatureAlgorithm,
                certificate: makerCertificate,
                what: "the seal maker's signature"
            )
        {
            makerSignature = .verifiedWithNote(
                seal.version == .v1
                    ? "the seal maker signed the seal information alone (as GB/T 38540 does), not the GM/T 0031-2014 "
                        + "SEQUENCE of information, certificate and algorithm"
                    : "the seal maker signed the SEQUENCE of seal information, certificate and algorithm (as GM/T "
                        + "0031-2014 does), not the seal information alone as GB/T 38540-2020 §6.1 specifies"
            )
        } else {
            makerSignature = makerCheck
        }
        signerListedInSeal = seal.sealInfo.property.certificates.lists(signature.signerCertificate)
        sealFileMatches = sealFile.map { $0 == seal.encoded }
        if let token = signature.timeStampToken {
            timeStamp = TimeStampTokenVerifier(options: timeStampOptions).verify(
                tokenBytes: token,
                timeStampedData: signature.signatureValue
            )
        } else {
            timeStamp = nil
        }
        if signature.signatureUnusedBits != 0 || seal.signatureUnusedBits != 0 {
            notes.append("a signature BIT STRING states unused bits although the value is whole bytes (ignored)")
        }
        if signature.trailingByteCount > 0 {
            notes.append("\(signature.trailingByteCount) bytes after the seal signature were ignored")
        }
        self.notes = notes
    }

    static func certificate(_ bytes: [UInt8], _ what: String) -> Result<Certificate, SESError> {
        do { return .success(try Certificate(derEncoded: bytes)) } catch {
            return .failure(SESError(what, "is not a readable X.509 certificate"))
        }
    }

    /// SM2 signatures are DER `SEQUENCE { r, s }`; a raw 64-byte r ‖ s (which some writers produce) is accepted too.
    static func verify(
        _ value: [UInt8],
        over message: [UInt8],
        algorithm: SignatureAlgorithm?,
        oid: ASN1ObjectIdentifier,
        certificate: Result<Certificate, SESError>,
        what: String
    ) -> SignatureCheck {
        guard case .success(let certificate) = certificate else {
            return .notReached("\(what) was not checked: its certificate could not be read")
        }
        guard let algorithm else {
            return .unsupported("\(what) uses algorithm \(oid.dottedText), which Sealbridge does not implement")
        }
        guard let key = try? certificate.publicKey() else {
            return .unsupported("\(what)'s certificate has a key Sealbridge does not read")
        }
        if key.isValidSignature(value, for: message, algorithm: algorithm) { return .verified }
        if value.count == 64, key.algorithm == .sm2, let der = try? SignatureEncoding.der(fromRaw: value),
            key.isValidSignature(der, for: message, algorithm: algorithm)
        {
            return .verifiedWithNote("\(what) is stored as raw r ‖ s instead of DER SEQUENCE { r, s }")
        }
        if key.algorithm == .sm2, let unsigned = unsignedComponents(value),
            let der = try? SignatureEncoding.der(fromRaw: unsigned),
            key.isValidSignature(der, for: message, algorithm: algorithm)
        {
            return .verifiedWithNote(
                "\(what) writes r or s as a negative INTEGER (without the leading zero octet DER requires); read as "
                    + "the unsigned value its writer meant"
            )
        }
        return .failed("\(what) does not verify with \(certificate.subject)'s key")
    }

    /// `SEQUENCE { r INTEGER, s INTEGER }` whose INTEGER contents are 32-byte unsigned magnitudes without the sign
    /// octet (a writer's bug seen in 安证通 seals): r ‖ s, or nil when the value is not that shape.
    static func unsignedComponents(_ value: [UInt8]) -> [UInt8]? {
        guard let node = try? SESDERReading.node(value[...], "signature"), node.identifier == .sequence,
            case .constructed(let children) = node.content
        else { return nil }
        var raw: [UInt8] = []
        var count = 0
        for child in children {
            guard child.identifier == .integer, case .primitive(let contents) = child.content, contents.count <= 33
            else { return nil }
            let magnitude = contents.drop { $0 == 0 }
            guard magnitude.count <= 32 else { return nil }
            raw += [UInt8](repeating: 0, count: 32 - magnitude.count) + magnitude
            count += 1
        }
        return count == 2 ? raw : nil
    }
}
