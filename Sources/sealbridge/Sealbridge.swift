import ArgumentParser
import Dispatch
import Glibc

/// The `sealbridge` command: thin verbs over the Sealbridge libraries.
struct Sealbridge: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sealbridge",
        abstract: "Sign and validate cross-border trade documents with SM2/SM3/SM4 and international algorithms.",
        discussion: """
            Exit codes: 0 success or valid signature, 1 invalid signature or failed check, \
            64 usage error, 65 bad input data, 66 input not found, 74 I/O error.
            Files may be PEM or DER (detected automatically); '-' reads standard input or writes standard output.
            """,
        version: SealbridgeVersion.current,
        subcommands: [
            SM3Command.self, KeyCommand.self, SignCommand.self, VerifyCommand.self,
            EncryptCommand.self, DecryptCommand.self, SpeedCommand.self, X509Command.self, CMSCommand.self,
            TSCommand.self, ValidateCommand.self, TrustListCommand.self, FrameworksCommand.self, AgreementsCommand.self,
            DemoCommand.self, ServeCommand.self, APIKeyCommand.self, BenchValidateCommand.self,
            ConformanceCommand.self,
        ]
    )
}

/// The process entry point.
///
/// A command line that names a synchronous leaf command (`cms verify …`, most verbs) is parsed by that command
/// alone and run on the main thread. Parsing through the root first builds the argument sets of the whole command
/// tree, and an async `main` starts the concurrency runtime's threads: together about a third of a whole `cms
/// verify` process (perf and `perf stat`, issue 4's whole-process benchmark). Whatever the leaf refuses —
/// `--help`, a typo, a missing argument — and every async command (a TSA over the network) go through the root
/// parser as before, which reports errors with the full command name. Each leaf names its parents in
/// `_superCommandName`, which also spares its parse ArgumentParser's search for `--generate-completion-script`
/// (built from two more argument sets: 18% of the instructions of a `cms verify` process, callgrind).
/// `cms verify`, whose whole process is benchmarked against `openssl cms -verify`, first tries its own
/// hand-written parser for plain command lines (`CMSCommand.Verify.Job.quickParse`).
@main
enum SealbridgeMain {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.starts(with: ["cms", "verify"]),
            let job = CMSCommand.Verify.Job.quickParse(arguments.dropFirst(2))
        {
            do {
                try job.run()
            } catch {
                CMSCommand.Verify.exit(withError: error)
            }
            return
        }
        if let (leaf, rest) = CommandTree.leaf(of: Sealbridge.self, named: arguments),
            !(leaf is any AsyncParsableCommand.Type),
            var command = try? leaf.parseAsRoot(rest),
            type(of: command) == leaf  // not the help pseudo-command that `--help` parses to
        {
            do {
                try command.run()
            } catch {
                leaf.exit(withError: error)
            }
            return
        }
        Task {
            await Sealbridge.main(arguments)
            exit(EXIT_SUCCESS)
        }
        dispatchMain()
    }
}

/// Finds commands in the tree by their names on the command line.
enum CommandTree {
    /// The leaf command that the first words of `arguments` name below `root`, and the words after them; `nil`
    /// when the words stop at a command that has subcommands, or name none.
    static func leaf(
        of root: any ParsableCommand.Type,
        named arguments: [String]
    ) -> (any ParsableCommand.Type, [String])? {
        var command = root
        var index = 0
        while !command.configuration.subcommands.isEmpty {
            guard index < arguments.count else { return nil }
            let word = arguments[index]
            guard
                let next = command.configuration.subcommands.first(where: {
                    $0.configuration.commandName == word || $0.configuration.aliases.contains(word)
                })
            else { return nil }
            command = next
            index += 1
        }
        return index == 0 ? nil : (command, Array(arguments[index...]))
    }
}

/// The tool's version.
enum SealbridgeVersion {
    static let current = "0.1.0"
}
