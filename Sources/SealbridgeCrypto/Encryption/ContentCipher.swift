import Crypto
import SealbridgeSM
public import SwiftASN1
import _CryptoExtras

/// The block ciphers CMS and PKCS #8 encrypt content with, by `AlgorithmIdentifier`: AES-128/192/256-CBC
/// (RFC 3565) and SM4 (GB/T 32907; GB/T 35275 and GM/T 0010 name it `1.2.156.10197.1.104`, CBC with an IV
/// parameter or ECB without one, or `.104.1`/`.104.2` for ECB/CBC), each with PKCS #7 padding.
public enum ContentCipher {
    /// AES-128-CBC, `2.16.840.1.101.3.4.1.2`.
    public static let aes128CBC: ASN1ObjectIdentifier = [2, 16, 840, 1, 101, 3, 4, 1, 2]
    /// AES-192-CBC, `2.16.840.1.101.3.4.1.22`.
    public static let aes192CBC: ASN1ObjectIdentifier = [2, 16, 840, 1, 101, 3, 4, 1, 22]
    /// AES-256-CBC, `2.16.840.1.101.3.4.1.42`.
    public static let aes256CBC: ASN1ObjectIdentifier = [2, 16, 840, 1, 101, 3, 4, 1, 42]
    /// SM4 as GB/T 35275 names it: CBC when the parameters are an IV, ECB when absent.
    public static let sm4: ASN1ObjectIdentifier = [1, 2, 156, 10197, 1, 104]
    /// SM4-ECB, `1.2.156.10197.1.104.1`.
    public static let sm4ECB: ASN1ObjectIdentifier = [1, 2, 156, 10197, 1, 104, 1]
    /// SM4-CBC, `1.2.156.10197.1.104.2`.
    public static let sm4CBC: ASN1ObjectIdentifier = [1, 2, 156, 10197, 1, 104, 2]

    /// The key length `algorithm` takes, in bytes; `nil` for a cipher not listed here.
    public static func keyByteCount(_ algorithm: ASN1ObjectIdentifier) -> Int? {
        switch algorithm {
        case aes128CBC, sm4, sm4ECB, sm4CBC: return 16
        case aes192CBC: return 24
        case aes256CBC: return 32
        default: return nil
        }
    }

    /// Decrypts `ciphertext` with `key` under `algorithm` and removes the PKCS #7 padding.
    ///
    /// - Parameters:
    ///   - ciphertext: The encrypted content.
    ///   - algorithm: The content-encryption algorithm with its parameters (the IV).
    ///   - key: The content-encryption key.
    ///   - allowingUnpaddedECB: SM4-ECB content that is whole blocks without padding (GM/T 0016 key envelopes,
    ///     as the gmcert.org service writes them) is returned as it decrypts when its padding does not check —
    ///     the only case where the plaintext is as long as the ciphertext. ECB without padding cannot tell a
    ///     wrong key: only a signature over the content can.
    /// - Returns: The plaintext.
    /// - Throws: `CryptoError.unsupportedAlgorithm` for another cipher; `CryptoError.decryptionFailed` for a key
    ///   of the wrong length, a missing or malformed IV, or bad padding (a wrong key or damaged data).
    public static func decrypt(
        _ ciphertext: [UInt8],
        algorithm: AlgorithmIdentifier,
        key: [UInt8],
        allowingUnpaddedECB: Bool = false
    ) throws -> [UInt8] {
        guard let length = keyByteCount(algorithm.algorithm) else {
            throw CryptoError.unsupportedAlgorithm(
                reason: "content encrypted with \(algorithm.algorithm) cannot be decrypted here (AES-CBC and SM4 can)"
            )
        }
        guard key.count == length else {
            throw CryptoError.decryptionFailed(
                reason: "the content-encryption key has \(key.count) bytes; the cipher needs \(length)"
            )
        }
        let iv = try initialisationVector(algorithm)
        do {
            switch (algorithm.algorithm, iv) {
            case (sm4ECB, _), (sm4, nil):
                let blocks = try SM4(key: key).decrypt(ciphertext)
                guard allowingUnpaddedECB else { return try withoutPadding(blocks) }
                return (try? withoutPadding(blocks)) ?? blocks
            case (sm4, let iv?), (sm4CBC, let iv?):
                return try SM4.CBC.decrypt(ciphertext, key: key, iv: iv)
            case (_, let iv?):
                return Array(try AES._CBC.decrypt(ciphertext, using: SymmetricKey(data: key), iv: .init(ivBytes: iv)))
            default:
                throw CryptoError.decryptionFailed(reason: "the CBC cipher has no IV in its parameters")
            }
        } catch let error as CryptoError {
            throw error
        } catch {
            throw CryptoError.decryptionFailed(
                reason: "the content does not decrypt (bad padding or length): the key is wrong or the data damaged"
            )
        }
    }

    /// The IV an `AlgorithmIdentifier` carries as its OCTET STRING parameter, or `nil` when it has none.
    private static func initialisationVector(_ algorithm: AlgorithmIdentifier) throws -> [UInt8]? {
        guard let parameters = algorithm.parameters, parameters != [0x05, 0x00] else { return nil }
        guard let node = try? DER.parse(parameters), node.identifier == .octetString,
            case .primitive(let bytes) = node.content, bytes.count == 16
        else {
            throw CryptoError.decryptionFailed(reason: "the cipher's parameters are not a 16-byte IV")
        }
        return Array(bytes)
    }

    /// Encrypts `plaintext` with AES-CBC or SM4-CBC (`cipher`) under `key` and `iv`, with PKCS #7 padding: what
    /// a PKCS #8 `EncryptedPrivateKeyInfo` is written with.
    ///
    /// - Throws: `CryptoError.unsupportedAlgorithm` for another cipher, or when the key or IV length is wrong.
    static func encryptCBC(
        _ plaintext: [UInt8],
        cipher: ASN1ObjectIdentifier,
        key: [UInt8],
        iv: [UInt8]
    ) throws -> [UInt8] {
        guard keyByteCount(cipher) == key.count, iv.count == 16, cipher != sm4, cipher != sm4ECB else {
            throw CryptoError.unsupportedAlgorithm(
                reason: "\(cipher) with a \(key.count)-byte key is not a CBC cipher here"
            )
        }
        if cipher == sm4CBC { return try SM4.CBC.encrypt(plaintext, key: key, iv: iv) }
        return Array(try AES._CBC.encrypt(plaintext, using: SymmetricKey(data: key), iv: .init(ivBytes: iv)))
    }

    /// ECB output without its PKCS #7 padding (RFC 5652 §6.3).
    private static func withoutPadding(_ blocks: [UInt8]) throws -> [UInt8] {
        guard let last = blocks.last, (1...16).contains(last), Int(last) <= blocks.count,
            blocks.suffix(Int(last)).allSatisfy({ $0 == last })
        else {
            throw CryptoError.decryptionFailed(
                reason: "the content does not decrypt (bad padding): the key is wrong or the data damaged"
            )
        }
        return Array(blocks.dropLast(Int(last)))
    }
}

extension PrivateKey {
    /// Recovers a content-encryption key sent to this key's owner (a CMS / PKCS #7 key-transport recipient,
    /// RFC 5652 §6.2.1, GB/T 35275 §8): SM2 encryption (`1.2.156.10197.1.301.3`, GM/T 0009 DER `SM2Cipher` or
    /// `C1‖C3‖C2`), RSAES-PKCS1-v1_5 (`rsaEncryption`) or RSAES-OAEP with SHA-1 (`1.2.840.113549.1.1.7`).
    ///
    /// PKCS #1 v1.5 decryption is a padding oracle when its failures can be observed by others (Bleichenbacher):
    /// use it to open files one holds, never behind a service that answers strangers.
    ///
    /// - Throws: `CryptoError.unsupportedAlgorithm` when the algorithm does not fit this key;
    ///   `CryptoError.decryptionFailed` when the encrypted key does not decrypt with it.
    public func insecureDecryptContentEncryptionKey(
        _ encryptedKey: [UInt8],
        algorithm: ASN1ObjectIdentifier
    ) throws -> [UInt8] {
        let sm2Encryption: Set<ASN1ObjectIdentifier> = [[1, 2, 156, 10197, 1, 301, 3], [1, 2, 156, 10197, 1, 301]]
        let rsaEncryption: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 1, 1]
        let rsaOAEP: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 1, 7]
        switch backing {
        case .sm2(let key) where sm2Encryption.contains(algorithm):
            let ciphertext: SM2Ciphertext
            if let der = try? SM2Ciphertext(derEncoded: encryptedKey) {
                ciphertext = der
            } else if let raw = try? SM2Ciphertext(c1c3c2: encryptedKey) {
                ciphertext = raw
            } else {
                throw CryptoError.decryptionFailed(reason: "the encrypted key is not an SM2 ciphertext")
            }
            do {
                return try key.decrypt(ciphertext)
            } catch {
                throw CryptoError.decryptionFailed(reason: "the encrypted key was not made for this SM2 key")
            }
        case .rsa(let key) where algorithm == rsaEncryption || algorithm == rsaOAEP:
            do {
                let decrypting = try _RSA.Encryption.PrivateKey(derRepresentation: key.derRepresentation)
                let padding: _RSA.Encryption.Padding =
                    algorithm == rsaOAEP ? .PKCS1_OAEP : ._WEAK_AND_INSECURE_PKCS_V1_5
                return Array(try decrypting.decrypt(encryptedKey, padding: padding))
            } catch {
                throw CryptoError.decryptionFailed(reason: "the encrypted key was not made for this RSA key")
            }
        default:
            throw CryptoError.unsupportedAlgorithm(
                reason: "a \(self.algorithm) key cannot recover a key encrypted with \(algorithm)"
            )
        }
    }
}
