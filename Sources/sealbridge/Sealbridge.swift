import ArgumentParser

/// The `sealbridge` command: thin verbs over the Sealbridge libraries.
struct Sealbridge: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sealbridge",
        abstract: "Sign and validate cross-border trade documents with SM2/SM3/SM4 and international algorithms.",
        discussion: """
            Exit codes: 0 success or valid signature, 1 invalid signature or failed check, 2 indeterminate, \
            64 usage error, 65 bad input data, 66 input not found, 69 a program Sealbridge runs is missing, \
            74 I/O error, 78 bad configuration.
            Files may be PEM or DER (detected automatically); '-' reads standard input or writes standard output.
            """,
        version: SealbridgeVersion.current,
        subcommands: [
            SM3Command.self, KeyCommand.self, SignCommand.self, VerifyCommand.self,
            EncryptCommand.self, DecryptCommand.self, SpeedCommand.self, X509Command.self, CMSCommand.self,
            TSCommand.self, ValidateCommand.self, TrustListCommand.self, FrameworksCommand.self, AgreementsCommand.self,
            DemoCommand.self, ServeCommand.self, APIKeyCommand.self, BenchValidateCommand.self,
            ConformanceCommand.self, OFDCommand.self, XAdESCommand.self,
        ]
    )
}

/// The tool's version.
enum SealbridgeVersion {
    static let current = "0.1.0"
}
