public import Foundation

/// Runs a command-line tool for the tests (the `sealbridge` executable, the `openssl` peer) and collects its
/// exit status, standard output and standard error.
public enum TestProcess {
    /// What a run produced.
    public struct Result: Sendable {
        /// The exit status.
        public let status: Int32
        /// Standard output, as bytes.
        public let output: [UInt8]
        /// Standard error, as text.
        public let error: String

        /// Standard output as UTF-8 text.
        public var text: String { String(decoding: output, as: UTF8.self) }
    }

    /// The `openssl` command-line tool, when installed (the interoperability peer).
    public static let openSSLPath: String? = installed("openssl")

    /// `xmlsec1`, when installed (the XML-DSig peer for trusted lists).
    public static let xmlsec1Path: String? = installed("xmlsec1")

    /// `gzip` (`/bin/gzip` on Debian), which unpacks the gzipped vectors: Foundation on Linux has no gzip reader.
    public static let gzipPath: String? =
        installed("gzip") ?? (FileManager.default.isExecutableFile(atPath: "/bin/gzip") ? "/bin/gzip" : nil)

    /// `python3`, when installed (the loopback TSA server of `Tests/Interop`, the report-schema check).
    public static let python3Path: String? = installed("python3")

    /// Whether `python3` imports `jsonschema` (Debian `python3-jsonschema`), which checks reports against
    /// `docs/report-schema.json`; asked once per run.
    public static let isJSONSchemaAvailable: Bool = {
        guard let path = python3Path else { return false }
        return (try? run(URL(fileURLWithPath: path), ["-c", "import jsonschema"]))?.status == 0
    }()

    /// Why a test that needs a peer was skipped, and how to install it: the comments of the tests'
    /// `.enabled(if:_:)` traits, naming the Debian packages `scripts/test` installs.
    public enum Missing {
        /// The `openssl` CLI.
        public static let openSSL =
            "openssl is not installed: run scripts/test as root, or apt-get install openssl"
        /// `xmlsec1`.
        public static let xmlsec1 = "xmlsec1 is not installed: run scripts/test as root, or apt-get install xmlsec1"
        /// `xmlsec1` and the `openssl` CLI, which makes the keys it signs with.
        public static let xmlsec1OrOpenSSL =
            "xmlsec1 or openssl is not installed: run scripts/test as root, or apt-get install xmlsec1 openssl"
        /// `python3` (the loopback TSA server) and the `openssl` CLI (`openssl ts -reply` behind it).
        public static let python3OrOpenSSL =
            "python3 or openssl is not installed: run scripts/test as root, or apt-get install python3 openssl"
        /// `python3` with the `jsonschema` module.
        public static let jsonSchema =
            "python3 with jsonschema is not installed: run scripts/test as root, or apt-get install python3 "
            + "python3-jsonschema"
        /// A JDK with BouncyCastle (the SM2 CMS peer), and the `openssl` CLI that makes the test keys.
        public static let bouncyCastle =
            "java, javac, BouncyCastle or openssl is not installed: run scripts/test as root, or apt-get install "
            + "openjdk-17-jdk-headless libbcprov-java libbcpkix-java openssl"
    }

    /// The built `sealbridge` executable (next to the test bundle in the build folder).
    public static let sealbridgePath: URL? = {
        var folder = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("sealbridge")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return nil
    }()

    /// Runs the built `sealbridge` with `arguments`.
    @discardableResult
    public static func sealbridge(_ arguments: [String], input: [UInt8] = []) throws -> Result {
        guard let sealbridgePath else { throw CocoaError(.fileNoSuchFile) }
        return try run(sealbridgePath, arguments, input: input)
    }

    /// Runs `openssl` with `arguments`.
    @discardableResult
    public static func openSSL(_ arguments: [String], input: [UInt8] = []) throws -> Result {
        guard let path = openSSLPath else { throw CocoaError(.fileNoSuchFile) }
        return try run(URL(fileURLWithPath: path), arguments, input: input)
    }

    /// Runs `xmlsec1` with `arguments`, in `workingDirectory` when given (xmlsec1 resolves a detached reference's
    /// relative URI against its working directory).
    @discardableResult
    public static func xmlsec1(_ arguments: [String], workingDirectory: URL? = nil) throws -> Result {
        guard let path = xmlsec1Path else { throw CocoaError(.fileNoSuchFile) }
        return try run(URL(fileURLWithPath: path), arguments, workingDirectory: workingDirectory)
    }

    /// The first executable `name` in the usual install folders (Debian, /usr/local, Homebrew).
    private static func installed(_ name: String) -> String? {
        ["/usr/bin/", "/usr/local/bin/", "/opt/homebrew/bin/"].map { $0 + name }.first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }

    /// Runs `executable` with `arguments`, feeding `input` on standard input.
    public static func run(
        _ executable: URL,
        _ arguments: [String],
        input: [UInt8] = [],
        workingDirectory: URL? = nil
    ) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let workingDirectory { process.currentDirectoryURL = workingDirectory }
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let error = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            output: Array(output),
            error: String(decoding: error, as: UTF8.self)
        )
    }
}

/// A temporary folder for a test, removed when the value goes away.
public final class TemporaryFolder {
    /// The folder.
    public let url: URL

    /// Creates a fresh folder under the system's temporary directory.
    public init(prefix: String = "sealbridge-test") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    /// The path of `name` inside the folder.
    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes bytes to `name` and returns its path.
    @discardableResult
    public func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        try Data(bytes).write(to: url.appendingPathComponent(name))
        return path(name)
    }

    /// Writes text to `name` and returns its path.
    @discardableResult
    public func write(_ name: String, _ text: String) throws -> String {
        try write(name, Array(text.utf8))
    }

    /// Reads `name` back.
    public func read(_ name: String) throws -> [UInt8] { Array(try Data(contentsOf: url.appendingPathComponent(name))) }
}
