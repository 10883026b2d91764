import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SealbridgeDemo
import SealbridgeFormData
import SealbridgeStore
import SealbridgeTestVectors
import Synchronization
import Testing

@testable import SealbridgeService

#if canImport(Glibc)
import Glibc
#endif

extension LiveService {
    @Suite("Service: security and limits")
    struct ServiceSecurityTests {
        @Test("no API key, passphrase or private key reaches the log, even at trace level and on errors")
        func noSecretsInLogs() async throws {
            let log = CapturedLog()
            let state = try await demoState(logger: log.logger) { $0.validationAccess = .keyed }
            let body = try await demoFile("signed/invoice-cn-sm2-bt.p7s")
            let keys = CapturedLog()  // reused as a thread-safe list of the keys made inside the service
            try await withService(state) { client in
                let validate = try await apiKey(state, [.validate])
                let sign = try await apiKey(state, [.sign])
                keys.lines.withLock { $0 += [validate, sign] }
                var fields = pkcs7
                fields[.authorization] = "Bearer \(validate)"
                try await client.execute(uri: "/v1/validations", method: .post, headers: fields, body: body) {
                    #expect($0.status == .created)
                }
                fields[.authorization] = "Bearer \(sign)"
                try await client.execute(uri: "/v1/validations", method: .post, headers: fields, body: body) {
                    #expect($0.status == .forbidden)
                }
                try await client.execute(
                    uri: "/v1/signatures?signer=cn-signer-sm2&level=b-t",
                    method: .post,
                    headers: headers([(.authorization, "Bearer \(sign)")]),
                    body: ByteBuffer(string: "a contract")
                ) { #expect($0.status == .ok) }
                fields[.authorization] = "Bearer \(sign)x"
                try await client.execute(uri: "/v1/validations", method: .post, headers: fields, body: body) {
                    #expect($0.status == .unauthorized)
                }
            }
            let text = log.text
            let secrets = [DemoWorld.serverKeyPassphrase] + keys.lines.withLock { $0 }
            #expect(secrets.count == 3)
            for secret in secrets {
                #expect(!text.contains(secret), "a secret is in the log")
            }
            #expect(!text.contains("PRIVATE KEY"))
            // Keys are stored hashed: the store holds no secret either.
            let stored = try await state.store.apiKeys()
            #expect(stored.allSatisfy { record in !secrets.contains { record.keyHash.contains($0) } })
        }

        @Test("a body declared over the limit is refused before it is sent; a chunked one as soon as it passes it")
        func bodyRefusedBeforeReadWhole() async throws {
            let state = try await demoState { $0.limits.maxBodyBytes = 2_048 }
            let application = try SealbridgeServer.application(state: state)
            try await application.test(.live) { client in
                let port = try #require(client.port)
                // 100 MB announced, 1 KB sent: the answer comes without the rest.
                let declared = try RawHTTP.exchange(
                    port: port,
                    "POST /v1/validations HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/pkcs7-signature\r\n"
                        + "Content-Length: 104857600\r\n\r\n" + String(repeating: "0", count: 1_024)
                )
                #expect(declared.hasPrefix("HTTP/1.1 413"), "\(declared.prefix(80))")
                #expect(declared.contains("body-too-large"))
                // Chunked, no length: 3 KB of chunks and no end; refused once 2 KB have come.
                let chunk = String(repeating: "1", count: 1_000)
                let chunked = try RawHTTP.exchange(
                    port: port,
                    "POST /v1/validations HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/pkcs7-signature\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n"
                        + String(repeating: "3e8\r\n\(chunk)\r\n", count: 3)
                )
                #expect(chunked.hasPrefix("HTTP/1.1 413"), "\(chunked.prefix(80))")
            }
        }

        @Test("the concurrency gate refuses beyond its limit at once (503 overloaded) and frees its slots")
        func concurrencyGate() async throws {
            let gate = ConcurrencyGate(limit: 1)
            let (stream, continuation) = AsyncStream<Void>.makeStream()
            let holder = Task { try await gate.run { for await _ in stream { break } } }
            while gate.inFlight == 0 { await Task.yield() }
            let error = await #expect(throws: Problem.self) { try await gate.run {} }
            #expect(error?.kind == .overloaded && error?.headers[.retryAfter] == "1")
            continuation.yield()
            try await holder.value
            #expect(gate.inFlight == 0)
            try await gate.run {}
        }

        @Test("a time limit answers at the limit even when the work cannot be interrupted")
        func timeLimit() async throws {
            let started = ContinuousClock.now
            let error = await #expect(throws: Problem.self) {
                try await withTimeLimit(.milliseconds(100), problem: Problem(.timeout, "too slow")) {
                    // CPU-bound work that ignores cancellation, offloaded as the service offloads validations.
                    try await Offload.run {
                        let end = ContinuousClock.now.advanced(by: .milliseconds(600))
                        while ContinuousClock.now < end {}
                        return 1
                    }
                }
            }
            // The answer is the time-out, so it was decided before the 600 ms of work ended (how soon this task then
            // resumes depends on how busy the test runner keeps the cooperative threads).
            #expect(error?.kind == .timeout)
            _ = started
            // Generous: under AddressSanitizer a busy test runner may not start this task for minutes.
            #expect(try await withTimeLimit(.seconds(3_600), problem: Problem(.timeout, "x")) { 42 } == 42)
        }

        @Test("the token bucket: a burst, then one request per 1/rate seconds")
        func tokenBucket() throws {
            let limiter = RateLimiter(rate: 2, burst: 3)
            let start = ContinuousClock.now
            for _ in 0..<3 { try limiter.admit("k", now: start) }
            #expect(throws: Problem.self) { try limiter.admit("k", now: start) }
            try limiter.admit("other", now: start)
            try limiter.admit("k", now: start.advanced(by: .milliseconds(500)))
            #expect(throws: Problem.self) { try limiter.admit("k", now: start.advanced(by: .milliseconds(600))) }
        }
    }
}

extension LiveService {
    @Suite("Service: configuration")
    struct ServiceConfigurationTests {
        @Test("a configuration file is read with paths from its folder; mistakes name the key")
        func configurationFile() throws {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sealbridge-config-\(UUID())")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let file = folder.appendingPathComponent("sealbridge.toml")
            try """
            host = "0.0.0.0"
            port = 9443
            database = "sqlite:data/evidence.sqlite"
            frameworks = "trust/frameworks"
            [access]
            validation = "keyed"
            [limits]
            max_body_bytes = 1048576
            request_timeout_seconds = 5
            requests_per_second_per_key = 2.5
            [[signer]]
            id = "seal"
            key = "keys/seal.p8"
            certificate = "keys/seal.pem"
            passphrase_env = "SEAL_PASSPHRASE"
            """.write(to: file, atomically: true, encoding: .utf8)
            let configuration = try ServiceConfiguration(contentsOf: file)
            #expect(configuration.host == "0.0.0.0" && configuration.port == 9443)
            #expect(configuration.store == .sqlite(path: folder.appendingPathComponent("data/evidence.sqlite").path))
            #expect(configuration.frameworksFolder == folder.appendingPathComponent("trust/frameworks").path)
            #expect(configuration.validationAccess == .keyed && configuration.timeStampAccess == .open)
            #expect(
                configuration.limits.maxBodyBytes == 1_048_576 && configuration.limits.requestTimeout == .seconds(5)
            )
            #expect(configuration.limits.requestsPerSecondPerKey == 2.5)
            #expect(configuration.signers.first?.passphrase == .environment("SEAL_PASSPHRASE"))

            let mistakes = [
                ("port = \"eighty\"", "port"), ("[access]\nvalidation = \"maybe\"", "access.validation"),
                ("[limits]\nmax_body_bytes = 0", "max_body_bytes"), ("[tsa]\nkey = \"k\"", "[tsa]"),
                ("database = \"mysql://x\"", "database"), ("port = 70000", "port"), ("this is not toml", "TOML"),
            ]
            for (text, named) in mistakes {
                try text.write(to: file, atomically: true, encoding: .utf8)
                let error = #expect(throws: ConfigurationError.self, "\(text)") {
                    try ServiceConfiguration(contentsOf: file)
                }
                #expect(error?.description.contains(named) == true, "\(error?.description ?? "") names \(named)")
            }
        }

        @Test("a server key must be encrypted, its passphrase right, its certificate its own")
        func serverKeys() async throws {
            let folder = try await DemoWorldFolder.shared.url()
            let (configuration, _) = try demoConfiguration(folder)
            var plain = configuration
            plain.signers = [
                .init(
                    id: "plain",
                    keyPath: folder.appendingPathComponent("keys/cn-signer-sm2.key").path,
                    certificatePath: folder.appendingPathComponent("keys/cn-signer-sm2.pem").path,
                    passphrase: .none
                )
            ]
            let unencrypted = #expect(throws: ConfigurationError.self) { try ServiceState(configuration: plain) }
            #expect(unencrypted?.description.contains("encrypted") == true)
            var wrongPassphrase = configuration
            wrongPassphrase.signers[0].passphrase = .environment("SEALBRIDGE_TEST_UNSET_VARIABLE")
            #expect(throws: ConfigurationError.self) { try ServiceState(configuration: wrongPassphrase) }
            var wrongCertificate = configuration
            wrongCertificate.signers[0].certificatePath = folder.appendingPathComponent("keys/hk-signer-rsa.pem").path
            let mismatch = #expect(throws: ConfigurationError.self) {
                try ServiceState(configuration: wrongCertificate)
            }
            #expect(mismatch?.description.contains("not the key's") == true)
            // A seal must be readable and list its signer: the demo company's seal does not list the CN signer.
            var unlisted = configuration
            let sealing = try #require(unlisted.signers.firstIndex { $0.sealPath != nil })
            let other = try #require(unlisted.signers.firstIndex { $0.id == "cn-signer-sm2" })
            unlisted.signers[other].sealPath = unlisted.signers[sealing].sealPath
            let notListed = #expect(throws: ConfigurationError.self) { try ServiceState(configuration: unlisted) }
            #expect(notListed?.description.contains("does not list the signer's certificate") == true)
            var notASeal = configuration
            notASeal.signers[sealing].sealPath = folder.appendingPathComponent("keys/cn-signer-sm2.pem").path
            let unreadable = #expect(throws: ConfigurationError.self) { try ServiceState(configuration: notASeal) }
            #expect(unreadable?.description.contains("is not a GB/T 38540 or GM/T 0031 seal") == true)
        }
    }
}

func demoConfiguration(_ folder: URL) throws -> (ServiceConfiguration, URL) {
    var configuration = try ServiceConfiguration(contentsOf: folder.appendingPathComponent("sealbridge.toml"))
    configuration.store = .sqlite(
        path: FileManager.default.temporaryDirectory.appendingPathComponent("sealbridge-\(UUID()).sqlite").path
    )
    return (configuration, folder)
}

/// Raw HTTP/1.1 over a socket, for what a client library would not send (a body cut short, no final chunk).
enum RawHTTP {
    /// Sends `request`, then reads until a whole problem answer came, the server closes, or 60 s pass (a test
    /// runner under AddressSanitizer can be that slow); returns what came back.
    static func exchange(port: Int, _ request: String) throws -> String {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw ServiceTestError("socket() failed") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw ServiceTestError("connect() failed") }
        var timeout = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let bytes = Array(request.utf8)
        _ = bytes.withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        var received = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4_096)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            received += buffer.prefix(count)
            if let text = String(bytes: received, encoding: .utf8), text.contains("\r\n\r\n"),
                text.contains("}")
            {
                break
            }
        }
        return String(decoding: received, as: UTF8.self)
    }
}

extension LiveService {
    @Suite("Service: multipart/form-data parser")
    struct FormPartsTests {
        static func form(_ parts: [(String, String?, String)], boundary: String = "XyZ") -> [UInt8] {
            Array(buffer: formData(parts.map { ($0.0, $0.1, Array($0.2.utf8)) }, boundary: boundary))
        }

        @Test("a form as browsers send it: fields, files, names; padding after a boundary; a preamble")
        func wellFormed() throws {
            let parts = try FormParts(
                bytes: Self.form([("signature", "a b.p7s", "0\u{1}\u{2}"), ("jurisdiction", nil, "HK")]),
                boundary: "XyZ"
            )
            #expect(parts.values["signature"]?.filename == "a b.p7s")
            #expect(parts.values["signature"]?.bytes == [0x30, 1, 2])
            #expect(parts.values["jurisdiction"]?.bytes == Array("HK".utf8))
            let padded = Array(
                "preamble\r\n--b  \r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n--b--\r\nepilogue".utf8
            )
            #expect(try FormParts(bytes: padded, boundary: "b").values["x"]?.bytes == Array("1".utf8))
            // Content that contains the boundary text, but not after CRLF, stays content.
            let inner = Array("--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\na--b\r\nb-\r\n--b--".utf8)
            #expect(try FormParts(bytes: inner, boundary: "b").values["x"]?.bytes == Array("a--b\r\nb-".utf8))
        }

        @Test("malformed forms are 400 problems, never a crash: the fuzzer's crasher, no end, no colon, too many parts")
        func malformed() throws {
            let crasher = Array(try Vectors.data("fuzz-crashers/multipart-non-ascii-header-name.bin"))
            let body = Array(crasher.dropFirst(1 + Int(crasher[0])))
            _ = try? FormParts(bytes: body, boundary: "sealbridge-seed")  // parses or throws; must not trap
            let cases: [[UInt8]] = [
                Array("--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nno end".utf8),
                Array("--b\r\nno colon here\r\n\r\nx\r\n--b--".utf8),
                Array("nothing like a boundary".utf8),
                Array("--bX".utf8),
                Array(repeating: 0x2D, count: 3),
                Self.form((0..<17).map { ("f\($0)", nil, "v") }, boundary: "b"),
            ]
            for (index, bytes) in cases.enumerated() {
                let error = #expect(throws: FormDataError.self, "case \(index)") {
                    try FormParts(bytes: bytes, boundary: "b")
                }
                #expect(error?.reason.isEmpty == false)
            }
            #expect(throws: FormDataError.self) {
                try FormParts(bytes: [], boundary: String(repeating: "x", count: 71))
            }
        }

        @Test("a hostile body of near-boundaries is searched in one linear pass")
        func linearSearch() throws {
            let boundary = String(repeating: "-", count: 70)
            let body = [UInt8](repeating: 0x2D, count: 2_000_000)
            let started = ContinuousClock.now
            _ = try? FormParts(bytes: body, boundary: boundary)
            #expect(started.duration(to: .now) < .seconds(20), "a quadratic search would take minutes here")
        }
    }
}
