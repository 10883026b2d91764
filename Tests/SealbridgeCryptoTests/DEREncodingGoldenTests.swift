import Foundation
import Testing

@testable import SealbridgeCrypto

/// The PKCS #8 encryption structures (RFC 5958 EncryptedPrivateKeyInfo with RFC 8018 PBES2/PBKDF2 parameters) made
/// with a fixed salt and IV, compared byte for byte with `Tests/Vectors/golden/der/NAME.der` (see the CMS tests'
/// DEREncodingGoldenTests for the rest and for SEALBRIDGE_UPDATE_GOLDEN).
@Suite struct PrivateKeyEncryptionGoldenTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Vectors/golden/der")

    @Test(arguments: [false, true])
    func encryptedPrivateKeyInfo(_ national: Bool) throws {
        let info = Array("a PrivateKeyInfo stands here".utf8)
        let bytes = try EncryptedPrivateKey.encrypt(
            info,
            passphrase: Array("golden".utf8),
            iterations: 2048,
            national: national,
            salt: Array(0..<16),
            iv: Array(16..<32)
        )
        let url = Self.folder.appendingPathComponent(national ? "pkcs8-pbes2-sm4.der" : "pkcs8-pbes2-aes.der")
        if ProcessInfo.processInfo.environment["SEALBRIDGE_UPDATE_GOLDEN"] == "1" {
            try Data(bytes).write(to: url)
        }
        #expect(bytes == Array(try Data(contentsOf: url)))
    }
}
