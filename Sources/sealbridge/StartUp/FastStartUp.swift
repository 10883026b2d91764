import ArgumentParser
import Dispatch
import Glibc
import SealbridgeSM

// Start-up: everything that makes a `sealbridge` process start fast lives in this file, with its parity tests in
// Tests/SealbridgeCLITests (the quick parser against ArgumentParser, case by case). It is the only place that uses
// ArgumentParser's underscored API (`_superCommandName`, through `CommandConfiguration.leaf`).

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

extension CommandConfiguration {
    /// A leaf command's configuration that names its parents, which lets ``SealbridgeMain`` parse a leaf alone and
    /// spares ArgumentParser's search for `--generate-completion-script` (18% of a `cms verify` process's
    /// instructions, callgrind). The one use of the underscored `_superCommandName`.
    static func leaf(
        commandName: String,
        parent: String,
        abstract: String = "",
        discussion: String = "",
        shouldDisplay: Bool = true
    ) -> CommandConfiguration {
        CommandConfiguration(
            commandName: commandName,
            _superCommandName: parent,
            abstract: abstract,
            discussion: discussion,
            shouldDisplay: shouldDisplay
        )
    }
}

extension CMSCommand.Verify.Job {
    /// Reads a plain `cms verify` command line (`--option value`, the two flags, one file) without
    /// ArgumentParser, whose reflection and type look-ups cost about 1.1 ms of a 1 MB verification's 8.6 ms
    /// (the whole-process benchmark against `openssl cms -verify`, issue 4). `nil` for anything else —
    /// `--help`, `--option=value`, an unknown or repeated option, a value that starts with `-` — which
    /// ArgumentParser then parses and reports as usual; tests check that both parse the same.
    static func quickParse(_ arguments: ArraySlice<String>) -> Self? {
        var job = Self(file: "")
        var file: String?
        var seen: [String] = []  // the options given once at most
        var index = arguments.startIndex
        while index < arguments.endIndex {
            let word = arguments[index]
            index += 1
            switch word {
            case "--sm2-without-z", "--sm2-empty-id":
                guard !seen.contains(word) else { return nil }
                seen.append(word)
                job.sm2Compatibility.insert(word == "--sm2-without-z" ? .nonStandardWithoutZ : .insecureEmptyUserID)
            case "--content", "--content-digest", "--trust", "--signer-cert", "--untrusted", "--recipient-key", "--crl",
                "--at", "--level":
                guard index < arguments.endIndex, !arguments[index].hasPrefix("-") else { return nil }
                let value = arguments[index]
                index += 1
                switch word {
                case "--trust": job.trust.append(value)
                case "--signer-cert": job.signerCert.append(value)
                case "--untrusted": job.untrusted.append(value)
                case "--recipient-key": job.recipientKey.append(value)
                case "--crl": job.crl.append(value)
                default:
                    guard !seen.contains(word) else { return nil }
                    seen.append(word)
                    switch word {
                    case "--content": job.content = value
                    case "--content-digest": job.contentDigest = value
                    case "--at": job.at = value
                    default:
                        guard let level = BaselineLevelArgument(rawValue: value) else { return nil }
                        job.level = level
                    }
                }
            default:
                guard file == nil, !word.hasPrefix("-") else { return nil }
                file = word
            }
        }
        guard let file else { return nil }
        job.file = file
        return job
    }
}
