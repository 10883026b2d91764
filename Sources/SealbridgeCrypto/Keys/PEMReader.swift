import SwiftASN1

/// PEM helpers shared by the key readers.
enum PEMReader {
    /// The most bytes a key file may have; larger input is refused before parsing.
    static let maximumKeyFileByteCount = 1 << 20

    /// Whether `bytes` look like PEM text (optionally after whitespace).
    static func looksLikePEM(_ bytes: [UInt8]) -> Bool { PEMText.looksLikePEM(bytes) }

    /// The DER of a key file that is DER, or bare base64 of DER.
    static func der(_ bytes: [UInt8]) -> [UInt8] { PEMText.bareBase64DER(bytes) ?? bytes }

    /// The first PEM block of an allowed type in `pem`.
    static func document(_ pem: String, allowed: [String]) throws -> PEMDocument {
        guard pem.utf8.count <= maximumKeyFileByteCount else {
            throw CryptoError.invalidKey(reason: "the key file is over 1 MiB; it is not a key")
        }
        let documents: [PEMDocument]
        do {
            documents = try PEMText.documents(pem.utf8)
        } catch {
            throw CryptoError.invalidKey(reason: "not valid PEM: \(error); check the BEGIN/END lines and base64 body")
        }
        if let encrypted = documents.first(where: { $0.discriminator == "ENCRYPTED PRIVATE KEY" }),
            allowed.contains("PRIVATE KEY")
        {
            _ = encrypted
            throw CryptoError.invalidKey(
                reason: "the key is encrypted (ENCRYPTED PRIVATE KEY); decrypt it first, e.g. "
                    + "`openssl pkcs8 -in KEY -out PLAIN.pem`"
            )
        }
        guard let document = documents.first(where: { allowed.contains($0.discriminator) }) else {
            let found = documents.map(\.discriminator).joined(separator: ", ")
            throw CryptoError.invalidKey(
                reason:
                    "no \(allowed.joined(separator: " or ")) block in the PEM (found: \(found.isEmpty ? "none" : found))"
            )
        }
        return document
    }
}
