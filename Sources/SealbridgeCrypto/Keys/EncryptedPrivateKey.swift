import Crypto
import Foundation
import SealbridgeSM
import SwiftASN1
import _CryptoExtras

/// PKCS #8 `EncryptedPrivateKeyInfo` with PBES2 (RFC 8018 §6.2, RFC 5958 §3): what `openssl pkcs8 -topk8 -v2 …`
/// and `openssl genpkey -aes-256-cbc` write. Key derivation PBKDF2 with HMAC-SHA-1/256/384/512 or HMAC-SM3
/// (GmSSL, Tongsuo); encryption AES-128/192/256-CBC or SM4-CBC (GB/T 32907), PKCS #7 padding.
enum EncryptedPrivateKey {
    static let pbes2: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 5, 13]
    static let pbkdf2: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 5, 12]
    static let hmacWithSHA1: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 2, 7]
    static let hmacWithSHA256: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 2, 9]
    static let hmacWithSHA384: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 2, 10]
    static let hmacWithSHA512: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 2, 11]
    static let hmacWithSM3: ASN1ObjectIdentifier = [1, 2, 156, 10_197, 1, 401, 2]

    /// More iterations than this are refused: a hostile file must not keep the reader busy for hours.
    static let maximumIterations = 10_000_000

    /// The DER `PrivateKeyInfo` inside `der`, decrypted with `passphrase`.
    static func decrypt(_ der: [UInt8], passphrase: [UInt8]) throws -> [UInt8] {
        let parsed = try parse(der)
        let key = try deriveKey(
            passphrase: passphrase,
            salt: parsed.salt,
            iterations: parsed.iterations,
            prf: parsed.prf,
            byteCount: parsed.keyByteCount
        )
        do {
            return try ContentCipher.decrypt(parsed.ciphertext, algorithm: parsed.cipher, key: key)
        } catch {
            // A wrong passphrase shows up as bad padding (or, by chance, as a key that does not parse).
            throw CryptoError.invalidKey(reason: "the passphrase is wrong or the encrypted key is damaged")
        }
    }

    /// `privateKeyInfo` encrypted under `passphrase`: PBKDF2-HMAC-SHA-256 and AES-256-CBC, or PBKDF2-HMAC-SM3 and
    /// SM4-CBC when `national` is set.
    static func encrypt(
        _ privateKeyInfo: [UInt8],
        passphrase: [UInt8],
        iterations: Int,
        national: Bool
    ) throws -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return try encrypt(
            privateKeyInfo,
            passphrase: passphrase,
            iterations: iterations,
            national: national,
            salt: (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) },
            iv: (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        )
    }

    /// ``encrypt(_:passphrase:iterations:national:)`` with a given salt and IV: for known-answer tests only (a
    /// salt or IV used twice under one passphrase weakens the encryption).
    static func encrypt(
        _ privateKeyInfo: [UInt8],
        passphrase: [UInt8],
        iterations: Int,
        national: Bool,
        salt: [UInt8],
        iv: [UInt8]
    ) throws -> [UInt8] {
        let prf = national ? hmacWithSM3 : hmacWithSHA256
        let cipher = national ? ContentCipher.sm4CBC : ContentCipher.aes256CBC
        let keyByteCount = national ? 16 : 32
        let key = try deriveKey(
            passphrase: passphrase,
            salt: salt,
            iterations: iterations,
            prf: prf,
            byteCount: keyByteCount
        )
        let ciphertext = try ContentCipher.encryptCBC(privateKeyInfo, cipher: cipher, key: key, iv: iv)
        let scheme = PBES2Parameters(
            keyDerivation: PBKDF2Parameters(salt: salt, iterationCount: iterations, prf: prf),
            encryptionScheme: AlgorithmIdentifier(
                algorithm: cipher,
                parameters: try ASN1OctetString(contentBytes: iv[...]).serializedDER()
            )
        )
        return try EncryptedPrivateKeyInfo(
            encryptionAlgorithm: AlgorithmIdentifier(algorithm: pbes2, parameters: try scheme.serializedDER()),
            encryptedData: ciphertext
        ).serializedDER()
    }

    private struct Parsed {
        var salt: [UInt8]
        var iterations: Int
        var prf: ASN1ObjectIdentifier
        /// The encryption scheme with its IV parameter, as ``ContentCipher`` takes it.
        var cipher: AlgorithmIdentifier
        var keyByteCount: Int
        var ciphertext: [UInt8]
    }

    /// The refusal of a malformed EncryptedPrivateKeyInfo, saying `what` is wrong.
    static func malformed(_ what: String) -> CryptoError {
        CryptoError.invalidKey(reason: "the encrypted private key is malformed: \(what)")
    }

    /// What ``malformed(_:)`` says of PBES2 parameters that are not PBKDF2 and a cipher.
    static let notPBKDF2AndCipher = "the PBES2 parameters are not PBKDF2 and a cipher"

    private static func parse(_ der: [UInt8]) throws -> Parsed {
        let info: EncryptedPrivateKeyInfo
        do {
            info = try EncryptedPrivateKeyInfo(derEncoded: try DER.parse(der))
        } catch {
            throw malformed("not an EncryptedPrivateKeyInfo")
        }
        let scheme = info.encryptionAlgorithm.algorithm
        guard scheme == pbes2 else {
            throw CryptoError.invalidKey(
                reason: "the key is encrypted with \(scheme), not PBES2; re-encrypt it with "
                    + "`openssl pkcs8 -topk8 -v2 aes-256-cbc -v2prf hmacWithSHA256`"
            )
        }
        let parameters: PBES2Parameters
        do {
            guard let bytes = info.encryptionAlgorithm.parameters else {
                throw malformed(notPBKDF2AndCipher)
            }
            parameters = try PBES2Parameters(derEncoded: try DER.parse(bytes))
        } catch let error as CryptoError {
            throw error
        } catch {
            throw malformed(notPBKDF2AndCipher)
        }
        let derivation = parameters.keyDerivation
        guard derivation.iterationCount >= 1, derivation.iterationCount <= maximumIterations else {
            throw malformed("PBKDF2 iteration count \(derivation.iterationCount) is outside 1…\(maximumIterations)")
        }
        let cipher = parameters.encryptionScheme.algorithm
        guard let keyByteCount = ContentCipher.keyByteCount(cipher), cipher != ContentCipher.sm4ECB else {
            throw CryptoError.invalidKey(
                reason: "the key is encrypted with \(cipher); Sealbridge reads AES-CBC and SM4-CBC"
            )
        }
        if let declared = derivation.keyLength, declared != keyByteCount {
            throw malformed("PBKDF2 key length \(declared) does not fit the cipher")
        }
        guard let ivBytes = parameters.encryptionScheme.parameters,
            let ivNode = try? DER.parse(ivBytes), ivNode.identifier == ASN1Identifier.octetString,
            case .primitive(let iv) = ivNode.content, iv.count == 16
        else { throw malformed("the cipher's IV is not 16 bytes") }
        guard !info.encryptedData.isEmpty, info.encryptedData.count % 16 == 0 else {
            throw malformed("the ciphertext is not whole 16-byte blocks")
        }
        return Parsed(
            salt: derivation.salt,
            iterations: derivation.iterationCount,
            prf: derivation.prf,
            cipher: parameters.encryptionScheme,
            keyByteCount: keyByteCount,
            ciphertext: info.encryptedData
        )
    }

    /// PBKDF2 (RFC 8018 §5.2).
    private static func deriveKey(
        passphrase: [UInt8],
        salt: [UInt8],
        iterations: Int,
        prf: ASN1ObjectIdentifier,
        byteCount: Int
    ) throws -> [UInt8] {
        let function: KDF.Insecure.PBKDF2.HashFunction
        switch prf {
        case hmacWithSHA1: function = .insecureSHA1
        case hmacWithSHA256: function = .sha256
        case hmacWithSHA384: function = .sha384
        case hmacWithSHA512: function = .sha512
        case hmacWithSM3:
            return pbkdf2SM3(passphrase: passphrase, salt: salt, iterations: iterations, byteCount: byteCount)
        default:
            throw CryptoError.invalidKey(
                reason: "the key's PBKDF2 uses \(prf); Sealbridge reads HMAC-SHA-* and HMAC-SM3"
            )
        }
        let key = try KDF.Insecure.PBKDF2.deriveKey(
            from: passphrase,
            salt: salt,
            using: function,
            outputByteCount: byteCount,
            unsafeUncheckedRounds: iterations
        )
        return key.withUnsafeBytes { Array($0) }
    }

    /// PBKDF2 with HMAC-SM3, which swift-crypto does not have.
    private static func pbkdf2SM3(passphrase: [UInt8], salt: [UInt8], iterations: Int, byteCount: Int) -> [UInt8] {
        var output = [UInt8]()
        var block: UInt32 = 1
        let keyed = HMACSM3(key: passphrase)
        while output.count < byteCount {
            var mac = keyed
            mac.update(salt + withUnsafeBytes(of: block.bigEndian) { Array($0) })
            var u = mac.finalize()
            var t = u
            for _ in 1..<max(1, iterations) {
                var next = keyed
                next.update(u)
                u = next.finalize()
                for index in t.indices { t[index] ^= u[index] }
            }
            output += t
            block += 1
        }
        return Array(output.prefix(byteCount))
    }
}

extension PrivateKey {
    /// Reads a key that may be encrypted: PEM `ENCRYPTED PRIVATE KEY` or DER `EncryptedPrivateKeyInfo` (PBES2)
    /// with `passphrase`, or any unencrypted form ``init(pemOrDER:)`` reads when `passphrase` is nil.
    ///
    /// - Throws: `CryptoError.invalidKey` for a wrong passphrase, an unsupported scheme, or an encrypted key
    ///   without a passphrase.
    public init(pemOrDER bytes: [UInt8], passphrase: [UInt8]?) throws {
        guard bytes.count <= PEMReader.maximumKeyFileByteCount else {
            throw CryptoError.invalidKey(reason: "the key file is over 1 MiB; it is not a key")
        }
        guard let encryptedDER = Self.encryptedDER(in: bytes) else {
            try self.init(pemOrDER: bytes)
            return
        }
        guard let passphrase else {
            throw CryptoError.invalidKey(reason: "the key is encrypted; give its passphrase")
        }
        var plain = try EncryptedPrivateKey.decrypt(encryptedDER, passphrase: passphrase)
        defer { for index in plain.indices { plain[index] = 0 } }
        try self.init(derRepresentation: plain)
    }

    /// The key as PEM `ENCRYPTED PRIVATE KEY` (PBES2): PBKDF2-HMAC-SHA-256 with AES-256-CBC, which OpenSSL reads,
    /// or PBKDF2-HMAC-SM3 with SM4-CBC (`national`), which GmSSL and Tongsuo read.
    ///
    /// - Throws: `CryptoError` when encryption fails.
    public func encryptedPEMRepresentation(
        passphrase: [UInt8],
        iterations: Int = 200_000,
        national: Bool = false
    ) throws -> String {
        let der = try EncryptedPrivateKey.encrypt(
            derRepresentation,
            passphrase: passphrase,
            iterations: iterations,
            national: national
        )
        return PEMDocument(type: "ENCRYPTED PRIVATE KEY", derBytes: der).pemString
    }

    /// Whether `bytes` hold an encrypted key (PEM `ENCRYPTED PRIVATE KEY` or a DER EncryptedPrivateKeyInfo), without
    /// decrypting it.
    public static func isEncrypted(_ bytes: [UInt8]) -> Bool {
        encryptedDER(in: bytes) != nil
    }

    /// The EncryptedPrivateKeyInfo DER in PEM or DER `bytes`, or nil when they hold no encrypted key.
    private static func encryptedDER(in bytes: [UInt8]) -> [UInt8]? {
        if PEMReader.looksLikePEM(bytes) {
            let documents = try? PEMText.documents(bytes)
            return documents?.first(where: { $0.discriminator == "ENCRYPTED PRIVATE KEY" })?.derBytes
        }
        return looksEncrypted(bytes) ? bytes : nil
    }

    /// Whether DER `bytes` start like an EncryptedPrivateKeyInfo (a SEQUENCE whose first element is an
    /// AlgorithmIdentifier naming PBES2).
    private static func looksEncrypted(_ bytes: [UInt8]) -> Bool {
        guard let root = try? DER.parse(bytes), case .constructed(let children) = root.content,
            let first = Array(children).first, case .constructed(let algorithm) = first.content,
            let oidNode = Array(algorithm).first, let oid = try? ASN1ObjectIdentifier(derEncoded: oidNode)
        else { return false }
        return oid == EncryptedPrivateKey.pbes2
    }
}
