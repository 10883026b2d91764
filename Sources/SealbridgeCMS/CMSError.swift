import SealbridgeX509

/// An error reading, writing or making CMS and RFC 3161 structures. The reason says what was wrong and, where it
/// can, what to do about it.
public struct CMSError: Error, Hashable, CustomStringConvertible, Sendable {
    /// The kind of failure, stable across releases.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        let name: String
        init(_ name: String) { self.name = name }

        /// The bytes are not valid BER/DER, or not the structure expected.
        public static let malformed = Code("malformed")
        /// The input is larger, deeper or has more elements than the parser accepts.
        public static let tooLarge = Code("tooLarge")
        /// A value is well-formed but not allowed (wrong version, wrong content type, bad parameters).
        public static let invalidValue = Code("invalidValue")
        /// An algorithm or form Sealbridge does not implement.
        public static let unsupported = Code("unsupported")
        /// Making a signature or a token failed (key and certificate do not match, backend error).
        public static let signingFailed = Code("signingFailed")
        /// A time-stamp authority refused or could not be reached.
        public static let timeStampFailed = Code("timeStampFailed")
        /// The serial-number store could not reserve a serial.
        public static let storageFailed = Code("storageFailed")

        /// The code's name.
        public var description: String { name }
    }

    /// What kind of failure.
    public let code: Code
    /// What was wrong, in words for the user.
    public let reason: String

    /// Makes an error.
    public init(code: Code, reason: String) {
        self.code = code
        self.reason = reason
    }

    static func malformed(_ reason: String) -> CMSError { CMSError(code: .malformed, reason: reason) }
    static func tooLarge(_ reason: String) -> CMSError { CMSError(code: .tooLarge, reason: reason) }
    static func invalidValue(_ reason: String) -> CMSError { CMSError(code: .invalidValue, reason: reason) }
    static func unsupported(_ reason: String) -> CMSError { CMSError(code: .unsupported, reason: reason) }

    /// Runs a reader: `CMSError`s pass through, anything else (swift-asn1's errors) becomes `.malformed`,
    /// saying that `what` cannot be read and why, in words (`userFacingDescription(of:)`).
    static func reading<T>(_ what: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as CMSError {
            throw error
        } catch {
            throw CMSError.malformed("\(what) cannot be read: \(userFacingDescription(of: error))")
        }
    }

    /// `CMSError.<code>: <reason>`.
    public var description: String { "CMSError.\(code): \(reason)" }
}
