import ArgumentParser
import Foundation
import SealbridgeDemo

/// `sealbridge demo …`.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Demonstration data: trust frameworks, agreements and signed trade documents.",
        subcommands: [Initialize.self]
    )

    struct Initialize: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Create a demonstration world (China SM2, an EU trusted list, Hong Kong RSA) in a new folder.",
            discussion:
                "Its README.md lists the expected indication and verdict for every signed file and jurisdiction."
        )

        @Argument(help: "The folder to create (new or empty).")
        var folder: String

        mutating func run() async throws {
            try await runReportingErrorsAsync {
                do {
                    try await DemoWorld.create(in: URL(fileURLWithPath: folder))
                } catch let error as DemoError {
                    throw CommandFailure(message: error.description, exitCode: ExitCodes.ioError)
                }
                print("demonstration world written to \(folder); see \(folder)/README.md")
            }
        }
    }
}
