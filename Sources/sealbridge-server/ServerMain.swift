import ArgumentParser

/// The service program: `sealbridge serve` and `sealbridge apikey` run it (it sits beside `sealbridge`).
///
/// The HTTP server, its stores and their libraries (Hummingbird, GRDB, postgres-nio, Prometheus) live in this
/// program rather than in `sealbridge` itself: each library adds start-up work (relocations, Swift conformance
/// records scanned on type look-ups) to every run of every verb, and a `cms verify` process paid about 1 ms for
/// them (issue 4's whole-process benchmark). Its root is named `sealbridge` so that its help and usage lines read
/// as the verbs do (`sealbridge serve …`).
@main
struct SealbridgeServerProgram: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sealbridge",
        abstract: "The Sealbridge service: `sealbridge serve` and `sealbridge apikey` run this program.",
        subcommands: [ServeCommand.self, APIKeyCommand.self]
    )
}

/// The exit codes of the service program (sysexits.h).
enum ServerExit {
    /// A configuration file, flag or environment variable is wrong (EX_CONFIG).
    static let configuration = ExitCode(78)
    /// The server could not listen or stopped on an error (EX_IOERR).
    static let ioError = ExitCode(74)
}
