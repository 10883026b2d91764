import Crypto
import SealbridgeSM
public import SwiftASN1

/// A message digest algorithm that signatures are made over.
public enum HashFunction: String, Hashable, Sendable, CaseIterable {
    /// SM3 (GB/T 32905).
    case sm3
    /// SHA-1. Broken for collision resistance: accepted only where a policy says so (legacy signatures).
    case insecureSHA1 = "sha1"
    /// SHA-256.
    case sha256
    /// SHA-384.
    case sha384
    /// SHA-512.
    case sha512
    /// SHA3-256 (FIPS 202).
    case sha3_256 = "sha3-256"
    /// SHA3-384 (FIPS 202).
    case sha3_384 = "sha3-384"
    /// SHA3-512 (FIPS 202).
    case sha3_512 = "sha3-512"

    /// The digest length in bytes.
    public var byteCount: Int {
        switch self {
        case .sm3, .sha256, .sha3_256: return 32
        case .insecureSHA1: return 20
        case .sha384, .sha3_384: return 48
        case .sha512, .sha3_512: return 64
        }
    }

    /// The algorithm's OID as `AlgorithmIdentifier`s name it (RFC 5754 §2, NIST CSOR for SHA-3, GB/T 35276 for
    /// SM3).
    public var oid: ASN1ObjectIdentifier {
        switch self {
        case .sm3: return [1, 2, 156, 10197, 1, 401]
        case .insecureSHA1: return [1, 3, 14, 3, 2, 26]
        case .sha256: return [2, 16, 840, 1, 101, 3, 4, 2, 1]
        case .sha384: return [2, 16, 840, 1, 101, 3, 4, 2, 2]
        case .sha512: return [2, 16, 840, 1, 101, 3, 4, 2, 3]
        case .sha3_256: return [2, 16, 840, 1, 101, 3, 4, 2, 8]
        case .sha3_384: return [2, 16, 840, 1, 101, 3, 4, 2, 9]
        case .sha3_512: return [2, 16, 840, 1, 101, 3, 4, 2, 10]
        }
    }

    /// The hash an OID names; `nil` when it is not one of these.
    public init?(oid: ASN1ObjectIdentifier) {
        guard let match = HashFunction.allCases.first(where: { $0.oid == oid }) else { return nil }
        self = match
    }

    /// The digest of `bytes`.
    public func digest(_ bytes: [UInt8]) -> [UInt8] {
        var hasher = StreamingHasher(self)
        hasher.update(bytes)
        return hasher.finalize()
    }
}

/// An incremental hasher for any ``HashFunction``, for large inputs read in pieces.
public struct StreamingHasher: Sendable {
    private enum Backing: Sendable {
        case sm3(SM3)
        case sha1(Insecure.SHA1)
        case sha256(SHA256)
        case sha384(SHA384)
        case sha512(SHA512)
        case sha3_256(SHA3_256)
        case sha3_384(SHA3_384)
        case sha3_512(SHA3_512)
    }

    private var backing: Backing

    /// Starts hashing with `function`.
    public init(_ function: HashFunction) {
        switch function {
        case .sm3: backing = .sm3(SM3())
        case .insecureSHA1: backing = .sha1(Insecure.SHA1())
        case .sha256: backing = .sha256(SHA256())
        case .sha384: backing = .sha384(SHA384())
        case .sha512: backing = .sha512(SHA512())
        case .sha3_256: backing = .sha3_256(SHA3_256())
        case .sha3_384: backing = .sha3_384(SHA3_384())
        case .sha3_512: backing = .sha3_512(SHA3_512())
        }
    }

    /// Adds the bytes of `buffer`.
    public mutating func update(_ buffer: UnsafeRawBufferPointer) {
        switch backing {
        case .sm3(var hasher):
            hasher.update(buffer)
            backing = .sm3(hasher)
        case .sha1(var hasher):
            hasher.update(bufferPointer: buffer)
            backing = .sha1(hasher)
        case .sha256(var hasher):
            hasher.update(bufferPointer: buffer)
            backing = .sha256(hasher)
        case .sha384(var hasher):
            hasher.update(bufferPointer: buffer)
            backing = .sha384(hasher)
        case .sha512(var hasher):
            hasher.update(bufferPointer: buffer)
            backing = .sha512(hasher)
        case .sha3_256(var hasher):
            hasher.update(bufferPointer: buffer)
            backing = .sha3_256(hasher)
        case .sha3_384(var hasher):
            hasher.update(bufferPointer: buffer)
            backing = .sha3_384(hasher)
        case .sha3_512(var hasher):
            hasher.update(bufferPointer: buffer)
            backing = .sha3_512(hasher)
        }
    }

    /// Adds `bytes`.
    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// The digest of everything added, keeping swift-crypto's typed digest for the backends that need it.
    public func finalizeDigest() -> ComputedDigest {
        switch backing {
        case .sm3(let hasher): return ComputedDigest(function: .sm3, backing: .raw(hasher.finalize()))
        case .sha1(let hasher): return ComputedDigest(function: .insecureSHA1, backing: .sha1(hasher.finalize()))
        case .sha256(let hasher): return ComputedDigest(function: .sha256, backing: .sha256(hasher.finalize()))
        case .sha384(let hasher): return ComputedDigest(function: .sha384, backing: .sha384(hasher.finalize()))
        case .sha512(let hasher): return ComputedDigest(function: .sha512, backing: .sha512(hasher.finalize()))
        case .sha3_256(let hasher): return ComputedDigest(function: .sha3_256, backing: .raw(Array(hasher.finalize())))
        case .sha3_384(let hasher): return ComputedDigest(function: .sha3_384, backing: .raw(Array(hasher.finalize())))
        case .sha3_512(let hasher): return ComputedDigest(function: .sha3_512, backing: .raw(Array(hasher.finalize())))
        }
    }

    /// The digest of everything added.
    public func finalize() -> [UInt8] {
        switch backing {
        case .sm3(let hasher): return hasher.finalize()
        case .sha1(let hasher): return Array(hasher.finalize())
        case .sha256(let hasher): return Array(hasher.finalize())
        case .sha384(let hasher): return Array(hasher.finalize())
        case .sha512(let hasher): return Array(hasher.finalize())
        case .sha3_256(let hasher): return Array(hasher.finalize())
        case .sha3_384(let hasher): return Array(hasher.finalize())
        case .sha3_512(let hasher): return Array(hasher.finalize())
        }
    }
}

/// A digest with the hash that made it. RSA signing in swift-crypto needs its typed digest values, which only a
/// hash computation can produce, so signing APIs take this rather than bare bytes.
public struct ComputedDigest: Sendable {
    enum Backing: Sendable {
        case raw([UInt8])
        case sha1(Insecure.SHA1Digest)
        case sha256(SHA256Digest)
        case sha384(SHA384Digest)
        case sha512(SHA512Digest)
    }

    /// The hash function.
    public let function: HashFunction
    let backing: Backing

    /// The digest bytes.
    public var bytes: [UInt8] {
        switch backing {
        case .raw(let bytes): return bytes
        case .sha1(let digest): return Array(digest)
        case .sha256(let digest): return Array(digest)
        case .sha384(let digest): return Array(digest)
        case .sha512(let digest): return Array(digest)
        }
    }
}

extension HashFunction {
    /// The typed digest of `bytes`.
    public func computeDigest(_ bytes: [UInt8]) -> ComputedDigest {
        var hasher = StreamingHasher(self)
        hasher.update(bytes)
        return hasher.finalizeDigest()
    }
}
