/// An error from SealbridgeX509.
///
/// Switch on `code`; show `reason`, which says what went wrong and what to do. `==` compares `code` only.
public struct X509Error: Error, Hashable, CustomStringConvertible, Sendable {
    /// What kind of failure this is.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String

        private init(_ name: String) {
            self.name = name
        }

        /// The bytes are not a well-formed DER object of the expected type.
        public static let malformedDER = Code("malformedDER")
        /// A PEM block could not be read, or held no object of the expected type.
        public static let invalidPEM = Code("invalidPEM")
        /// A field holds a value the standard forbids (e.g. a version out of range).
        public static let invalidValue = Code("invalidValue")
        /// The input exceeds a size limit set to bound the work hostile input can cause.
        public static let tooLarge = Code("tooLarge")

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

    /// The bytes are not well-formed DER of the expected type.
    public static func malformedDER(reason: String, file: String = #fileID, line: UInt = #line) -> X509Error {
        X509Error(code: .malformedDER, reason: reason, file: file, line: line)
    }

    /// A PEM block could not be read.
    public static func invalidPEM(reason: String, file: String = #fileID, line: UInt = #line) -> X509Error {
        X509Error(code: .invalidPEM, reason: reason, file: file, line: line)
    }

    /// A field holds a forbidden value.
    public static func invalidValue(reason: String, file: String = #fileID, line: UInt = #line) -> X509Error {
        X509Error(code: .invalidValue, reason: reason, file: file, line: line)
    }

    /// The input exceeds a size limit.
    public static func tooLarge(reason: String, file: String = #fileID, line: UInt = #line) -> X509Error {
        X509Error(code: .tooLarge, reason: reason, file: file, line: line)
    }

    /// `code: reason`.
    public var description: String { "X509Error.\(code): \(reason)" }

    /// Compares `code` only.
    public static func == (lhs: X509Error, rhs: X509Error) -> Bool { lhs.code == rhs.code }

    /// Hashes `code` only, consistent with `==`.
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
