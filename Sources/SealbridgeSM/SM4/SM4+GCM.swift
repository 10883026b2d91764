extension SM4 {
    /// SM4 in Galois/Counter Mode (NIST SP 800-38D; SM4-GCM of RFC 8998): authenticated encryption with
    /// associated data.
    ///
    /// A 12-byte IV is the fast, recommended case (J0 = IV ‖ 0³¹ ‖ 1); any other non-empty length is hashed into
    /// J0. Never reuse an IV with the same key. ``seal(_:key:iv:authenticating:)`` returns the full 16-byte tag;
    /// shorten it only if the protocol says so, and ``open(_:key:iv:tag:authenticating:)`` takes 4 to 16 bytes.
    ///
    /// - Important: Constant-time in the key, the plaintext and the tag; GHASH uses no table indexed by secret
    ///   data (see `GHash`), and tags are compared with `constantTimeEquals`. Lengths, the IV and the associated
    ///   data are public.
    public enum GCM {
        /// The length of the tag that sealing returns: 16 bytes.
        public static let tagSize = 16

        /// The longest plaintext SP 800-38D allows: 2³⁶ − 32 bytes.
        public static let maximumPlaintextLength: UInt64 = (1 << 36) - 32

        /// Encrypts and authenticates `plaintext`, and authenticates `aad`, under a new key schedule for `key`.
        ///
        /// - Parameters:
        ///   - plaintext: The message.
        ///   - key: The 16-byte key.
        ///   - iv: The IV, 12 bytes unless a protocol says otherwise; never reused with the same key.
        ///   - aad: Associated data: authenticated, not encrypted.
        /// - Returns: The ciphertext (as long as `plaintext`) and the 16-byte tag.
        /// - Throws: `SMError.invalidParameter` when the key is not 16 bytes, the IV is empty or a length is
        ///   over the limits of SP 800-38D.
        public static func seal(
            _ plaintext: [UInt8],
            key: [UInt8],
            iv: [UInt8],
            authenticating aad: [UInt8] = []
        ) throws -> (ciphertext: [UInt8], tag: [UInt8]) {
            try seal(plaintext, using: SM4(key: key), iv: iv, authenticating: aad)
        }

        /// Encrypts and authenticates `plaintext`, and authenticates `aad`, with an expanded key.
        ///
        /// - Parameters:
        ///   - plaintext: The message.
        ///   - cipher: The key schedule.
        ///   - iv: The IV, 12 bytes unless a protocol says otherwise; never reused with the same key.
        ///   - aad: Associated data: authenticated, not encrypted.
        /// - Returns: The ciphertext (as long as `plaintext`) and the 16-byte tag.
        /// - Throws: `SMError.invalidParameter` when the IV is empty or a length is over the limits of
        ///   SP 800-38D.
        public static func seal(
            _ plaintext: [UInt8],
            using cipher: SM4,
            iv: [UInt8],
            authenticating aad: [UInt8] = []
        ) throws -> (ciphertext: [UInt8], tag: [UInt8]) {
            try checkLengths(iv: iv, aad: aad, text: plaintext)
            let setup = start(cipher, iv: iv)
            var ciphertext = plaintext
            var hash = setup.hash
            ciphertext.withUnsafeMutableBytes { text in
                aad.withUnsafeBytes { hash.update($0) }
                crypt(text, cipher: cipher, counter: setup.counter, hash: &hash)
            }
            let tag = finish(hash, aadCount: aad.count, textCount: plaintext.count, mask: setup.tagMask)
            return (ciphertext, tag)
        }

        /// Checks `tag` over `ciphertext` and `aad`, then decrypts, under a new key schedule for `key`.
        ///
        /// - Parameters:
        ///   - ciphertext: The encrypted message.
        ///   - key: The 16-byte key.
        ///   - iv: The IV it was sealed with.
        ///   - tag: The tag, 4 to 16 bytes: the first bytes of the full tag.
        ///   - aad: The associated data it was sealed with.
        /// - Returns: The plaintext, only when the tag checks out.
        /// - Throws: `SMError.authenticationFailure` when the tag does not match (nothing is decrypted);
        ///   `SMError.invalidParameter` when the key is not 16 bytes, the tag not 4 to 16 bytes, the IV empty or a
        ///   length over the limits.
        public static func open(
            _ ciphertext: [UInt8],
            key: [UInt8],
            iv: [UInt8],
            tag: [UInt8],
            authenticating aad: [UInt8] = []
        ) throws -> [UInt8] {
            try open(ciphertext, using: SM4(key: key), iv: iv, tag: tag, authenticating: aad)
        }

        /// Checks `tag` over `ciphertext` and `aad`, then decrypts, with an expanded key.
        ///
        /// - Parameters:
        ///   - ciphertext: The encrypted message.
        ///   - cipher: The key schedule.
        ///   - iv: The IV it was sealed with.
        ///   - tag: The tag, 4 to 16 bytes: the first bytes of the full tag.
        ///   - aad: The associated data it was sealed with.
        /// - Returns: The plaintext, only when the tag checks out.
        /// - Throws: `SMError.authenticationFailure` when the tag does not match (nothing is decrypted);
        ///   `SMError.invalidParameter` when the tag is not 4 to 16 bytes, the IV empty or a length over the
        ///   limits.
        public static func open(
            _ ciphertext: [UInt8],
            using cipher: SM4,
            iv: [UInt8],
            tag: [UInt8],
            authenticating aad: [UInt8] = []
        ) throws -> [UInt8] {
            guard (4...tagSize).contains(tag.count) else {
                throw SMError.invalidParameter(reason: "SM4-GCM tags are 4 to 16 bytes, got \(tag.count) bytes")
            }
            try checkLengths(iv: iv, aad: aad, text: ciphertext)
            let setup = start(cipher, iv: iv)
            var hash = setup.hash
            aad.withUnsafeBytes { hash.update($0) }
            ciphertext.withUnsafeBytes { hash.update($0) }
            var expected = finish(hash, aadCount: aad.count, textCount: ciphertext.count, mask: setup.tagMask)
            defer { expected.zeroize() }
            let matches = expected.withUnsafeBytes { expected in
                tag.withUnsafeBytes { constantTimeEquals(UnsafeRawBufferPointer(rebasing: expected[..<tag.count]), $0) }
            }
            guard matches else {
                throw SMError.authenticationFailure(reason: "SM4-GCM tag mismatch: wrong key, IV, data or tag")
            }
            var plaintext = ciphertext
            plaintext.withUnsafeMutableBytes {
                SM4.counterMode($0, keys: cipher.encryptionKeys, counter: setup.counter)
            }
            return plaintext
        }

        // MARK: Internals

        struct Setup {
            let hash: GHash
            /// inc32(J0): the counter of the first data block.
            let counter: Counter
            /// E_K(J0), XORed into the GHASH value to make the tag.
            let tagMask: (high: UInt64, low: UInt64)
        }

        static func checkLengths(iv: [UInt8], aad: [UInt8], text: [UInt8]) throws(SMError) {
            guard !iv.isEmpty else {
                throw SMError.invalidParameter(reason: "SM4-GCM needs a non-empty IV (12 bytes is usual), got none")
            }
            guard UInt64(text.count) <= maximumPlaintextLength else {
                throw SMError.invalidParameter(
                    reason: "SM4-GCM takes at most 2^36 - 32 bytes of text, got \(text.count); split the message"
                )
            }
            guard UInt64(aad.count) < 1 << 61, UInt64(iv.count) < 1 << 61 else {
                throw SMError.invalidParameter(reason: "SM4-GCM associated data and IV must be under 2^61 bytes")
            }
        }

        /// H, J0 and E_K(J0) for `iv` (SP 800-38D §7.1 steps 1–2).
        static func start(_ cipher: SM4, iv: [UInt8]) -> Setup {
            cipher.encryptionKeys.withUnsafeBufferPointer { keys in
                if iv.count == 12 {
                    let j0 = iv.withUnsafeBytes { iv in
                        Counter(
                            high: UInt64(bigEndian: iv.loadUnaligned(as: UInt64.self)),
                            low: UInt64(UInt32(bigEndian: iv.loadUnaligned(fromByteOffset: 8, as: UInt32.self))) &<< 32
                                | 1,
                            wrapsLow32Bits: true
                        )
                    }
                    let (h, mask) = cryptBlocks((0, 0, 0, 0), j0.block, keys: keys)
                    return Setup(hash: GHash(h), counter: j0.advanced(by: 1), tagMask: halves(mask))
                }
                let h = cryptBlock((0, 0, 0, 0), keys: keys)
                var ivHash = GHash(h)
                iv.withUnsafeBytes { ivHash.update($0) }
                ivHash.update(high: 0, low: UInt64(iv.count) &* 8)
                let j0 = Counter(high: ivHash.value.high, low: ivHash.value.low, wrapsLow32Bits: true)
                let mask = cryptBlock(j0.block, keys: keys)
                return Setup(hash: GHash(h), counter: j0.advanced(by: 1), tagMask: halves(mask))
            }
        }

        /// Encrypts `text` in place and hashes the ciphertext, in chunks that stay in cache between the two.
        static func crypt(
            _ text: UnsafeMutableRawBufferPointer,
            cipher: SM4,
            counter: Counter,
            hash: inout GHash
        ) {
            let chunk = 16 * 1024
            var offset = 0
            var counter = counter
            while offset < text.count {
                let length = min(chunk, text.count - offset)
                let piece = UnsafeMutableRawBufferPointer(rebasing: text[offset..<(offset + length)])
                SM4.counterMode(piece, keys: cipher.encryptionKeys, counter: counter)
                hash.update(UnsafeRawBufferPointer(piece))
                counter = counter.advanced(by: UInt64(length / SM4.blockSize))
                offset += length
            }
        }

        /// The full tag: GHASH over the lengths block, XORed with E_K(J0).
        static func finish(
            _ hash: GHash,
            aadCount: Int,
            textCount: Int,
            mask: (high: UInt64, low: UInt64)
        ) -> [UInt8] {
            var hash = hash
            hash.update(high: UInt64(aadCount) &* 8, low: UInt64(textCount) &* 8)
            let high = hash.value.high ^ mask.high
            let low = hash.value.low ^ mask.low
            var tag = [UInt8](repeating: 0, count: tagSize)
            tag.withUnsafeMutableBytes { tag in
                tag.storeBytes(of: high.bigEndian, as: UInt64.self)
                tag.storeBytes(of: low.bigEndian, toByteOffset: 8, as: UInt64.self)
            }
            return tag
        }

        static func halves(_ block: Block) -> (high: UInt64, low: UInt64) {
            (UInt64(block.0) &<< 32 | UInt64(block.1), UInt64(block.2) &<< 32 | UInt64(block.3))
        }
    }
}

extension GHash {
    /// Starts a hash under H = E_K(0¹²⁸), given as four words.
    init(_ h: SM4.Block) {
        self.init(high: UInt64(h.0) &<< 32 | UInt64(h.1), low: UInt64(h.2) &<< 32 | UInt64(h.3))
    }
}
