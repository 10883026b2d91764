import Foundation
import Logging
import SealbridgeCrypto
import SealbridgeX509

/// Loads the server's signing and time-stamping keys: encrypted PKCS #8 with a passphrase from the environment
/// or a file, never from the configuration itself, and never logged.
enum KeyFiles {
    /// The key and its certificates (the key's own first).
    ///
    /// - Throws: `ConfigurationError` naming the file and what to do.
    static func load(
        _ configuration: ServiceConfiguration.KeyConfiguration,
        what: String
    ) throws -> (PrivateKey, [Certificate]) {
        let keyBytes = try read(configuration.keyPath, what: what)
        var passphrase = try passphrase(configuration.passphrase, what: what)
        defer { for index in passphrase.indices { passphrase[index] = 0 } }
        let encrypted = PrivateKey.isEncrypted(keyBytes)
        guard encrypted || configuration.allowsUnencryptedKey else {
            throw ConfigurationError(
                "\(what) (\(configuration.keyPath)) is not encrypted; encrypt it (PKCS #8, PBES2: `openssl pkcs8 "
                    + "-topk8 -v2 aes-256-cbc`) or mark it unencrypted_demo_key for demonstration data"
            )
        }
        guard !encrypted || !passphrase.isEmpty else {
            throw ConfigurationError(
                "\(what) (\(configuration.keyPath)) is encrypted; name its passphrase with passphrase_env or "
                    + "passphrase_file"
            )
        }
        let key: PrivateKey
        do {
            key = try PrivateKey(pemOrDER: keyBytes, passphrase: encrypted ? passphrase : nil)
        } catch let error as CryptoError {
            throw ConfigurationError("\(what) (\(configuration.keyPath)): \(error.reason)")
        }
        let certificates: [Certificate]
        do {
            certificates = try Certificate.readAll(from: try read(configuration.certificatePath, what: "certificate"))
        } catch let error as X509Error {
            throw ConfigurationError("\(configuration.certificatePath): \(error.reason)")
        }
        guard let first = certificates.first else {
            throw ConfigurationError("\(configuration.certificatePath) holds no certificate")
        }
        guard (try? first.publicKey()) == key.publicKey else {
            throw ConfigurationError(
                "\(what): the first certificate in \(configuration.certificatePath) is not the key's; put the key's own "
                    + "certificate first, then its CA certificates"
            )
        }
        return (key, certificates)
    }

    static func passphrase(_ source: ServiceConfiguration.PassphraseSource, what: String) throws -> [UInt8] {
        switch source {
        case .none:
            return []
        case .environment(let variable):
            guard let value = ProcessInfo.processInfo.environment[variable], !value.isEmpty else {
                throw ConfigurationError(
                    "\(what): the environment variable \(variable) holding its passphrase is unset"
                )
            }
            return Array(value.utf8)
        case .file(let path):
            let bytes = try read(path, what: "\(what)'s passphrase file")
            let line = bytes.prefix(while: { $0 != 0x0A && $0 != 0x0D })
            guard !line.isEmpty else { throw ConfigurationError("\(what): the passphrase file \(path) is empty") }
            return Array(line)
        }
    }

    static func read(_ path: String, what: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError("cannot read \(what) at \(path)")
        }
        guard data.count <= 16 << 20 else { throw ConfigurationError("\(what) at \(path) is over 16 MiB") }
        return Array(data)
    }
}
