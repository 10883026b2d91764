extension SM4 {
    /// SM4 in counter with CBC-MAC mode (NIST SP 800-38C, RFC 3610; SM4-CCM of RFC 8998): authenticated
    /// encryption with associated data.
    ///
    /// The nonce is 7 to 13 bytes (12 in RFC 8998); it leaves 15 − n bytes for the block counter, which caps the
    /// message at 2^(8(15 − n)) − 1 bytes. Tags are 4, 6, 8, 10, 12, 14 or 16 bytes. Never reuse a nonce with the
    /// same key. The CBC-MAC is sequential, so CCM runs at the speed of one block at a time.
    ///
    /// - Important: Constant-time in the key, the plaintext and the tag; tags are compared with
    ///   `constantTimeEquals`. Lengths, the nonce and the associated data are public.
    public enum CCM {
        /// Encrypts and authenticates `plaintext`, and authenticates `aad`, under a new key schedule for `key`.
        ///
        /// - Parameters:
        ///   - plaintext: The message.
        ///   - key: The 16-byte key.
        ///   - nonce: 7 to 13 bytes, never reused with the same key.
        ///   - aad: Associated data: authenticated, not encrypted.
        ///   - tagLength: 4, 6, 8, 10, 12, 14 or 16 bytes.
        /// - Returns: The ciphertext (as long as `plaintext`) and the tag.
        /// - Throws: `SMError.invalidParameter` when the key is not 16 bytes, the nonce not 7 to 13 bytes, the tag
        ///   length not allowed, or the message too long for the nonce's counter.
        public static func seal(
            _ plaintext: [UInt8],
            key: [UInt8],
            nonce: [UInt8],
            authenticating aad: [UInt8] = [],
            tagLength: Int = 16
        ) throws -> (ciphertext: [UInt8], tag: [UInt8]) {
            try seal(plaintext, using: SM4(key: key), nonce: nonce, authenticating: aad, tagLength: tagLength)
        }

        /// Encrypts and authenticates `plaintext`, and authenticates `aad`, with an expanded key.
        ///
        /// - Parameters:
        ///   - plaintext: The message.
        ///   - cipher: The key schedule.
        ///   - nonce: 7 to 13 bytes, never reused with the same key.
        ///   - aad: Associated data: authenticated, not encrypted.
        ///   - tagLength: 4, 6, 8, 10, 12, 14 or 16 bytes.
        /// - Returns: The ciphertext (as long as `plaintext`) and the tag.
        /// - Throws: `SMError.invalidParameter` when the nonce is not 7 to 13 bytes, the tag length not allowed,
        ///   or the message too long for the nonce's counter.
        public static func seal(
            _ plaintext: [UInt8],
            using cipher: SM4,
            nonce: [UInt8],
            authenticating aad: [UInt8] = [],
            tagLength: Int = 16
        ) throws -> (ciphertext: [UInt8], tag: [UInt8]) {
            try checkParameters(nonce: nonce, tagLength: tagLength, textCount: plaintext.count)
            var tag = plaintext.withUnsafeBytes {
                authenticate($0, cipher: cipher, nonce: nonce, aad: aad, tagLength: tagLength)
            }
            var ciphertext = plaintext
            ciphertext.withUnsafeMutableBytes { crypt($0, cipher: cipher, nonce: nonce) }
            tag.removeLast(SM4.blockSize - tagLength)
            return (ciphertext, tag)
        }

        /// Decrypts `ciphertext` and checks `tag` over the plaintext and `aad`, under a new key schedule for `key`.
        ///
        /// - Parameters:
        ///   - ciphertext: The encrypted message.
        ///   - key: The 16-byte key.
        ///   - nonce: The nonce it was sealed with.
        ///   - tag: The tag; its length is the tag length it was sealed with.
        ///   - aad: The associated data it was sealed with.
        /// - Returns: The plaintext, only when the tag checks out.
        /// - Throws: `SMError.authenticationFailure` when the tag does not match (the decryption is wiped);
        ///   `SMError.invalidParameter` when the key, nonce or tag length is not allowed or the message too long.
        public static func open(
            _ ciphertext: [UInt8],
            key: [UInt8],
            nonce: [UInt8],
            tag: [UInt8],
            authenticating aad: [UInt8] = []
        ) throws -> [UInt8] {
            try open(ciphertext, using: SM4(key: key), nonce: nonce, tag: tag, authenticating: aad)
        }

        /// Decrypts `ciphertext` and checks `tag` over the plaintext and `aad`, with an expanded key.
        ///
        /// - Parameters:
        ///   - ciphertext: The encrypted message.
        ///   - cipher: The key schedule.
        ///   - nonce: The nonce it was sealed with.
        ///   - tag: The tag; its length is the tag length it was sealed with.
        ///   - aad: The associated data it was sealed with.
        /// - Returns: The plaintext, only when the tag checks out.
        /// - Throws: `SMError.authenticationFailure` when the tag does not match (the decryption is wiped);
        ///   `SMError.invalidParameter` when the nonce or tag length is not allowed or the message too long.
        public static func open(
            _ ciphertext: [UInt8],
            using cipher: SM4,
            nonce: [UInt8],
            tag: [UInt8],
            authenticating aad: [UInt8] = []
        ) throws -> [UInt8] {
            try checkParameters(nonce: nonce, tagLength: tag.count, textCount: ciphertext.count)
            var plaintext = ciphertext
            plaintext.withUnsafeMutableBytes { crypt($0, cipher: cipher, nonce: nonce) }
            var expected = plaintext.withUnsafeBytes {
                authenticate($0, cipher: cipher, nonce: nonce, aad: aad, tagLength: tag.count)
            }
            defer { expected.zeroize() }
            let matches = expected.withUnsafeBytes { expected in
                tag.withUnsafeBytes { constantTimeEquals(UnsafeRawBufferPointer(rebasing: expected[..<tag.count]), $0) }
            }
            guard matches else {
                plaintext.zeroize()
                throw SMError.authenticationFailure(reason: "SM4-CCM tag mismatch: wrong key, nonce, data or tag")
            }
            return plaintext
        }

        // MARK: Internals

        static func checkParameters(nonce: [UInt8], tagLength: Int, textCount: Int) throws(SMError) {
            guard (7...13).contains(nonce.count) else {
                throw SMError.invalidParameter(reason: "SM4-CCM needs a 7- to 13-byte nonce, got \(nonce.count) bytes")
            }
            guard (4...16).contains(tagLength), tagLength % 2 == 0 else {
                throw SMError.invalidParameter(
                    reason: "SM4-CCM tags are 4, 6, 8, 10, 12, 14 or 16 bytes, got \(tagLength) bytes"
                )
            }
            let counterBytes = 15 - nonce.count
            guard counterBytes >= 8 || UInt64(textCount) < UInt64(1) << UInt64(8 * counterBytes) else {
                throw SMError.invalidParameter(
                    reason: "SM4-CCM with a \(nonce.count)-byte nonce takes under 2^\(8 * counterBytes) bytes, "
                        + "got \(textCount); use a shorter nonce or split the message"
                )
            }
        }

        /// The counter block A_i = flags ‖ nonce ‖ [i] (SP 800-38C §A.3), i = 0.
        static func firstCounter(nonce: [UInt8]) -> Counter {
            var block = [UInt8](repeating: 0, count: SM4.blockSize)
            block[0] = UInt8(14 - nonce.count)  // q − 1, q = 15 − n
            block.replaceSubrange(1...nonce.count, with: nonce)
            return block.withUnsafeBytes {
                Counter(
                    high: UInt64(bigEndian: $0.loadUnaligned(as: UInt64.self)),
                    low: UInt64(bigEndian: $0.loadUnaligned(fromByteOffset: 8, as: UInt64.self)),
                    wrapsLow32Bits: false
                )
            }
        }

        /// Encrypts or decrypts with the counters A_1, A_2, …; the count never reaches the nonce bytes.
        static func crypt(_ text: UnsafeMutableRawBufferPointer, cipher: SM4, nonce: [UInt8]) {
            SM4.counterMode(text, keys: cipher.encryptionKeys, counter: firstCounter(nonce: nonce).advanced(by: 1))
        }

        /// The full-block tag: CBC-MAC over B_0, the encoded associated data and the plaintext, XORed with E(A_0).
        static func authenticate(
            _ plaintext: UnsafeRawBufferPointer,
            cipher: SM4,
            nonce: [UInt8],
            aad: [UInt8],
            tagLength: Int
        ) -> [UInt8] {
            let counterBytes = 15 - nonce.count
            var first = [UInt8](repeating: 0, count: SM4.blockSize)
            let flags = (aad.isEmpty ? 0 : 0x40) | ((tagLength - 2) / 2) << 3 | (counterBytes - 1)
            first[0] = UInt8(flags)
            first.replaceSubrange(1...nonce.count, with: nonce)
            for index in 0..<counterBytes {
                let shift = 8 * (counterBytes - 1 - index)
                first[1 + nonce.count + index] =
                    shift < 64 ? UInt8(truncatingIfNeeded: UInt64(plaintext.count) >> shift) : 0
            }
            var header: [UInt8] = []
            if !aad.isEmpty {
                let count = UInt64(aad.count)
                if count < 0xFF00 {
                    header = [UInt8(count >> 8), UInt8(truncatingIfNeeded: count)]
                } else if count <= UInt64(UInt32.max) {
                    header = [0xFF, 0xFE] + (0..<4).map { UInt8(truncatingIfNeeded: count >> (24 - 8 * $0)) }
                } else {
                    header = [0xFF, 0xFF] + (0..<8).map { UInt8(truncatingIfNeeded: count >> (56 - 8 * $0)) }
                }
                header += aad
            }
            let counter = firstCounter(nonce: nonce)
            let start = first.withUnsafeBytes { SM4.loadBlock($0) }
            return cipher.encryptionKeys.withUnsafeBufferPointer { keys in
                // E(B_0) starts the CBC-MAC; E(A_0) masks the tag. Both at once.
                let (macStart, mask) = SM4.cryptBlocks(start, counter.block, keys: keys)
                var chain = macStart
                header.withUnsafeBytes { absorb($0, into: &chain, keys: keys) }
                absorb(plaintext, into: &chain, keys: keys)
                var tag = [UInt8](repeating: 0, count: SM4.blockSize)
                tag.withUnsafeMutableBytes { tag in
                    let block = (chain.0 ^ mask.0, chain.1 ^ mask.1, chain.2 ^ mask.2, chain.3 ^ mask.3)
                    for (index, word) in [block.0, block.1, block.2, block.3].enumerated() {
                        tag.storeBytes(of: word.bigEndian, toByteOffset: 4 * index, as: UInt32.self)
                    }
                }
                return tag
            }
        }

        /// CBC-MAC over `bytes`, zero-padded to whole blocks.
        static func absorb(
            _ bytes: UnsafeRawBufferPointer,
            into chain: inout Block,
            keys: UnsafeBufferPointer<UInt32>
        ) {
            guard let base = bytes.baseAddress else { return }
            let whole = bytes.count - bytes.count % SM4.blockSize
            for offset in stride(from: 0, to: whole, by: SM4.blockSize) {
                let block = SM4.loadBlock(base + offset)
                chain = SM4.cryptBlock(
                    (chain.0 ^ block.0, chain.1 ^ block.1, chain.2 ^ block.2, chain.3 ^ block.3),
                    keys: keys
                )
            }
            if whole < bytes.count {
                var last = [UInt8](repeating: 0, count: SM4.blockSize)
                for index in whole..<bytes.count {
                    last[index - whole] = bytes[index]
                }
                let block = last.withUnsafeBytes { SM4.loadBlock($0) }
                last.zeroize()
                chain = SM4.cryptBlock(
                    (chain.0 ^ block.0, chain.1 ^ block.1, chain.2 ^ block.2, chain.3 ^ block.3),
                    keys: keys
                )
            }
        }
    }
}
