extension SM4 {
    /// SM4 in cipher block chaining mode (NIST SP 800-38A §6.2), with PKCS #7 padding unless `noPadding` is set
    /// (as swift-crypto's `AES._CBC` does).
    ///
    /// CBC does not authenticate, and a padding error reported to an attacker is a padding oracle: prefer
    /// ``SM4/GCM`` or ``SM4/CCM`` unless a MAC over the ciphertext is checked first. Encryption is sequential;
    /// decryption runs on many blocks at once.
    ///
    /// - Important: Constant-time in the key and the data; the padding check does not branch on the padding bytes,
    ///   only on its final verdict. Lengths and the IV are public.
    public enum CBC {
        /// Encrypts `plaintext` under a new key schedule for `key`.
        ///
        /// - Parameters:
        ///   - plaintext: The message; any length with padding, whole 16-byte blocks with `noPadding`.
        ///   - key: The 16-byte key.
        ///   - iv: The 16-byte IV, unpredictable for each message.
        ///   - noPadding: Set to skip PKCS #7 padding.
        /// - Returns: The ciphertext: the padded length, a multiple of 16.
        /// - Throws: `SMError.invalidParameter` when the key or IV is not 16 bytes, or with `noPadding` the
        ///   plaintext is not whole blocks.
        public static func encrypt(
            _ plaintext: [UInt8],
            key: [UInt8],
            iv: [UInt8],
            noPadding: Bool = false
        ) throws -> [UInt8] {
            try encrypt(plaintext, using: SM4(key: key), iv: iv, noPadding: noPadding)
        }

        /// Encrypts `plaintext` with an expanded key.
        ///
        /// - Parameters:
        ///   - plaintext: The message; any length with padding, whole 16-byte blocks with `noPadding`.
        ///   - cipher: The key schedule.
        ///   - iv: The 16-byte IV, unpredictable for each message.
        ///   - noPadding: Set to skip PKCS #7 padding.
        /// - Returns: The ciphertext: the padded length, a multiple of 16.
        /// - Throws: `SMError.invalidParameter` when the IV is not 16 bytes, or with `noPadding` the plaintext
        ///   is not whole blocks.
        public static func encrypt(
            _ plaintext: [UInt8],
            using cipher: SM4,
            iv: [UInt8],
            noPadding: Bool = false
        ) throws -> [UInt8] {
            try checkIV(iv)
            var output = plaintext
            if noPadding {
                try SM4.checkWholeBlocks(plaintext.count)
            } else {
                let padding = SM4.blockSize - plaintext.count % SM4.blockSize
                output.append(contentsOf: repeatElement(UInt8(truncatingIfNeeded: padding), count: padding))
            }
            var chain = iv.withUnsafeBytes { SM4.loadBlock($0) }
            cipher.encryptionKeys.withUnsafeBufferPointer { keys in
                output.withUnsafeMutableBytes { output in
                    guard let base = output.baseAddress else { return }
                    for offset in stride(from: 0, to: output.count, by: SM4.blockSize) {
                        let block = SM4.loadBlock(base + offset)
                        let input = (block.0 ^ chain.0, block.1 ^ chain.1, block.2 ^ chain.2, block.3 ^ chain.3)
                        chain = SM4.cryptBlock(input, keys: keys)
                        SM4.storeBlock(chain, base + offset)
                    }
                }
            }
            return output
        }

        /// Decrypts `ciphertext` under a new key schedule for `key`, and strips its padding.
        ///
        /// - Parameters:
        ///   - ciphertext: Whole 16-byte blocks; at least one with padding.
        ///   - key: The 16-byte key.
        ///   - iv: The IV it was encrypted with.
        ///   - noPadding: Set when the plaintext was not padded.
        /// - Returns: The plaintext, padding removed.
        /// - Throws: `SMError.authenticationFailure` when the PKCS #7 padding is malformed;
        ///   `SMError.invalidParameter` when the key or IV is not 16 bytes or the ciphertext is not whole blocks.
        public static func decrypt(
            _ ciphertext: [UInt8],
            key: [UInt8],
            iv: [UInt8],
            noPadding: Bool = false
        ) throws -> [UInt8] {
            try decrypt(ciphertext, using: SM4(key: key), iv: iv, noPadding: noPadding)
        }

        /// Decrypts `ciphertext` with an expanded key, and strips its padding.
        ///
        /// - Parameters:
        ///   - ciphertext: Whole 16-byte blocks; at least one with padding.
        ///   - cipher: The key schedule.
        ///   - iv: The IV it was encrypted with.
        ///   - noPadding: Set when the plaintext was not padded.
        /// - Returns: The plaintext, padding removed.
        /// - Throws: `SMError.authenticationFailure` when the PKCS #7 padding is malformed;
        ///   `SMError.invalidParameter` when the IV is not 16 bytes or the ciphertext is not whole blocks.
        public static func decrypt(
            _ ciphertext: [UInt8],
            using cipher: SM4,
            iv: [UInt8],
            noPadding: Bool = false
        ) throws -> [UInt8] {
            try checkIV(iv)
            try SM4.checkWholeBlocks(ciphertext.count)
            guard noPadding || !ciphertext.isEmpty else {
                throw SMError.invalidParameter(reason: "SM4-CBC ciphertext with padding is at least 16 bytes, got 0")
            }
            var output = ciphertext
            let first = iv.withUnsafeBytes { SM4.loadBlock($0) }
            output.withUnsafeMutableBytes { output in
                SM4.crypt(output, keys: cipher.decryptionKeys)
                // An empty array's base address points at shared storage: never write through it.
                guard output.count >= SM4.blockSize, let base = output.baseAddress else { return }
                ciphertext.withUnsafeBytes { previous in
                    SM4.xorBlock(base, first)
                    for offset in stride(from: SM4.blockSize, to: output.count, by: SM4.blockSize) {
                        SM4.xorBlock(base + offset, SM4.loadBlock(previous, offset - SM4.blockSize))
                    }
                }
            }
            if noPadding {
                return output
            }
            let padding = output.withUnsafeBytes {
                paddingLength(UnsafeRawBufferPointer(rebasing: $0[($0.count - SM4.blockSize)...]))
            }
            guard padding.isValid else {
                output.zeroize()
                throw SMError.authenticationFailure(reason: "SM4-CBC padding is malformed: wrong key, IV or data")
            }
            output.removeLast(padding.length)
            return output
        }

        static func checkIV(_ iv: [UInt8]) throws(SMError) {
            guard iv.count == SM4.blockSize else {
                throw SMError.invalidParameter(reason: "SM4-CBC needs a 16-byte IV, got \(iv.count) bytes")
            }
        }

        /// Reads PKCS #7 padding off the last block without branching on its bytes.
        static func paddingLength(_ block: UnsafeRawBufferPointer) -> (length: Int, isValid: Bool) {
            let padding = UInt32(block[15])
            var bad = (padding &- 1) &>> 31  // padding == 0
            bad |= (16 &- padding) &>> 31  // padding > 16
            for index in 0..<16 {
                let byte = UInt32(block[15 - index])
                let inPadding = 0 &- ((UInt32(index) &- padding) &>> 31)  // index < padding
                bad |= inPadding & (byte ^ padding)
            }
            return (Int(padding), bad == 0)
        }
    }
}
