public import SealbridgeCrypto

/// One `Reference` of a `Signature.xml` checked against the package: the file's digest by `CheckMethod` compared
/// with `CheckValue` (GB/T 33190-2016 §18.2.2; GB/T 38540-2020 §7.3 step "验证原文完整性").
public struct OFDReferenceCheck: Sendable, Hashable {
    /// How a protected part checked out.
    public enum Outcome: Sendable, Hashable {
        /// The file's digest equals its `CheckValue`.
        case matched
        /// The file was changed after signing.
        case mismatched
        /// The signature protects a file the package no longer has.
        case missing
        /// The `CheckValue` is not base64, or the file could not be inflated.
        case unreadable(String)
    }

    /// The absolute location in the package.
    public let location: String
    /// How it checked out.
    public let outcome: Outcome
    /// The part's size and SHA-256, for the report's list of what was checked (nil when it was not read).
    public var size: Int?
    /// The part's SHA-256, for the report.
    public var sha256: [UInt8]?

    /// Checks every reference of `description` with the package's parts, for one signature alone.
    public static func check(
        _ description: OFDSignatureDescription,
        in document: OFDDocument,
        function: HashFunction
    ) -> [OFDReferenceCheck] {
        var digests = OFDPartDigests()
        return check(description, in: document, function: function, digests: &digests)
    }

    /// Checks every reference of `description` with the package's parts; `digests` keeps what was read, so that
    /// a part several signatures protect is inflated and hashed once per document.
    public static func check(
        _ description: OFDSignatureDescription,
        in document: OFDDocument,
        function: HashFunction,
        digests: inout OFDPartDigests
    ) -> [OFDReferenceCheck] {
        description.references.map { reference in
            guard let expected = reference.checkValue else {
                return OFDReferenceCheck(location: reference.location, outcome: .unreadable("CheckValue is not base64"))
            }
            switch digests.digest(of: reference.location, with: function, in: document) {
            case .failure(let error):
                return OFDReferenceCheck(location: reference.location, outcome: .unreadable("\(error)"))
            case .success(nil):
                return OFDReferenceCheck(location: reference.location, outcome: .missing)
            case .success(let part?):
                return OFDReferenceCheck(
                    location: reference.location,
                    outcome: part.digest == expected ? .matched : .mismatched,
                    size: part.size,
                    sha256: part.sha256
                )
            }
        }
    }
}

/// The digests of a package's parts, computed once per part and hash (the SHA-256 for the report with the first).
public struct OFDPartDigests: Sendable {
    /// One part as read.
    public struct Part: Sendable {
        /// The part's size.
        public let size: Int
        /// Its SHA-256.
        public let sha256: [UInt8]
        /// Its digest by the hash asked for.
        public let digest: [UInt8]
    }

    private var known: [String: Result<Part?, OFDError>] = [:]
    private var byFunction: [String: [HashFunction: [UInt8]]] = [:]

    /// An empty cache.
    public init() {}

    /// The part at `location` hashed with `function`: nil when the package has no such part.
    mutating func digest(
        of location: String,
        with function: HashFunction,
        in document: OFDDocument
    ) -> Result<Part?, OFDError> {
        if let previous = known[location] {
            guard case .success(let part?) = previous else { return previous }
            if let digest = byFunction[location]?[function] {
                return .success(Part(size: part.size, sha256: part.sha256, digest: digest))
            }
        }
        // A second hash of one part (two signatures with different CheckMethods) reads it again: rare, and the
        // part's bytes are not kept.
        let read: [UInt8]?
        do { read = try document.part(location) } catch {
            known[location] = .failure(error)
            return .failure(error)
        }
        guard let read else {
            known[location] = .success(nil)
            return .success(nil)
        }
        let sha256 = (try? known[location]?.get())??.sha256 ?? HashFunction.sha256.digest(read)
        let digest = function == .sha256 ? sha256 : function.digest(read)
        byFunction[location, default: [:]][function] = digest
        let part = Part(size: read.count, sha256: sha256, digest: digest)
        known[location] = .success(part)
        return .success(part)
    }
}
