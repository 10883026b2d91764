import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import SealbridgeDemo
import SealbridgeService
import SealbridgeStore
import Synchronization
import Testing

/// One demonstration world for every service test, made on first use.
actor DemoWorldFolder {
    static let shared = DemoWorldFolder()
    /// One task, so that callers arriving while the world is being made wait for the same world (an actor is
    /// reentrant across the `await`).
    private var making: Task<URL, any Error>?

    func url() async throws -> URL {
        if let making { return try await making.value }
        let task = Task {
            let made = FileManager.default.temporaryDirectory.appendingPathComponent(
                "sealbridge-service-tests-\(UUID())"
            )
            try await DemoWorld.create(in: made)
            return made
        }
        making = task
        return try await task.value
    }
}

/// Log lines a test can read back.
final class CapturedLog: Sendable {
    let lines = Mutex([String]())

    var logger: Logger {
        var logger = Logger(label: "sealbridge-test") { _ in CapturingHandler(log: self) }
        logger.logLevel = .trace
        return logger
    }

    var text: String { lines.withLock { $0.joined(separator: "\n") } }
}

struct CapturingHandler: LogHandler {
    let log: CapturedLog
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        log.lines.withLock { $0.append("\(event.level) \(event.message) \(merged)") }
    }
}

/// A service on the demonstration world with a fresh SQLite store, changed by `adjust`.
func demoState(
    logger: Logger = Logger(label: "sealbridge-test"),
    _ adjust: (inout ServiceConfiguration) -> Void = { _ in }
) async throws -> ServiceState {
    let folder = try await DemoWorldFolder.shared.url()
    var configuration = try ServiceConfiguration(contentsOf: folder.appendingPathComponent("sealbridge.toml"))
    configuration.store = .sqlite(
        path: FileManager.default.temporaryDirectory.appendingPathComponent("sealbridge-\(UUID()).sqlite").path
    )
    adjust(&configuration)
    return try ServiceState(configuration: configuration, logger: logger)
}

/// Runs `body` against the service's router (no socket).
func withService(
    _ state: ServiceState,
    _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void
) async throws {
    let application = try SealbridgeServer.application(state: state)
    try await application.test(.router, body)
}

/// A file of the demonstration world.
func demoFile(_ relative: String) async throws -> ByteBuffer {
    let folder = try await DemoWorldFolder.shared.url()
    return ByteBuffer(bytes: try Data(contentsOf: folder.appendingPathComponent(relative)))
}

func headers(_ pairs: [(HTTPField.Name, String)]) -> HTTPFields {
    var fields = HTTPFields()
    for (name, value) in pairs { fields[name] = value }
    return fields
}

func json(_ buffer: ByteBuffer) throws -> [String: Any] {
    guard let object = try JSONSerialization.jsonObject(with: Data(Array(buffer: buffer))) as? [String: Any] else {
        throw ServiceTestError("the body is not a JSON object: \(String(buffer: buffer))")
    }
    return object
}

struct ServiceTestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Makes an API key with `scopes` in the service's store and returns it.
func apiKey(_ state: ServiceState, _ scopes: Set<APIScope>) async throws -> String {
    let (secret, record) = APIKey.generate(name: "test", scopes: scopes)
    try await state.store.saveAPIKey(record)
    return secret
}

/// A multipart/form-data body.
func formData(_ parts: [(name: String, filename: String?, bytes: [UInt8])], boundary: String) -> ByteBuffer {
    var body = [UInt8]()
    for part in parts {
        var head = "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(part.name)\""
        if let filename = part.filename { head += "; filename=\"\(filename)\"" }
        head += "\r\n"
        if part.filename != nil { head += "Content-Type: application/octet-stream\r\n" }
        body += Array((head + "\r\n").utf8) + part.bytes + Array("\r\n".utf8)
    }
    body += Array("--\(boundary)--\r\n".utf8)
    return ByteBuffer(bytes: body)
}

/// A multipart part: name, optional file name, bytes.
typealias FormPart = (name: String, filename: String?, bytes: [UInt8])

/// Signs `document` with the demo signer `signer` through `POST /v1/signatures` and returns the signature.
func signThroughService(
    _ client: any TestClientProtocol,
    key: String,
    query: String,
    document: [UInt8]
) async throws -> [UInt8] {
    try await client.execute(
        uri: "/v1/signatures?\(query)",
        method: .post,
        headers: headers([(.authorization, "Bearer \(key)"), (.contentType, "application/octet-stream")]),
        body: ByteBuffer(bytes: document)
    ) { (response: TestResponse) async throws in
        #expect(response.status == .ok)
        #expect(response.headers[.contentType] == "application/pkcs7-signature")
        return Array(buffer: response.body)
    }
}

/// Posts `parts` to `POST /v1/validations` as multipart/form-data and hands the response to `check`.
@discardableResult
func postValidationForm<Result>(
    _ client: any TestClientProtocol,
    _ parts: [FormPart],
    check: @escaping (TestResponse) async throws -> Result
) async throws -> Result {
    let boundary = "sealbridge-\(UUID())"
    return try await client.execute(
        uri: "/v1/validations",
        method: .post,
        headers: headers([(.contentType, "multipart/form-data; boundary=\(boundary)")]),
        body: formData(parts, boundary: boundary),
        testCallback: check
    )
}
