/// An error from SealbridgeSM.
///
/// Switch on `code`; show `reason`, which says what went wrong and what to do about it. `==` compares `code` only,
/// as swift-asn1's `ASN1Error` does.
public struct SMError: Error, Hashable, CustomStringConvertible, Sendable {
    /// What kind of failure this is.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String

        private init(_ name: String) {
            self.name = name
        }

        /// A key's bytes are malformed, of the wrong length, off the curve or out of range.
        public static let invalidKey = Code("invalidKey")
        /// A signature's encoding is malformed (not DER `SEQUENCE { r, s }`, or not 64 raw bytes).
        public static let invalidSignatureEncoding = Code("invalidSignatureEncoding")
        /// An SM2 ciphertext is malformed, or its hash check failed on decryption.
        public static let invalidCiphertext = Code("invalidCiphertext")
        /// A symmetric key, IV or nonce has the wrong length.
        public static let invalidParameter = Code("invalidParameter")
        /// Padding or an authentication tag did not check out on decryption.
        public static let authenticationFailure = Code("authenticationFailure")
        /// A PEM or DER container could not be read.
        public static let invalidEncoding = Code("invalidEncoding")
        /// The system random number generator failed.
        public static let randomFailure = Code("randomFailure")

        /// The code's name, e.g. `invalidKey`.
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

    /// A key's bytes are malformed, of the wrong length, off the curve or out of range.
    public static func invalidKey(reason: String, file: String = #fileID, line: UInt = #line) -> SMError {
        SMError(code: .invalidKey, reason: reason, file: file, line: line)
    }

    /// A signature's encoding is malformed.
    public static func invalidSignatureEncoding(reason: String, file: String = #fileID, line: UInt = #line) -> SMError {
        SMError(code: .invalidSignatureEncoding, reason: reason, file: file, line: line)
    }

    /// An SM2 ciphertext is malformed or failed its check.
    public static func invalidCiphertext(reason: String, file: String = #fileID, line: UInt = #line) -> SMError {
        SMError(code: .invalidCiphertext, reason: reason, file: file, line: line)
    }

    /// A symmetric key, IV or nonce has the wrong length or value.
    public static func invalidParameter(reason: String, file: String = #fileID, line: UInt = #line) -> SMError {
        SMError(code: .invalidParameter, reason: reason, file: file, line: line)
    }

    /// Padding or a tag did not check out.
    public static func authenticationFailure(reason: String, file: String = #fileID, line: UInt = #line) -> SMError {
        SMError(code: .authenticationFailure, reason: reason, file: file, line: line)
    }

    /// A PEM or DER container could not be read.
    public static func invalidEncoding(reason: String, file: String = #fileID, line: UInt = #line) -> SMError {
        SMError(code: .invalidEncoding, reason: reason, file: file, line: line)
    }

    /// The system random number generator failed.
    public static func randomFailure(reason: String, file: String = #fileID, line: UInt = #line) -> SMError {
        SMError(code: .randomFailure, reason: reason, file: file, line: line)
    }

    /// `code: reason`.
    public var description: String { "SMError.\(code): \(reason)" }

    /// Compares `code` only.
    public static func == (lhs: SMError, rhs: SMError) -> Bool { lhs.code == rhs.code }

    /// Hashes `code` only, consistent with `==`.
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
