import ArgumentParser
import SealbridgeCrypto
import SealbridgeSM

/// Options naming the cipher for `encrypt` and `decrypt`.
struct CipherOptions: ParsableArguments {
    @Option(name: .long, help: "SM2: the recipient's public key (encrypt) or the private key (decrypt), PEM or DER.")
    var key: String?

    @Option(name: .customLong("key-hex"), help: "SM4: the 16-byte key as hex.")
    var keyHex: String?

    @Option(name: .customLong("iv-hex"), help: "SM4: the IV as hex (16 bytes for CBC/CTR; 12 recommended for GCM).")
    var ivHex: String?

    @Option(help: "SM4 mode: cbc (PKCS#7 padding), ctr or gcm (tag appended to the ciphertext).")
    var mode: SM4ModeArgument = .cbc

    @Option(name: .customLong("aad-hex"), help: "SM4-GCM: additional authenticated data as hex.")
    var aadHex: String?

    @Option(help: "SM2 ciphertext format: c1c3c2 (GB/T 32918.4-2016) or der (GM/T 0009).")
    var format: SM2CiphertextFormatArgument = .c1c3c2

    @Option(name: .long, help: "The input file ('-' for standard input).")
    var `in`: String

    @Option(name: .shortAndLong, help: "Where to write the output ('-' or absent: standard output).")
    var out: String?

    func validate() throws {
        guard (key == nil) != (keyHex == nil) else {
            throw ValidationError("give --key for SM2 or --key-hex (with --iv-hex) for SM4")
        }
        if keyHex != nil {
            guard ivHex != nil else { throw ValidationError("SM4 needs --iv-hex") }
        }
    }
}

/// `sealbridge encrypt`.
struct EncryptCommand: ParsableCommand {
    static let configuration = CommandConfiguration.leaf(
        commandName: "encrypt",
        parent: "sealbridge",
        abstract: "Encrypt with SM2 (public key) or SM4 (CBC, CTR, GCM)."
    )

    @OptionGroup var options: CipherOptions

    mutating func run() throws {
        try runReportingErrors {
            let input = try CommandIO.read(options.in, what: "input")
            if let keyPath = options.key {
                guard let recipient = try KeyFiles.publicKey(keyPath).sm2 else {
                    throw CommandFailure(message: "encrypt --key needs an SM2 key", exitCode: ExitCodes.usage)
                }
                let ciphertext = try recipient.encrypt(input)
                try CommandIO.write(
                    options.format == .der ? ciphertext.derRepresentation : ciphertext.c1c3c2,
                    to: options.out
                )
            } else {
                try CommandIO.write(try SM4Commands.encrypt(input, options: options), to: options.out)
            }
        }
    }
}

/// `sealbridge decrypt`.
struct DecryptCommand: ParsableCommand {
    static let configuration = CommandConfiguration.leaf(
        commandName: "decrypt",
        parent: "sealbridge",
        abstract: "Decrypt with SM2 (private key) or SM4 (CBC, CTR, GCM); exit 1 when the check fails."
    )

    @OptionGroup var options: CipherOptions

    mutating func run() throws {
        try runReportingErrors {
            let input = try CommandIO.read(options.in, what: "input")
            if let keyPath = options.key {
                guard let key = try KeyFiles.privateKey(keyPath).sm2 else {
                    throw CommandFailure(message: "decrypt --key needs an SM2 private key", exitCode: ExitCodes.usage)
                }
                let ciphertext =
                    options.format == .der
                    ? try SM2Ciphertext(derRepresentation: input) : try SM2Ciphertext(c1c3c2: input)
                do {
                    try CommandIO.write(try key.decrypt(ciphertext), to: options.out)
                } catch let error as SMError where error.code == .invalidCiphertext {
                    throw CommandFailure(message: error.reason, exitCode: ExitCodes.invalid)
                }
            } else {
                do {
                    try CommandIO.write(try SM4Commands.decrypt(input, options: options), to: options.out)
                } catch let error as SMError where error.code == .authenticationFailure {
                    throw CommandFailure(message: error.reason, exitCode: ExitCodes.invalid)
                }
            }
        }
    }
}

/// SM4 through the CLI options. GCM writes ciphertext ‖ 16-byte tag, and reads the same.
enum SM4Commands {
    static func encrypt(_ input: [UInt8], options: CipherOptions) throws -> [UInt8] {
        let (key, iv, aad) = try parameters(options)
        switch options.mode {
        case .cbc: return try SM4.CBC.encrypt(input, key: key, iv: iv)
        case .ctr: return try SM4.CTR.crypt(input, key: key, iv: iv)
        case .gcm:
            let sealed = try SM4.GCM.seal(input, key: key, iv: iv, authenticating: aad)
            return sealed.ciphertext + sealed.tag
        }
    }

    static func decrypt(_ input: [UInt8], options: CipherOptions) throws -> [UInt8] {
        let (key, iv, aad) = try parameters(options)
        switch options.mode {
        case .cbc: return try SM4.CBC.decrypt(input, key: key, iv: iv)
        case .ctr: return try SM4.CTR.crypt(input, key: key, iv: iv)
        case .gcm:
            guard input.count >= SM4.GCM.tagSize else {
                throw CommandFailure.data(
                    "an SM4-GCM input is ciphertext followed by a 16-byte tag; got \(input.count) bytes"
                )
            }
            let split = input.count - SM4.GCM.tagSize
            return try SM4.GCM.open(
                Array(input[..<split]),
                key: key,
                iv: iv,
                tag: Array(input[split...]),
                authenticating: aad
            )
        }
    }

    private static func parameters(_ options: CipherOptions) throws -> (key: [UInt8], iv: [UInt8], aad: [UInt8]) {
        let key = try Hex.decode(options.keyHex ?? "", what: "--key-hex")
        let iv = try Hex.decode(options.ivHex ?? "", what: "--iv-hex")
        let aad = try Hex.decode(options.aadHex ?? "", what: "--aad-hex")
        guard key.count == 16 else {
            throw CommandFailure(
                message: "--key-hex must be 16 bytes (32 hex digits); got \(key.count)",
                exitCode: ExitCodes.usage
            )
        }
        return (key, iv, aad)
    }
}
