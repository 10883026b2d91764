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
    public static let openSSLPath: String? = {
        for candidate in ["/usr/bin/openssl", "/usr/local/bin/openssl", "/opt/homebrew/bin/openssl"]
        where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        return nil
    }()

    /// `xmlsec1`, when installed (the XML-DSig peer for trusted lists).
    public static let xmlsec1Path: String? = {
        for candidate in ["/usr/bin/xmlsec1", "/usr/local/bin/xmlsec1", "/opt/homebrew/bin/xmlsec1"]
        where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        return nil
    }()

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

    /// Runs `xmlsec1` with `arguments`.
    @discardableResult
    public static func xmlsec1(_ arguments: [String]) throws -> Result {
        guard let path = xmlsec1Path else { throw CocoaError(.fileNoSuchFile) }
        return try run(URL(fileURLWithPath: path), arguments)
    }

    /// Runs `executable` with `arguments`, feeding `input` on standard input.
    public static func run(_ executable: URL, _ arguments: [String], input: [UInt8] = []) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
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
