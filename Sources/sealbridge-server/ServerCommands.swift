import ArgumentParser
import Foundation
import Logging
import SealbridgeDemo
import SealbridgeService
import SealbridgeStore

/// `sealbridge serve`: the HTTP service and its web page.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the Sealbridge HTTP service: the validation API, RFC 3161 time-stamps, signing, the web page.",
        discussion: """
            Settings come from --config (TOML; see docs/service.md), then SEALBRIDGE_HOST, SEALBRIDGE_PORT, \
            SEALBRIDGE_DATABASE and SEALBRIDGE_LOG_LEVEL in the environment, then these flags. --demo serves the \
            demonstration world (creating it with `demo init` when --demo-dir is empty or absent; a temporary \
            folder without --demo-dir), with its own sealbridge.toml. The line "Sealbridge is serving on URL" is \
            printed once the server listens. SIGINT or SIGTERM stop it gracefully.
            """
    )

    @Option(help: "Address to listen on (default 127.0.0.1).")
    var host: String?
    @Option(help: "Port (default 8080; 0 picks a free one).")
    var port: Int?
    @Option(help: "Evidence store: sqlite:PATH or postgres://USER:PASSWORD@HOST:PORT/DATABASE.")
    var database: String?
    @Option(help: "Configuration file (TOML).")
    var config: String?
    @Flag(help: "Serve the demonstration world.")
    var demo = false
    @Option(name: .customLong("demo-dir"), help: "Where the demonstration world is (or is made).")
    var demoDir: String?
    @Option(name: .customLong("tls-cert"), help: "TLS certificate chain (PEM); needs --tls-key.")
    var tlsCert: String?
    @Option(name: .customLong("tls-key"), help: "TLS private key (PEM).")
    var tlsKey: String?

    mutating func run() async throws {
        var logger = Logger(label: "sealbridge")
        let environment = ProcessInfo.processInfo.environment
        logger.logLevel = environment["SEALBRIDGE_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        let state: ServiceState
        do {
            var configuration = ServiceConfiguration()
            var configFile = config
            if demo {
                let folder = try await demoFolder()
                if configFile == nil { configFile = folder.appendingPathComponent("sealbridge.toml").path }
                FileHandle.standardOutput.write(
                    Data("demonstration world: \(folder.path) (its README.md lists the expected verdicts)\n".utf8)
                )
            }
            if let configFile { configuration = try ServiceConfiguration(contentsOf: URL(fileURLWithPath: configFile)) }
            if let value = environment["SEALBRIDGE_HOST"] { configuration.host = value }
            if let value = environment["SEALBRIDGE_PORT"] {
                guard let number = Int(value) else { throw ConfigurationError("SEALBRIDGE_PORT is not a number") }
                configuration.port = number
            }
            if let value = environment["SEALBRIDGE_DATABASE"] { configuration.store = try StoreLocation(value) }
            if let host { configuration.host = host }
            if let port { configuration.port = port }
            if let database { configuration.store = try StoreLocation(database) }
            switch (tlsCert, tlsKey) {
            case (let certificate?, let key?): configuration.tls = (certificate, key)
            case (nil, nil): break
            default: throw ConfigurationError("--tls-cert and --tls-key go together")
            }
            state = try ServiceState(configuration: configuration, logger: logger)
            logger.info(
                "starting",
                metadata: [
                    "store": "\(configuration.store)", "frameworks": "\(state.frameworks.count)",
                    "agreements": "\(state.agreements.count)",
                ]
            )
        } catch {
            FileHandle.standardError.write(Data("sealbridge serve: \(error)\n".utf8))
            throw ServerExit.configuration
        }
        do {
            try await SealbridgeServer.run(state: state) { url in
                // Written straight to the descriptor so that scripts reading a pipe see it at once.
                FileHandle.standardOutput.write(Data("Sealbridge is serving on \(url)\n".utf8))
            }
        } catch {
            FileHandle.standardError.write(Data("sealbridge serve: \(error)\n".utf8))
            throw ServerExit.ioError
        }
    }

    /// The demonstration world's folder, made when it does not hold one yet.
    func demoFolder() async throws -> URL {
        let folder =
            demoDir.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent(
                "sealbridge-demo-\(UUID().uuidString.prefix(8))"
            )
        let manifest = folder.appendingPathComponent("sealbridge.toml")
        if FileManager.default.fileExists(atPath: manifest.path) { return folder }
        let existing = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        guard existing.isEmpty else {
            throw ConfigurationError(
                "\(folder.path) is neither empty nor a demonstration world (no sealbridge.toml); pick another --demo-dir"
            )
        }
        try await DemoWorld.create(in: folder)
        return folder
    }
}

/// `sealbridge apikey`: API keys of the service.
struct APIKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apikey",
        abstract: "Manage the service's API keys (only their SHA-256 hashes are stored).",
        subcommands: [Create.self, List.self]
    )

    struct StoreOptions: ParsableArguments {
        @Option(
            help: "Evidence store: sqlite:PATH or postgres://… (default: the configuration's, or SEALBRIDGE_DATABASE)."
        )
        var database: String?
        @Option(help: "Configuration file (TOML) naming the store.")
        var config: String?

        func location() throws -> StoreLocation {
            if let database { return try StoreLocation(database) }
            if let value = ProcessInfo.processInfo.environment["SEALBRIDGE_DATABASE"] {
                return try StoreLocation(value)
            }
            if let config { return try ServiceConfiguration(contentsOf: URL(fileURLWithPath: config)).store }
            throw ValidationError("name the store with --database, --config or SEALBRIDGE_DATABASE")
        }

        /// Runs `body` with the store open and migrated.
        func withStore<T: Sendable>(_ body: @Sendable (any EvidenceStore) async throws -> T) async throws -> T {
            var logger = Logger(label: "sealbridge.store")
            logger.logLevel = .warning
            let store = try location().open(logger: logger)
            return try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await store.run() }
                defer { group.cancelAll() }
                try await store.migrate()
                return try await body(store)
            }
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create",
            abstract: "Create an API key and print it once (it cannot be shown again).",
            discussion: "Scopes: validate, sign, timestamp, admin (admin grants every scope). Repeat --scope."
        )

        @OptionGroup var store: StoreOptions
        @Option(help: "A scope; repeatable.")
        var scope: [String]
        @Option(help: "A name for people.")
        var name: String = "unnamed"

        mutating func run() async throws {
            do {
                var scopes = Set<APIScope>()
                for text in scope {
                    guard let value = APIScope(rawValue: text) else {
                        throw ValidationError("--scope is validate, sign, timestamp or admin, not \(text)")
                    }
                    scopes.insert(value)
                }
                guard !scopes.isEmpty else {
                    throw ValidationError("give at least one --scope")
                }
                let (secret, record) = APIKey.generate(name: name, scopes: scopes)
                try await store.withStore { store in
                    try await store.saveAPIKey(record)
                    try await store.recordAudit(
                        AuditEvent(
                            actor: "cli",
                            action: "apikey.create",
                            target: record.id,
                            detail: "scopes=\(record.scopes.sorted().map(\.rawValue).joined(separator: ","))"
                        )
                    )
                }
                print(secret)
                FileHandle.standardError.write(
                    Data(
                        "key \(record.id) (\(name)) with scopes \(scopes.sorted().map(\.rawValue).joined(separator: ", ")); it is shown only now\n"
                            .utf8
                    )
                )
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the API keys (never the keys themselves)."
        )

        @OptionGroup var store: StoreOptions

        mutating func run() async throws {
            do {
                let keys = try await store.withStore { try await $0.apiKeys() }
                for key in keys {
                    print(
                        "\(key.id)\t\(key.scopes.sorted().map(\.rawValue).joined(separator: ","))\t\(key.name)\t\(key.revokedAt == nil ? "active" : "revoked")"
                    )
                }
            }
        }
    }
}
