/// HMAC with SM3 (RFC 2104 / GB/T 15852.2 construction, 64-byte blocks, 32-byte tags).
///
/// - Important: The key is secret: it is padded and XOR-ed without branching on its bytes, and the copies are
///   wiped when the value is finalised. Compare tags only with ``isValidAuthenticationCode(_:for:key:)``, which
///   is constant-time.
public struct HMACSM3: Sendable {
    private var inner: SM3
    private var outer: SM3

    /// Starts a MAC computation with `key` (any length; keys longer than 64 bytes are hashed first).
    public init(key: [UInt8]) {
        var block = key.count > SM3.blockByteCount ? SM3.hash(key) : key
        block.append(contentsOf: repeatElement(0, count: SM3.blockByteCount - block.count))
        var innerPad = block.map { $0 ^ 0x36 }
        var outerPad = block.map { $0 ^ 0x5c }
        inner = SM3()
        inner.update(innerPad)
        outer = SM3()
        outer.update(outerPad)
        block.zeroize()
        innerPad.zeroize()
        outerPad.zeroize()
    }

    /// Adds the bytes of `buffer` to the message.
    public mutating func update(_ buffer: UnsafeRawBufferPointer) {
        inner.update(buffer)
    }

    /// Adds `bytes` to the message.
    public mutating func update(_ bytes: [UInt8]) {
        inner.update(bytes)
    }

    /// The 32-byte tag of the message so far.
    public func finalize() -> [UInt8] {
        var outerCopy = outer
        outerCopy.update(inner.finalize())
        return outerCopy.finalize()
    }

    /// The HMAC-SM3 tag of `message` under `key`.
    public static func authenticationCode(for message: [UInt8], key: [UInt8]) -> [UInt8] {
        var mac = HMACSM3(key: key)
        mac.update(message)
        return mac.finalize()
    }

    /// Checks `tag` (which may be truncated, but not below 4 bytes) against the tag of `message` under `key`.
    ///
    /// - Important: Constant-time in the tag bytes.
    public static func isValidAuthenticationCode(_ tag: [UInt8], for message: [UInt8], key: [UInt8]) -> Bool {
        guard tag.count >= 4, tag.count <= SM3.digestByteCount else { return false }
        let full = authenticationCode(for: message, key: key)
        return constantTimeEquals(Array(full.prefix(tag.count)), tag)
    }
}
