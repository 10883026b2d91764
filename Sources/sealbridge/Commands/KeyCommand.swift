import ArgumentParser
import SealbridgeCrypto

/// `sealbridge key generate|public`.
struct KeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key",
        abstract: "Generate keys and extract public keys.",
        subcommands: [Generate.self, Public.self]
    )

    /// Key algorithms by their command-line names.
    enum AlgorithmName: String, ExpressibleByArgument, CaseIterable {
        case sm2, p256, p384, p521, ed25519, rsa2048, rsa3072, rsa4096
    }

    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration.leaf(
            commandName: "generate",
            parent: "sealbridge key",
            abstract: "Generate a private key (PKCS #8 PEM, as `openssl genpkey` writes).",
            discussion: "SM2 keys use the curve sm2p256v1 (OID 1.2.156.10197.1.301) and load in OpenSSL 3."
        )

        @Option(name: .shortAndLong, help: "sm2, p256, p384, p521, ed25519, rsa2048, rsa3072 or rsa4096.")
        var algorithm: AlgorithmName

        @Option(name: .shortAndLong, help: "Where to write the key ('-' or absent: standard output).")
        var out: String?

        @Flag(help: "Write DER instead of PEM.")
        var der = false

        mutating func run() throws {
            try runReportingErrors {
                let key: PrivateKey
                switch algorithm {
                case .sm2: key = try PrivateKey.generate(.sm2)
                case .p256: key = try PrivateKey.generate(.p256)
                case .p384: key = try PrivateKey.generate(.p384)
                case .p521: key = try PrivateKey.generate(.p521)
                case .ed25519: key = try PrivateKey.generate(.ed25519)
                case .rsa2048: key = try PrivateKey.generate(.rsa, rsaBitCount: 2048)
                case .rsa3072: key = try PrivateKey.generate(.rsa, rsaBitCount: 3072)
                case .rsa4096: key = try PrivateKey.generate(.rsa, rsaBitCount: 4096)
                }
                if der {
                    try CommandIO.write(key.derRepresentation, to: out)
                } else {
                    try CommandIO.write(key.pemRepresentation + "\n", to: out)
                }
            }
        }
    }

    struct Public: ParsableCommand {
        static let configuration = CommandConfiguration.leaf(
            commandName: "public",
            parent: "sealbridge key",
            abstract: "Write the public key (SubjectPublicKeyInfo) of a private key."
        )

        @Option(name: .long, help: "The private key (PEM or DER; '-' for standard input).")
        var `in`: String

        @Option(name: .shortAndLong, help: "Where to write the public key ('-' or absent: standard output).")
        var out: String?

        @Flag(help: "Write DER instead of PEM.")
        var der = false

        mutating func run() throws {
            try runReportingErrors {
                let key = try KeyFiles.privateKey(`in`)
                if der {
                    try CommandIO.write(key.publicKey.derRepresentation, to: out)
                } else {
                    try CommandIO.write(key.publicKey.pemRepresentation + "\n", to: out)
                }
            }
        }
    }
}

/// Loading keys from files.
enum KeyFiles {
    static let keyFileLimit = 1 << 20

    static func privateKey(_ path: String) throws -> PrivateKey {
        try PrivateKey(pemOrDER: CommandIO.read(path, limit: keyFileLimit, what: "key file"))
    }

    /// A public key from a public-key file, or the public half of a private-key file.
    static func publicKey(_ path: String) throws -> PublicKey {
        let bytes = try CommandIO.read(path, limit: keyFileLimit, what: "key file")
        do {
            return try PublicKey(pemOrDER: bytes)
        } catch let publicError {
            if let privateKey = try? PrivateKey(pemOrDER: bytes) {
                return privateKey.publicKey
            }
            throw publicError
        }
    }
}
