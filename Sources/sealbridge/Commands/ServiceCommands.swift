import ArgumentParser
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// `sealbridge serve`: runs the service program, `sealbridge-server`, which sits beside `sealbridge`.
///
/// The server's libraries stay out of this program so that every other verb starts faster (see
/// `SealbridgeServerProgram`); the arguments, `--help` included, go to the service program unchanged, and the
/// process becomes it (`exec`), so signals such as SIGTERM reach the server itself.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration.leaf(
        commandName: "serve",
        parent: "sealbridge",
        abstract: "Run the Sealbridge HTTP service: the validation API, RFC 3161 time-stamps, signing, the web page."
    )

    @Argument(parsing: .captureForPassthrough, help: "Options of the service; see `sealbridge serve --help`.")
    var arguments: [String] = []
}

/// `sealbridge apikey`: the service's API keys, kept by the service program `sealbridge-server`.
struct APIKeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration.leaf(
        commandName: "apikey",
        parent: "sealbridge",
        abstract: "Manage the service's API keys (only their SHA-256 hashes are stored)."
    )

    @Argument(parsing: .captureForPassthrough, help: "create|list and their options; see `sealbridge apikey --help`.")
    var arguments: [String] = []
}

/// A verb that the service program carries out: its own name and arguments are handed over unchanged.
protocol ServiceProgramVerb: ParsableCommand {
    var arguments: [String] { get }
}

extension ServiceProgramVerb {
    func run() throws {
        try ServiceProgram.replaceProcess(arguments: [Self._commandName] + arguments)
    }
}

extension ServeCommand: ServiceProgramVerb {}
extension APIKeyCommand: ServiceProgramVerb {}

/// Finds and starts the service program.
enum ServiceProgram {
    /// The program's file name; `swift build` puts it beside `sealbridge`, and an installation must too.
    static let name = "sealbridge-server"

    /// Replaces this process with `sealbridge-server ARGUMENTS`; returns only by throwing.
    static func replaceProcess(arguments: [String]) throws {
        let path = location()
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw CommandFailure(
                message: """
                    the service program \(path) is missing: build it with `swift build -c release` (it is built \
                    beside sealbridge) or install it next to sealbridge
                    """,
                exitCode: ExitCodes.unavailable
            )
        }
        let argv = ([name] + arguments).map { strdup($0) } + [nil]
        execv(path, argv)
        throw CommandFailure(
            message: "cannot start \(path): \(String(cString: strerror(errno)))",
            exitCode: ExitCodes.unavailable
        )
    }

    /// `sealbridge-server` in the folder of the running `sealbridge` (symbolic links resolved).
    static func location() -> String {
        let executable =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: executable).deletingLastPathComponent().appendingPathComponent(name).path
    }
}
