import ArgumentParser
import Foundation
import SealbridgeCMS
import SealbridgeCrypto
import SealbridgeSM
import SealbridgeTrust
import SealbridgeValidation
import SealbridgeX509
import SwiftASN1

#if canImport(Glibc)
import Glibc
#endif

/// Exit codes (sysexits.h where they apply).
enum ExitCodes {
    static let invalid = ExitCode(1)
    static let indeterminate = ExitCode(2)
    static let usage = ExitCode(64)
    static let dataError = ExitCode(65)
    static let noInput = ExitCode(66)
    /// A program Sealbridge runs is missing (the service program beside `sealbridge`).
    static let unavailable = ExitCode(69)
    static let ioError = ExitCode(74)
    static let configuration = ExitCode(78)
}

/// An error the CLI reports as one line on stderr with its exit code.
struct CommandFailure: Error, CustomStringConvertible {
    let message: String
    let exitCode: ExitCode

    var description: String { message }

    static func data(_ message: String) -> CommandFailure {
        CommandFailure(message: message, exitCode: ExitCodes.dataError)
    }
}

/// Reading and writing files, with `-` for standard input and output, and size limits on what is read whole.
enum CommandIO {
    /// The most bytes a whole-file read accepts (keys, signatures, ciphertexts); larger files are refused.
    static let defaultReadLimit = 256 << 20
    /// 16 KiB: the buffer stays in L1/L2. With 64 KiB, reading a 1 GiB file cost 10× more kernel time than
    /// OpenSSL's `dgst` (measured: 0.47 s against 0.04 s of system time for 256 MiB).
    static let chunkSize = 1 << 14

    /// Reads a whole file (or stdin for `-`), refusing more than `limit` bytes.
    ///
    /// A regular file is read straight into one buffer of its size: growing an array chunk by chunk copied and
    /// page-faulted a 1 MB signature about twice over, a quarter of `cms verify`'s own work (perf, issue 4).
    static func read(_ path: String, limit: Int = defaultReadLimit, what: String = "input") throws -> [UInt8] {
        let descriptor = try open(path, what: what)
        defer { if descriptor != 0 { close(descriptor) } }
        func tooLarge() -> CommandFailure {
            CommandFailure.data("\(what) '\(path)' is larger than \(limit) bytes; refusing to read it whole")
        }
        var status = stat()
        var bytes: [UInt8] = []
        if fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG {
            let size = Int(status.st_size)
            guard size <= limit else { throw tooLarge() }
            var failure: Int32 = 0
            bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
                while initialized < size {
                    // swift-format-ignore: NeverForceUnwrap
                    // A buffer of `size` > 0 bytes has a base address.
                    let count = Glibc.read(descriptor, buffer.baseAddress! + initialized, size - initialized)
                    if count < 0, errno == EINTR { continue }
                    if count < 0 { failure = errno }
                    if count <= 0 { return }
                    initialized += count
                }
            }
            if failure != 0 { throw readFailure(path, what: what, errno: failure) }
        }
        // A pipe, or a file that grew while it was read: the rest in chunks.
        try drain(descriptor, path: path, what: what) { chunk in
            guard bytes.count + chunk.count <= limit else { throw tooLarge() }
            bytes.append(contentsOf: chunk)
        }
        return bytes
    }

    /// Feeds a file (or stdin for `-`) to `body` in 16 KiB chunks, in constant memory.
    static func stream(_ path: String, what: String = "input", _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        let descriptor = try open(path, what: what)
        defer { if descriptor != 0 { close(descriptor) } }
        try drain(descriptor, path: path, what: what, body)
    }

    /// Opens `path` for reading (descriptor 0 for `-`), with an error that names the file and what it is for.
    private static func open(_ path: String, what: String) throws -> Int32 {
        if path == "-" { return 0 }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CommandFailure(message: "\(what) '\(path)' does not exist", exitCode: ExitCodes.noInput)
        }
        guard !isDirectory.boolValue else {
            throw CommandFailure(message: "\(what) '\(path)' is a directory, not a file", exitCode: ExitCodes.noInput)
        }
        let descriptor = Glibc.open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw CommandFailure(
                message: "cannot open \(what) '\(path)': \(String(cString: strerror(errno)))",
                exitCode: ExitCodes.noInput
            )
        }
        return descriptor
    }

    /// Reads `descriptor` to its end, feeding `body` chunks of at most ``chunkSize`` bytes.
    private static func drain(
        _ descriptor: Int32,
        path: String,
        what: String,
        _ body: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            // swift-format-ignore: NeverForceUnwrap
            // An allocated buffer of 16 KiB has a base address.
            let count = Glibc.read(descriptor, buffer.baseAddress!, chunkSize)
            if count < 0 {
                if errno == EINTR { continue }
                throw readFailure(path, what: what, errno: errno)
            }
            if count == 0 { return }
            try body(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        }
    }

    private static func readFailure(_ path: String, what: String, errno: Int32) -> CommandFailure {
        CommandFailure(
            message: "error reading \(what) '\(path)': \(String(cString: strerror(errno)))",
            exitCode: ExitCodes.ioError
        )
    }

    /// Writes bytes to a file, or stdout for `-` or `nil`.
    static func write(_ bytes: [UInt8], to path: String?) throws {
        if path == nil || path == "-" {
            FileHandle.standardOutput.write(Data(bytes))
            return
        }
        // swift-format-ignore: NeverForceUnwrap
        // Checked for nil just above.
        let url = URL(fileURLWithPath: path!)
        do {
            try Data(bytes).write(to: url)
        } catch {
            throw CommandFailure(
                message: "cannot write '\(url.path)': \(error.localizedDescription)",
                exitCode: ExitCodes.ioError
            )
        }
    }

    /// Writes text to a file, or stdout.
    static func write(_ text: String, to path: String?) throws {
        try write(Array(text.utf8), to: path)
    }

    /// Prints a line on stderr.
    static func printError(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}

/// Turns library errors into one clear line and the matching exit code.
func runReportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch {
        throw reported(error)
    }
}

/// ``runReportingErrors(_:)`` for commands that await (a TSA over the network).
func runReportingErrorsAsync(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch {
        throw reported(error)
    }
}

/// Prints a library error as one line and gives the exit code that goes with it.
private func reported(_ error: any Error) -> any Error {
    let message: String
    let code: ExitCode
    switch error {
    case let failure as CommandFailure:
        (message, code) = (failure.message, failure.exitCode)
    case is SMError, is CryptoError, is X509Error, is TrustError, is ASN1Error:
        // Words for people: reasons without Swift type names or swift-asn1's file:line.
        (message, code) = (userFacingDescription(of: error), ExitCodes.dataError)
    case let error as ValidationInputError:
        switch error.kind {
        case .notFound: (message, code) = (error.description, ExitCodes.noInput)
        case .unreadable: (message, code) = (error.description, ExitCodes.ioError)
        case .invalidDigest, .notApplicable: (message, code) = (error.description, ExitCodes.usage)
        }
    case let error as NotASignatureError:
        (message, code) = (error.description, ExitCodes.dataError)
    case let error as CMSError:
        let external = error.code == .timeStampFailed || error.code == .storageFailed
        (message, code) = (userFacingDescription(of: error), external ? ExitCodes.ioError : ExitCodes.dataError)
    default:
        return error
    }
    CommandIO.printError("sealbridge: \(message)")
    return code
}

/// Hex decoding for command-line values.
enum Hex {
    static func decode(_ text: String, what: String) throws -> [UInt8] {
        let cleaned = text.filter { !$0.isWhitespace && $0 != ":" }
        guard cleaned.count % 2 == 0 else {
            throw CommandFailure(message: "\(what) has an odd number of hex digits", exitCode: ExitCodes.usage)
        }
        guard let bytes = HexEncoding.decode(cleaned) else {
            throw CommandFailure(message: "\(what) is not hex: '\(cleaned)'", exitCode: ExitCodes.usage)
        }
        return bytes
    }

    static func encode(_ bytes: [UInt8]) -> String { HexEncoding.encode(bytes) }
}
