/// An error from SealbridgeCrypto.
///
/// Switch on `code`; show `reason`, which says what went wrong and what to do. `==` compares `code` only.
public struct CryptoError: Error, Hashable, CustomStringConvertible, Sendable {
    /// What kind of failure this is.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String

        private init(_ name: String) {
            self.name = name
        }

        /// The bytes are not a key this library can read (bad PEM/DER, unknown algorithm or curve).
        public static let invalidKey = Code("invalidKey")
        /// The key's algorithm does not fit the requested operation or signature algorithm.
        public static let unsupportedAlgorithm = Code("unsupportedAlgorithm")
        /// A signature could not be made.
        public static let signingFailed = Code("signingFailed")
        /// A signature's bytes are malformed for its algorithm.
        public static let invalidSignatureEncoding = Code("invalidSignatureEncoding")
        /// Encrypted data could not be decrypted (wrong key, damaged data, unsupported parameters).
        public static let decryptionFailed = Code("decryptionFailed")

        /// The code's name.
        public var description: String { name }
    }

    /// What kind of failure this is; switch on it.
    public let code: Code
    /// What went wrong, in words that tell the user what to do.
    public let reason: String
    /// Where the error was thrown (`#fileID`).
    public let file: String
    /// The line where the error was thrown.
    public let line: UInt

    /// Makes an error; prefer the static factories.
    public init(code: Code, reason: String, file: String = #fileID, line: UInt = #line) {
        self.code = code
        self.reason = reason
        self.file = file
        self.line = line
    }

    /// The bytes are not a key this library can read.
    public static func invalidKey(reason: String, file: String = #fileID, line: UInt = #line) -> CryptoError {
        CryptoError(code: .invalidKey, reason: reason, file: file, line: line)
    }

    /// The key's algorithm does not fit the operation.
    public static func unsupportedAlgorithm(reason: String, file: String = #fileID, line: UInt = #line) -> CryptoError {
        CryptoError(code: .unsupportedAlgorithm, reason: reason, file: file, line: line)
    }

    /// A signature could not be made.
    public static func signingFailed(reason: String, file: String = #fileID, line: UInt = #line) -> CryptoError {
        CryptoError(code: .signingFailed, reason: reason, file: file, line: line)
    }

    /// A signature's bytes are malformed.
    public static func invalidSignatureEncoding(
        reason: String,
        file: String = #fileID,
        line: UInt = #line
    ) -> CryptoError {
        CryptoError(code: .invalidSignatureEncoding, reason: reason, file: file, line: line)
    }

    /// Encrypted data could not be decrypted.
    public static func decryptionFailed(reason: String, file: String = #fileID, line: UInt = #line) -> CryptoError {
        CryptoError(code: .decryptionFailed, reason: reason, file: file, line: line)
    }

    /// `code: reason`.
    public var description: String { "CryptoError.\(code): \(reason)" }

    /// Compares `code` only.
    public static func == (lhs: CryptoError, rhs: CryptoError) -> Bool { lhs.code == rhs.code }

    /// Hashes `code` only, consistent with `==`.
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
