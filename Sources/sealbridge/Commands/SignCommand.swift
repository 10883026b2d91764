import ArgumentParser
import SealbridgeCrypto
import SealbridgeSM

/// Options shared by `sign` and `verify`.
struct SignatureOptions: ParsableArguments {
    @Option(
        name: .long,
        help:
            "SM2 user ID as text (default 1234567812345678, GM/T 0009). OpenSSL 3 uses an empty ID unless given distid."
    )
    var id: String?

    @Option(name: .customLong("id-hex"), help: "SM2 user ID as hex (for binary IDs).")
    var idHex: String?

    @Option(help: "Hash for ECDSA/RSA/DSA (default: by curve; sha256 for RSA).")
    var hash: HashFunction?

    @Option(name: .customLong("rsa-padding"), help: "RSA padding (pss: salt as long as the hash).")
    var rsaPadding: RSAPaddingArgument = .pkcs1

    func validate() throws {
        if id != nil, idHex != nil {
            throw ValidationError("give --id or --id-hex, not both")
        }
    }

    func userID() throws -> [UInt8] {
        if let idHex { return try Hex.decode(idHex, what: "--id-hex") }
        if let id { return Array(id.utf8) }
        return SM2.defaultUserID
    }

    func algorithm(for key: KeyAlgorithm) throws -> SignatureAlgorithm {
        let chosen = hash
        switch key {
        case .sm2:
            if let chosen, chosen != .sm3 {
                throw CommandFailure(message: "SM2 signs with SM3 only", exitCode: ExitCodes.usage)
            }
            return .sm2WithSM3
        case .ed25519:
            return .ed25519
        case .dsa:
            switch chosen ?? .sha256 {
            case .sha256: return .dsaWithSHA256
            case .insecureSHA1: return .dsaWithSHA1
            default: throw CommandFailure(message: "DSA here uses sha256 or sha1", exitCode: ExitCodes.usage)
            }
        case .p256, .p384, .p521, .brainpoolP256r1, .brainpoolP384r1, .brainpoolP512r1:
            switch chosen ?? key.defaultSignatureAlgorithm.hash ?? .sha256 {
            case .sha256: return .ecdsaWithSHA256
            case .sha384: return .ecdsaWithSHA384
            case .sha512: return .ecdsaWithSHA512
            case .sha3_256: return .ecdsaWithSHA3_256
            case .sha3_384: return .ecdsaWithSHA3_384
            case .sha3_512: return .ecdsaWithSHA3_512
            default:
                throw CommandFailure(
                    message: "ECDSA here uses sha256, sha384, sha512 or sha3-256/384/512",
                    exitCode: ExitCodes.usage
                )
            }
        case .rsa:
            let digest = chosen ?? .sha256
            if rsaPadding == .pss { return .rsaPSS(hash: digest, saltLength: digest.byteCount) }
            switch digest {
            case .sha256: return .sha256WithRSAEncryption
            case .sha384: return .sha384WithRSAEncryption
            case .sha512: return .sha512WithRSAEncryption
            case .sm3: return .sm3WithRSAEncryption
            case .insecureSHA1: return .sha1WithRSAEncryption
            case .sha3_256, .sha3_384, .sha3_512:
                throw CommandFailure(
                    message: "RSA signing here uses sha256, sha384, sha512, sm3 or sha1",
                    exitCode: ExitCodes.usage
                )
            }
        }
    }
}

/// The digest a signature covers, computed in a stream: SM3(Z ‖ M) for SM2, the message hash otherwise.
enum MessageDigest {
    static func compute(
        file: String,
        algorithm: SignatureAlgorithm,
        sm2Key: SM2PublicKey?,
        userID: [UInt8]
    ) throws -> ComputedDigest {
        guard let hash = algorithm.hash else {
            throw CommandFailure(message: "\(algorithm) signs whole messages", exitCode: ExitCodes.usage)
        }
        var hasher = StreamingHasher(hash)
        if let sm2Key {
            hasher.update(try sm2Key.zValue(userID: userID))
        }
        try CommandIO.stream(file, what: "message") { hasher.update($0) }
        return hasher.finalizeDigest()
    }
}

/// `sealbridge sign`.
struct SignCommand: ParsableCommand {
    static let configuration = CommandConfiguration.leaf(
        commandName: "sign",
        parent: "sealbridge",
        abstract: "Sign a file: SM2 with SM3(Z‖M), ECDSA with SHA-2 by curve, Ed25519, or RSA.",
        discussion: "Large files are hashed in a stream (Ed25519 reads the message whole, up to 256 MiB)."
    )

    @Option(name: .long, help: "The private key (PEM or DER).")
    var key: String

    @Option(name: .long, help: "The file to sign ('-' for standard input).")
    var `in`: String

    @Option(name: .shortAndLong, help: "Where to write the signature ('-' or absent: standard output).")
    var out: String?

    @Option(help: "Signature encoding for SM2/ECDSA: der (SEQUENCE { r, s }) or raw (r‖s).")
    var encoding: SignatureEncodingArgument = .der

    @OptionGroup var options: SignatureOptions

    func validate() throws {
    }

    mutating func run() throws {
        try runReportingErrors {
            let privateKey = try KeyFiles.privateKey(key)
            let algorithm = try options.algorithm(for: privateKey.algorithm)
            var signature: [UInt8]
            if algorithm.scheme == .ed25519 {
                signature = try privateKey.signature(for: CommandIO.read(`in`, what: "message"), algorithm: algorithm)
            } else {
                let digest = try MessageDigest.compute(
                    file: `in`,
                    algorithm: algorithm,
                    sm2Key: privateKey.sm2?.publicKey,
                    userID: options.userID()
                )
                signature = try privateKey.signature(digest: digest, algorithm: algorithm)
            }
            if encoding == .raw, let width = SignatureEncoding.componentByteCount(for: privateKey.algorithm) {
                signature = try SignatureEncoding.raw(fromDER: signature, componentByteCount: width)
            }
            try CommandIO.write(signature, to: out)
        }
    }
}

/// `sealbridge verify`.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration.leaf(
        commandName: "verify",
        parent: "sealbridge",
        abstract: "Verify a signature on a file; exit 0 when valid, 1 when invalid.",
        discussion:
            "The signature's encoding (DER or raw r‖s) is detected. Prints 'Verified OK' or 'Verification failure'."
    )

    @Option(name: .long, help: "The public key (or a private key, whose public half is used), PEM or DER.")
    var key: String

    @Option(name: .long, help: "The signed file ('-' for standard input).")
    var `in`: String

    @Option(name: .long, help: "The signature file.")
    var signature: String

    @OptionGroup var options: SignatureOptions

    mutating func run() throws {
        var valid = false
        try runReportingErrors {
            let publicKey = try KeyFiles.publicKey(key)
            let algorithm = try options.algorithm(for: publicKey.algorithm)
            var signatureBytes = try CommandIO.read(signature, limit: 1 << 16, what: "signature file")
            // Raw r‖s is recognised by its length when it does not parse as DER.
            if let width = SignatureEncoding.componentByteCount(for: publicKey.algorithm),
                signatureBytes.count == 2 * width,
                (try? SignatureEncoding.raw(fromDER: signatureBytes, componentByteCount: width)) == nil
            {
                signatureBytes = try SignatureEncoding.der(fromRaw: signatureBytes)
            }
            if algorithm.scheme == .ed25519 {
                valid = publicKey.isValidSignature(
                    signatureBytes,
                    for: try CommandIO.read(`in`, what: "message"),
                    algorithm: algorithm
                )
            } else {
                let digest = try MessageDigest.compute(
                    file: `in`,
                    algorithm: algorithm,
                    sm2Key: publicKey.sm2,
                    userID: options.userID()
                )
                valid = publicKey.isValidSignature(signatureBytes, digest: digest.bytes, algorithm: algorithm)
            }
        }
        print(valid ? "Verified OK" : "Verification failure")
        if !valid { throw ExitCodes.invalid }
    }
}
