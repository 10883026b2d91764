public import Foundation
import Logging
public import SealbridgeStore
public import SealbridgeValidation
import TOMLKit

/// Everything `sealbridge serve` needs to know, from a TOML file, the environment and flags (in rising order of
/// precedence; the CLI applies the last two). Plain TOML through TOMLKit because the trust layer already reads its
/// framework and agreement files with it: one configuration language, no further dependency.
///
/// ```toml
/// host = "127.0.0.1"
/// port = 8080
/// database = "sqlite:sealbridge.sqlite"      # or postgres://user:password@host:5432/db
/// frameworks = "trust/frameworks"
/// agreements = "trust/agreements"
/// node = "node-1"
///
/// [access]
/// validation = "open"      # or "keyed": needs an API key with the validate scope
/// timestamp = "open"       # or "keyed"
///
/// [limits]
/// max_body_bytes = 52428800
/// request_timeout_seconds = 30
/// body_timeout_seconds = 30           # default: request_timeout_seconds
/// max_concurrent_validations = 8
/// requests_per_second_per_key = 50
/// burst_per_key = 100
///
/// [tsa]
/// key = "keys/tsa.p8"              # encrypted PKCS #8
/// certificate = "keys/tsa.pem"
/// policy = "1.2.3.4.1"
/// passphrase_env = "SEALBRIDGE_TSA_PASSPHRASE"   # or passphrase_file = "/run/secrets/tsa"
///
/// [[signer]]
/// id = "company-seal"
/// key = "keys/seal.p8"
/// certificate = "keys/seal.pem"    # the signer first, then its CA certificates
/// passphrase_file = "/run/secrets/seal"
///
/// [tls]
/// certificate = "tls/cert.pem"
/// key = "tls/key.pem"
/// ```
public struct ServiceConfiguration: Sendable {
    /// Whether an endpoint is open to everyone or needs an API key with its scope.
    public enum Access: String, Sendable {
        case open
        case keyed
    }

    /// Where a key's passphrase comes from: never the configuration file itself.
    public enum PassphraseSource: Sendable, Hashable {
        /// An environment variable.
        case environment(String)
        /// A file (its first line).
        case file(String)
        /// The key is not encrypted; accepted only when the key is marked `unencrypted_demo_key = true`.
        case none
    }

    /// A key and its certificate chain on disk.
    public struct KeyConfiguration: Sendable, Hashable {
        /// The id clients name (for signers).
        public var id: String
        /// The private key file (encrypted PKCS #8).
        public var keyPath: String
        /// The certificate file: the key's certificate first, then its CA certificates.
        public var certificatePath: String
        /// The passphrase.
        public var passphrase: PassphraseSource
        /// Allows an unencrypted key (demo data only).
        public var allowsUnencryptedKey: Bool
        /// A GB/T 38540 seal (`SESeal`, a `.esl` file) that lists this signer's certificate: with it the signer can
        /// seal OFD documents (`POST /v1/signatures?format=ofd`). Signers only.
        public var sealPath: String?

        /// Makes a key configuration.
        public init(
            id: String,
            keyPath: String,
            certificatePath: String,
            passphrase: PassphraseSource,
            allowsUnencryptedKey: Bool = false,
            sealPath: String? = nil
        ) {
            self.id = id
            self.keyPath = keyPath
            self.certificatePath = certificatePath
            self.passphrase = passphrase
            self.allowsUnencryptedKey = allowsUnencryptedKey
            self.sealPath = sealPath
        }
    }

    /// Limits that keep one client from taking the service down.
    public struct Limits: Sendable, Hashable {
        /// Largest request body, in bytes (413 above it; refused before it is read whole).
        public var maxBodyBytes = 50 * 1024 * 1024
        /// Time for one request's work (503 `timeout`).
        public var requestTimeout: Duration = .seconds(30)
        /// Time for a request's body to arrive (408); nil: the same as ``requestTimeout``.
        public var bodyTimeout: Duration?

        /// The body time limit in force.
        public var effectiveBodyTimeout: Duration { bodyTimeout ?? requestTimeout }
        /// Validations running at once (503 `overloaded` beyond).
        public var maxConcurrentValidations = 8
        /// Sustained requests per second per API key (429 beyond); 0 switches the limit off.
        public var requestsPerSecondPerKey = 50.0
        /// Requests a key may make in a burst.
        public var burstPerKey = 100.0

        /// The defaults.
        public init() {}
    }

    /// Address to listen on.
    public var host = "127.0.0.1"
    /// Port (0: any free port; the URL printed says which).
    public var port = 8080
    /// The evidence store.
    public var store: StoreLocation = .sqlite(path: "sealbridge.sqlite")
    /// The folder of trust frameworks.
    public var frameworksFolder: String?
    /// The folder of recognition agreements.
    public var agreementsFolder: String?
    /// A folder of CRLs (PEM or DER) given to every validation (`crls = "…"`), as a relying party that downloaded
    /// them would.
    public var crlsFolder: String?
    /// A folder of CRLs (PEM or DER) that the signatures the server makes carry, for their signers' chains
    /// (`signature_crls = "…"`).
    public var signatureCRLsFolder: String?
    /// What missing revocation data means (`revocation = "required" | "where-available" | "none"`).
    public var revocationPolicy: RevocationPolicy = .required
    /// Who may validate.
    public var validationAccess = Access.open
    /// Who may request time-stamps.
    public var timeStampAccess = Access.open
    /// The limits.
    public var limits = Limits()
    /// The time-stamp authority's key, if the server issues time-stamps.
    public var timeStampAuthority: KeyConfiguration?
    /// The TSA policy OID, dotted.
    public var timeStampPolicy = "1.3.6.1.4.1.59999.1.1"
    /// Keys the server signs with (`POST /v1/signatures`).
    public var signers: [KeyConfiguration] = []
    /// TLS certificate chain and key (PEM), if the server speaks HTTPS.
    public var tls: (certificate: String, key: String)?
    /// This node's name, recorded with each token it issues.
    public var nodeName = ProcessInfo.processInfo.hostName
    /// The service's name as the issuer of its stored reports (`name = "…"`), e.g. the operator's.
    public var serviceName = "Sealbridge"

    /// The defaults.
    public init() {}

    /// Reads a configuration file; relative paths in it are taken from its folder.
    ///
    /// - Throws: `ConfigurationError` naming the file and the key that is wrong.
    public init(contentsOf url: URL) throws {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw ConfigurationError("cannot read the configuration file \(url.path): \(error.localizedDescription)")
        }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch {
            throw ConfigurationError("\(url.path) is not valid TOML: \(error)")
        }
        let base = url.deletingLastPathComponent()
        let reader = ConfigurationReader(file: url.path, base: base)
        self.init()
        if let value = try reader.string(table, "host") { host = value }
        if let value = try reader.integer(table, "port") { port = value }
        if let value = try reader.string(table, "database") {
            do {
                store = try StoreLocation(
                    value.hasPrefix("sqlite:") ? "sqlite:" + reader.path(String(value.dropFirst(7))) : value
                )
            } catch {
                throw ConfigurationError("\(url.path): database: \(error)")
            }
        }
        if let value = try reader.string(table, "frameworks") { frameworksFolder = reader.path(value) }
        if let value = try reader.string(table, "agreements") { agreementsFolder = reader.path(value) }
        if let value = try reader.string(table, "crls") { crlsFolder = reader.path(value) }
        if let value = try reader.string(table, "signature_crls") { signatureCRLsFolder = reader.path(value) }
        if let value = try reader.string(table, "node") { nodeName = value }
        if let value = try reader.string(table, "name") { serviceName = value }
        if let value = try reader.string(table, "revocation") {
            guard let policy = RevocationPolicy(rawValue: value) else {
                throw ConfigurationError(
                    "\(url.path): revocation is \(RevocationPolicy.allCases.map(\.rawValue).joined(separator: ", ")), not \(value)"
                )
            }
            revocationPolicy = policy
        }
        if let access = try reader.table(table, "access") {
            if let value = try reader.string(access, "validation", in: "access") {
                validationAccess = try reader.access(value, key: "access.validation")
            }
            if let value = try reader.string(access, "timestamp", in: "access") {
                timeStampAccess = try reader.access(value, key: "access.timestamp")
            }
        }
        if let limitsTable = try reader.table(table, "limits") {
            if let value = try reader.integer(limitsTable, "max_body_bytes", in: "limits") {
                limits.maxBodyBytes = value
            }
            if let value = try reader.integer(limitsTable, "request_timeout_seconds", in: "limits") {
                limits.requestTimeout = .seconds(value)
            }
            if let value = try reader.integer(limitsTable, "body_timeout_seconds", in: "limits") {
                limits.bodyTimeout = .seconds(value)
            }
            if let value = try reader.integer(limitsTable, "max_concurrent_validations", in: "limits") {
                limits.maxConcurrentValidations = value
            }
            if let value = try reader.number(limitsTable, "requests_per_second_per_key", in: "limits") {
                limits.requestsPerSecondPerKey = value
            }
            if let value = try reader.number(limitsTable, "burst_per_key", in: "limits") { limits.burstPerKey = value }
        }
        if let tsa = try reader.table(table, "tsa") {
            timeStampAuthority = try reader.key(tsa, section: "tsa", id: "tsa")
            if let value = try reader.string(tsa, "policy", in: "tsa") { timeStampPolicy = value }
        }
        if let list = table["signer"] {
            guard let array = list.array else {
                throw ConfigurationError("\(url.path): [[signer]] must be a table array")
            }
            for (index, element) in array.enumerated() {
                guard let signer = element.table else {
                    throw ConfigurationError("\(url.path): signer \(index + 1) is not a table")
                }
                guard let id = try reader.string(signer, "id", in: "signer") else {
                    throw ConfigurationError("\(url.path): signer \(index + 1) needs an id")
                }
                var key = try reader.key(signer, section: "signer \(id)", id: id)
                key.sealPath = try reader.string(signer, "seal", in: "signer \(id)").map(reader.path)
                signers.append(key)
            }
        }
        if let tlsTable = try reader.table(table, "tls") {
            guard let certificate = try reader.string(tlsTable, "certificate", in: "tls"),
                let key = try reader.string(tlsTable, "key", in: "tls")
            else {
                throw ConfigurationError("\(url.path): [tls] needs certificate and key")
            }
            tls = (reader.path(certificate), reader.path(key))
        }
        try validate()
    }

    /// Checks values that no type can.
    ///
    /// - Throws: `ConfigurationError` naming the setting.
    public func validate() throws {
        guard (0...65_535).contains(port) else { throw ConfigurationError("port \(port) is not 0…65535") }
        guard limits.maxBodyBytes > 0 else { throw ConfigurationError("limits.max_body_bytes must be positive") }
        guard limits.requestTimeout > .zero else {
            throw ConfigurationError("limits.request_timeout_seconds must be positive")
        }
        guard limits.maxConcurrentValidations > 0 else {
            throw ConfigurationError("limits.max_concurrent_validations must be positive")
        }
        guard limits.requestsPerSecondPerKey >= 0, limits.burstPerKey >= 1 || limits.requestsPerSecondPerKey == 0 else {
            throw ConfigurationError("limits.requests_per_second_per_key must be ≥ 0 and burst_per_key ≥ 1")
        }
        let ids = signers.map(\.id)
        guard Set(ids).count == ids.count else { throw ConfigurationError("two [[signer]] entries share an id") }
    }
}

/// A configuration that cannot be used, with the setting to fix.
public struct ConfigurationError: Error, CustomStringConvertible, Sendable {
    /// What is wrong and where.
    public let description: String

    /// Makes an error.
    public init(_ description: String) {
        self.description = description
    }
}

/// Typed reads from a TOML table, with errors naming file and key.
private struct ConfigurationReader {
    let file: String
    let base: URL

    func path(_ value: String) -> String {
        value.hasPrefix("/") ? value : base.appendingPathComponent(value).path
    }

    func name(_ key: String, _ section: String?) -> String {
        section.map { "\($0).\(key)" } ?? key
    }

    func string(_ table: TOMLTable, _ key: String, in section: String? = nil) throws -> String? {
        guard let value = table[key] else { return nil }
        guard let text = value.string else {
            throw ConfigurationError("\(file): \(name(key, section)) must be a string")
        }
        return text
    }

    func integer(_ table: TOMLTable, _ key: String, in section: String? = nil) throws -> Int? {
        guard let value = table[key] else { return nil }
        guard let number = value.int else {
            throw ConfigurationError("\(file): \(name(key, section)) must be an integer")
        }
        return number
    }

    func number(_ table: TOMLTable, _ key: String, in section: String? = nil) throws -> Double? {
        guard let value = table[key] else { return nil }
        if let number = value.int { return Double(number) }
        guard let number = value.double else {
            throw ConfigurationError("\(file): \(name(key, section)) must be a number")
        }
        return number
    }

    func table(_ table: TOMLTable, _ key: String) throws -> TOMLTable? {
        guard let value = table[key] else { return nil }
        guard let inner = value.table else { throw ConfigurationError("\(file): [\(key)] must be a table") }
        return inner
    }

    func access(_ value: String, key: String) throws -> ServiceConfiguration.Access {
        guard let access = ServiceConfiguration.Access(rawValue: value) else {
            throw ConfigurationError("\(file): \(key) is \"open\" or \"keyed\", not \"\(value)\"")
        }
        return access
    }

    func key(_ table: TOMLTable, section: String, id: String) throws -> ServiceConfiguration.KeyConfiguration {
        guard let key = try string(table, "key", in: section),
            let certificate = try string(table, "certificate", in: section)
        else {
            throw ConfigurationError("\(file): [\(section)] needs key and certificate")
        }
        let passphrase: ServiceConfiguration.PassphraseSource
        if let variable = try string(table, "passphrase_env", in: section) {
            passphrase = .environment(variable)
        } else if let passphraseFile = try string(table, "passphrase_file", in: section) {
            passphrase = .file(path(passphraseFile))
        } else {
            passphrase = .none
        }
        let unencrypted = table["unencrypted_demo_key"]?.bool ?? false
        return .init(
            id: id,
            keyPath: path(key),
            certificatePath: path(certificate),
            passphrase: passphrase,
            allowsUnencryptedKey: unencrypted
        )
    }
}
