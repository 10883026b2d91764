import ArgumentParser
import SealbridgeSM

/// `sealbridge sm3 [FILE…]`: one lowercase hex digest per input, like `sha256sum`.
struct SM3Command: ParsableCommand {
    static let configuration = CommandConfiguration.leaf(
        commandName: "sm3",
        parent: "sealbridge",
        abstract: "Print the SM3 digest (GB/T 32905) of each file, like sha256sum.",
        discussion: "With no file, or '-', reads standard input. Files are hashed in a stream, in constant memory."
    )

    @Argument(help: "Files to hash ('-' for standard input).")
    var files: [String] = []

    mutating func run() throws {
        let inputs = files.isEmpty ? ["-"] : files
        var failed = false
        for path in inputs {
            do {
                var hasher = SM3()
                try CommandIO.stream(path) { hasher.update($0) }
                print("\(Hex.encode(hasher.finalize()))  \(path)")
            } catch let failure as CommandFailure {
                CommandIO.printError("sealbridge sm3: \(failure.message)")
                failed = true
            }
        }
        if failed { throw ExitCodes.noInput }
    }
}
