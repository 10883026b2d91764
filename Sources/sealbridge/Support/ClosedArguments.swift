public import ArgumentParser
import SealbridgeCMS
import SealbridgeCrypto
import SealbridgeSM

// The closed value sets of the command line, checked by ArgumentParser (which lists the values in `--help` and in
// its error for a wrong one) rather than compared as strings in each command.

/// `--level` of `cms sign`, `cms verify` and `xades sign`: a baseline level (EN 319 122-1 and EN 319 132-1 §6.3).
enum BaselineLevelArgument: String, CaseIterable, ExpressibleByArgument {
    /// B-B: signed attributes with the signing certificate.
    case bb = "b-b"
    /// B-T: B-B and a signature time-stamp.
    case bt = "b-t"

    /// The level as the CMS layer names it.
    var baselineLevel: CMSSignerResult.BaselineLevel {
        switch self {
        case .bb: .bb
        case .bt: .bt
        }
    }
}

/// `--rsa-padding`: PKCS #1 v1.5, or PSS with a salt as long as the hash (RFC 8017).
/// Where a XAdES signature goes (`xades sign --packaging`).
enum XAdESPackagingArgument: String, CaseIterable, ExpressibleByArgument {
    /// Inside the XML document, as the last child of its root.
    case enveloped
    /// The document inside the signature.
    case enveloping
    /// A separate signature naming the document by its file name.
    case detached
}

enum RSAPaddingArgument: String, CaseIterable, ExpressibleByArgument {
    case pkcs1
    case pss
}

extension CMSSignedData.Profile: ExpressibleByArgument {}

/// The two SM2 compatibility flags of the verifying verbs, read into one ``SM2Compatibility``.
struct SM2CompatibilityFlags: ParsableArguments {
    @Flag(
        name: .customLong("sm2-without-z"),
        help: "Accept SM2 signatures made over SM3(M) without Z (non-standard: the signer's key is not bound)."
    )
    var withoutZ = false
    @Flag(
        name: .customLong("sm2-empty-id"),
        help: "Accept SM2 signatures made with an empty user ID (OpenSSL 3.0's default, not GM/T 0009's)."
    )
    var emptyID = false

    /// The flags as an option set.
    var compatibility: SM2Compatibility {
        var set = SM2Compatibility.strict
        if withoutZ { set.insert(.nonStandardWithoutZ) }
        if emptyID { set.insert(.insecureEmptyUserID) }
        return set
    }
}

/// `--mode` of `encrypt` and `decrypt` with SM4 (GB/T 32907).
enum SM4ModeArgument: String, CaseIterable, ExpressibleByArgument {
    /// CBC with PKCS #7 padding.
    case cbc
    /// CTR.
    case ctr
    /// GCM, the 16-byte tag after the ciphertext.
    case gcm
}

/// `--format` of SM2 ciphertexts: C1‖C3‖C2 (GB/T 32918.4-2016) or the DER structure of GM/T 0009.
enum SM2CiphertextFormatArgument: String, CaseIterable, ExpressibleByArgument {
    case c1c3c2
    case der
}

/// `--encoding` of SM2 and ECDSA signatures: DER `SEQUENCE { r, s }` or raw r‖s.
enum SignatureEncodingArgument: String, CaseIterable, ExpressibleByArgument {
    case der
    case raw
}

extension HashFunction: ExpressibleByArgument {}

/// `ts query --digest`: the hashes a message imprint may use here.
enum TimeStampDigestArgument: String, CaseIterable, ExpressibleByArgument {
    case sha256
    case sm3
    case sha384
    case sha512

    /// The hash function.
    var hashFunction: HashFunction {
        switch self {
        case .sha256: .sha256
        case .sm3: .sm3
        case .sha384: .sha384
        case .sha512: .sha512
        }
    }
}

/// `trustlist sign --digest`: the SHA-2 digests XML-DSig signatures of trusted lists use (ETSI TS 119 612 §5.7.1).
enum XMLDigestArgument: String, CaseIterable, ExpressibleByArgument {
    case sha256
    case sha384
    case sha512

    /// The hash function.
    var hashFunction: HashFunction {
        switch self {
        case .sha256: .sha256
        case .sha384: .sha384
        case .sha512: .sha512
        }
    }
}

/// The algorithms `sealbridge speed` measures.
enum SpeedAlgorithm: String, CaseIterable, ExpressibleByArgument {
    case sm2
    case sm3
    case sm4
    case ecdsaP256 = "ecdsap256"
    case ecdsaP384 = "ecdsap384"
    case ed25519
    case rsa2048
}
