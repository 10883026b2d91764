/// An SM2 private key d ∈ [1, n − 2] (GB/T 32918.1 §6.1) with its public key P = d·G.
///
/// Signing and decryption are constant-time in d and in the nonce k. The key's secrets live in one heap object
/// that is wiped when the last copy of the key goes away.
public struct SM2PrivateKey: Sendable {
    /// d and the per-key precomputation (1 + d)⁻¹, in Montgomery form.
    // @unchecked: the fields are written only in init and wiped in deinit, when no other reference exists.
    final class Secrets: @unchecked Sendable {
        private(set) var d: Limbs4
        private(set) var dScalar: Scalar
        private(set) var onePlusDInverse: Scalar

        init(d: Limbs4) {
            self.d = d
            let scalar = Scalar(canonical: d)
            self.dScalar = scalar
            self.onePlusDInverse = (Scalar.one + scalar).inverse
        }

        /// Lends the secrets' storage to `body` (the SecretFlow tool marks it secret for valgrind's memcheck).
        func withStorage(_ body: (UnsafeMutableRawBufferPointer) -> Void) {
            withUnsafeMutableBytes(of: &d) { body($0) }
            withUnsafeMutableBytes(of: &dScalar) { body($0) }
            withUnsafeMutableBytes(of: &onePlusDInverse) { body($0) }
        }

        deinit {
            // Wipe through an opaque, unoptimised function so the stores are not elided.
            withUnsafeMutableBytes(of: &d) { wipe($0) }
            withUnsafeMutableBytes(of: &dScalar) { wipe($0) }
            withUnsafeMutableBytes(of: &onePlusDInverse) { wipe($0) }
        }
    }

    let secrets: Secrets
    /// The public key d·G.
    public let publicKey: SM2PublicKey

    /// Makes a key from a 256-bit value already checked to be in [1, n − 2].
    init(validated d: Limbs4) {
        let secrets = Secrets(d: d)
        self.secrets = secrets
        // d·G is never infinity for d in [1, n − 2].
        let point = CurveArithmetic.multiplyGenerator(d).affine ?? AffinePoint.generator
        self.publicKey = SM2PublicKey(validatedPoint: point)
    }

    /// Generates a fresh key from the system's cryptographically secure random number generator.
    public init() {
        var generator = SystemRandomNumberGenerator()
        while true {
            var candidate = Limbs4(generator.next(), generator.next(), generator.next(), generator.next())
            // Rejection sampling: accept d in [1, n − 2]. Leaks only that a rejected draw was rejected.
            if !candidate.isZero, !Scalar.orderMinusTwo.isLess(than: candidate) {
                self.init(validated: candidate)
                candidate = .zero
                return
            }
        }
    }

    /// Reads d as 32 big-endian bytes.
    ///
    /// - Throws: `SMError.invalidKey` when the length is not 32 or d is not in [1, n − 2].
    public init(rawRepresentation bytes: [UInt8]) throws {
        guard let d = Limbs4(bigEndian: bytes) else {
            throw SMError.invalidKey(reason: "an SM2 private key is 32 bytes; got \(bytes.count)")
        }
        guard !d.isZero, !Scalar.orderMinusTwo.isLess(than: d) else {
            throw SMError.invalidKey(reason: "an SM2 private key must lie in [1, n − 2] (GB/T 32918.1 §6.1)")
        }
        self.init(validated: d)
    }

    /// d as 32 big-endian bytes. Handle with care: this is the secret.
    public var rawRepresentation: [UInt8] { secrets.d.bigEndianBytes }

    /// Signs `message` for `userID`: e = SM3(Z ‖ M), then ``signature(forDigest:)``.
    ///
    /// - Throws: `SMError.invalidParameter` for an ID longer than 8,191 bytes.
    public func signature(for message: [UInt8], userID: [UInt8] = SM2.defaultUserID) throws -> SM2Signature {
        try signature(forDigest: publicKey.digest(for: message, userID: userID))
    }

    /// Signs a precomputed 32-byte e = SM3(Z ‖ M) (GB/T 32918.2 §6.1 A3–A7).
    ///
    /// The nonce k is hedged: SM3(d ‖ e ‖ 32 fresh random bytes ‖ counter), in the spirit of RFC 6979 §3.6 with
    /// added randomness (draft-irtf-cfrg-det-sigs-with-noise), so neither a weak RNG nor a repeated RNG state
    /// leaks d. Candidates outside [1, n − 1] (probability about 2^−32) are drawn again.
    ///
    /// - Throws: `SMError.invalidParameter` when `digest` is not 32 bytes; `SMError.randomFailure` when the
    ///   system random number generator fails.
    public func signature(forDigest digest: [UInt8]) throws -> SM2Signature {
        guard let e = Limbs4(bigEndian: digest) else {
            throw SMError.invalidParameter(reason: "an SM2 digest e is 32 bytes (SM3(Z‖M)); got \(digest.count)")
        }
        var preimage = (secrets.d, e, try Limbs4.random(), UInt32(0))
        defer {
            withUnsafeMutableBytes(of: &preimage) { wipe($0) }
        }
        while true {
            var k = withUnsafeBytes(of: &preimage) { buffer in
                // 3·32 bytes of limbs plus a 4-byte counter; the limbs' byte order does not matter for a PRF input.
                Limbs4(bigEndianBytes: SM3.hash(UnsafeRawBufferPointer(rebasing: buffer[0..<100])))
            }
            preimage.3 &+= 1
            defer { k = .zero }
            guard !k.isZero, k.isLess(than: Scalar.order) else { continue }
            if let signature = sign(digest: e, nonce: k) {
                return signature
            }
        }
    }

    /// A3–A7 with a given nonce; `nil` when r = 0, r + k = n or s = 0 (the caller draws another k).
    func sign(digest e: Limbs4, nonce k: Limbs4) -> SM2Signature? {
        let point = CurveArithmetic.multiplyGenerator(k)
        guard let affine = point.affine else { return nil }
        let x1 = Scalar(reducing: affine.x.canonical)
        let kScalar = Scalar(canonical: k)
        let r = Scalar(reducing: e) + x1
        let rPlusK = r + kScalar
        // ct-public: these branches reveal only that a (negligibly likely) retry happened.
        guard r.isZeroMask == 0, rPlusK.isZeroMask == 0 else { return nil }
        let s = secrets.onePlusDInverse * (kScalar - r * secrets.dScalar)
        guard s.isZeroMask == 0 else { return nil }  // ct-public: a retry, as above
        return SM2Signature(r: r.canonical, s: s.canonical)
    }
}

extension Limbs4 {
    /// Reads 32 big-endian bytes from a digest array (always 32 bytes).
    init(bigEndianBytes digest: [UInt8]) {
        self = digest.withUnsafeBytes { buffer in
            guard buffer.count == 32, let base = buffer.baseAddress else { return .zero }
            return Limbs4(bigEndianBytes: base)
        }
    }
}
