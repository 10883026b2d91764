extension SM4 {
    /// SM4 in output-feedback mode (GB/T 17964-2021 §8, NIST SP 800-38A §6.4): the keystream is E(IV), E(E(IV)), …
    /// Encryption and decryption are the same operation; any length.
    ///
    /// - Important: Constant-time in the key and the data; the length is public. Never reuse an IV with a key.
    public enum OFB {
        /// Encrypts or decrypts `data` with `key` and a 16-byte `iv`.
        ///
        /// - Returns: `data` XORed with the keystream.
        /// - Throws: `SMError.invalidParameter` when the key or IV is not 16 bytes.
        public static func crypt(_ data: [UInt8], key: [UInt8], iv: [UInt8]) throws -> [UInt8] {
            let cipher = try SM4(key: key)
            try checkIV(iv)
            var feedback = iv.withUnsafeBytes { SM4.loadBlock($0) }
            var output = data
            cipher.encryptionKeys.withUnsafeBufferPointer { keys in
                output.withUnsafeMutableBytes { text in
                    var offset = 0
                    while offset < text.count {
                        feedback = SM4.cryptBlock(feedback, keys: keys)
                        xorKeystream(feedback, into: text, at: offset)
                        offset += SM4.blockSize
                    }
                }
            }
            return output
        }
    }

    /// SM4 in 128-bit cipher-feedback mode (GB/T 17964-2021 §9, NIST SP 800-38A §6.3, CFB-128): Cᵢ = Pᵢ ⊕ E(Cᵢ₋₁).
    ///
    /// - Important: Constant-time in the key and the data; the length is public.
    public enum CFB {
        /// Encrypts `plaintext` (any length) with `key` and a 16-byte `iv`.
        ///
        /// - Returns: The ciphertext, as long as the plaintext.
        /// - Throws: `SMError.invalidParameter` when the key or IV is not 16 bytes.
        public static func encrypt(_ plaintext: [UInt8], key: [UInt8], iv: [UInt8]) throws -> [UInt8] {
            try crypt(plaintext, key: key, iv: iv, decrypting: false)
        }

        /// Decrypts `ciphertext` (any length) with `key` and the `iv` it was encrypted with.
        ///
        /// - Returns: The plaintext.
        /// - Throws: `SMError.invalidParameter` when the key or IV is not 16 bytes.
        public static func decrypt(_ ciphertext: [UInt8], key: [UInt8], iv: [UInt8]) throws -> [UInt8] {
            try crypt(ciphertext, key: key, iv: iv, decrypting: true)
        }

        private static func crypt(_ input: [UInt8], key: [UInt8], iv: [UInt8], decrypting: Bool) throws -> [UInt8] {
            let cipher = try SM4(key: key)
            try checkIV(iv)
            var feedback = iv.withUnsafeBytes { SM4.loadBlock($0) }
            var output = input
            cipher.encryptionKeys.withUnsafeBufferPointer { keys in
                output.withUnsafeMutableBytes { text in
                    guard let base = text.baseAddress else { return }
                    var offset = 0
                    while offset < text.count {
                        let keystream = SM4.cryptBlock(feedback, keys: keys)
                        let count = min(SM4.blockSize, text.count - offset)
                        if count == SM4.blockSize {
                            // The next feedback is this block's ciphertext: the input when decrypting.
                            let before = SM4.loadBlock(base + offset)
                            xorKeystream(keystream, into: text, at: offset)
                            feedback = decrypting ? before : SM4.loadBlock(base + offset)
                        } else {
                            xorKeystream(keystream, into: text, at: offset)
                        }
                        offset += SM4.blockSize
                    }
                }
            }
            return output
        }
    }

    /// XORs up to one block of keystream into `text` at `offset` (the last block may be short).
    static func xorKeystream(_ block: Block, into text: UnsafeMutableRawBufferPointer, at offset: Int) {
        var bytes: (UInt64, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &bytes) { keystream in
            // swift-format-ignore: NeverForceUnwrap
            // A 16-byte tuple has a base address.
            SM4.storeBlock(block, keystream.baseAddress!)
            let count = min(SM4.blockSize, text.count - offset)
            for index in 0..<count {
                text[offset + index] ^= keystream[index]
            }
        }
    }

    static func checkIV(_ iv: [UInt8]) throws(SMError) {
        guard iv.count == SM4.blockSize else {
            throw SMError.invalidParameter(reason: "SM4-OFB/CFB take a 16-byte IV; got \(iv.count) bytes")
        }
    }
}
