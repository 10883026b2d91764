public import SealbridgeCrypto
public import SealbridgeSM
public import SealbridgeX509

/// The digests of a SignedData's content that its signers need, computed in one pass so a detached signature over
/// a large file is checked by streaming the file once (``CMSContentDigester``).
///
/// A signer with signed attributes needs H(content); an SM2 signer without signed attributes needs
/// SM3(Z ‖ content), and — to recognise signatures made without Z or with OpenSSL's empty ID — SM3(content)
/// and SM3(Z(empty ID) ‖ content).
public struct CMSContentDigests: Sendable {
    struct Channel: Hashable, Sendable {
        let function: HashFunction
        let prefix: [UInt8]
    }

    var values: [Channel: [UInt8]]
    /// The content itself when it was given whole (Ed25519 without signed attributes signs the message).
    let content: ArraySlice<UInt8>?

    /// A document given only by its digest (the relying party keeps the document): signers that digest with
    /// `function` can be checked; others, and SM2 signers without signed attributes (SM3 over Z ‖ document),
    /// need the document and are left indeterminate.
    public init(given function: HashFunction, digest: [UInt8]) {
        values = [Channel(function: function, prefix: []): digest]
        content = nil
    }

    init(values: [Channel: [UInt8]], content: ArraySlice<UInt8>?) {
        self.values = values
        self.content = content
    }

    func digest(_ function: HashFunction, prefix: [UInt8] = []) -> [UInt8]? {
        values[Channel(function: function, prefix: prefix)]
    }

    /// The plain digest of the content with `function`, when it was computed (a signer's function, or one asked
    /// for with `alsoComputing`).
    public func digest(of function: HashFunction) -> [UInt8]? {
        digest(function)
    }
}

/// Hashes content in pieces for every digest a SignedData's signers need.
public struct CMSContentDigester: Sendable {
    fileprivate var hashers: [CMSContentDigests.Channel: StreamingHasher]

    /// Prepares the digests `signedData`'s signers need; `extraCertificates` help find SM2 signers' keys for Z.
    public init(
        for signedData: CMSSignedData,
        extraCertificates: [Certificate] = [],
        options: CMSVerificationOptions = CMSVerificationOptions()
    ) {
        var channels = Set<CMSContentDigests.Channel>()
        for signer in signedData.signerInfos {
            guard let function = try? signer.digestFunction() else { continue }
            channels.insert(.init(function: function, prefix: []))
            guard signer.signedAttributes == nil,
                (try? signer.resolvedSignatureAlgorithm())?.scheme == .sm2,
                let key = (try? signedData.certificate(for: signer, among: extraCertificates)?.publicKey())??.sm2
            else { continue }
            for userID in [options.sm2UserID, []] {
                if let z = try? key.zValue(userID: userID) { channels.insert(.init(function: .sm3, prefix: z)) }
            }
        }
        self.init(channels: channels)
    }

    /// Hashes for exactly `channels` (each hasher starts with its prefix, e.g. SM2's Z); the signer uses it too.
    init(channels: Set<CMSContentDigests.Channel>) {
        hashers = Dictionary(
            uniqueKeysWithValues: channels.map { channel in
                var hasher = StreamingHasher(channel.function)
                hasher.update(channel.prefix)
                return (channel, hasher)
            }
        )
    }

    /// Adds the next piece of content.
    public mutating func update(_ buffer: UnsafeRawBufferPointer) {
        for key in hashers.keys { hashers[key]?.update(buffer) }
    }

    /// Adds the next piece of content.
    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// Adds the next piece of content.
    public mutating func update(_ bytes: ArraySlice<UInt8>) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// The typed digests of everything added (RSA signing in swift-crypto needs typed digests).
    func finalizeDigests() -> [CMSContentDigests.Channel: ComputedDigest] {
        hashers.mapValues { $0.finalizeDigest() }
    }

    /// The digests of everything added.
    public func finalize() -> CMSContentDigests {
        CMSContentDigests(values: hashers.mapValues { $0.finalize() }, content: nil)
    }

    /// The digests of `content` given whole, in one pass, with the plain digests in `alsoComputing` beside the
    /// signers' (a report's SHA-256 of the content costs no second pass when a signer uses SHA-256 too).
    public static func digests(
        of content: ArraySlice<UInt8>,
        for signedData: CMSSignedData,
        extra: [Certificate],
        options: CMSVerificationOptions,
        alsoComputing: [HashFunction] = []
    )
        -> CMSContentDigests
    {
        var digester = CMSContentDigester(for: signedData, extraCertificates: extra, options: options)
        for function in alsoComputing {
            let channel = CMSContentDigests.Channel(function: function, prefix: [])
            if digester.hashers[channel] == nil { digester.hashers[channel] = StreamingHasher(function) }
        }
        digester.update(content)
        let digests = digester.finalize()
        return CMSContentDigests(values: digests.values, content: content)
    }
}

/// How a CMS signature is checked.
public struct CMSVerificationOptions: Sendable {
    /// The SM2 user ID for Z (GB/T 35275 and GM/T 0009: `1234567812345678`).
    public var sm2UserID: [UInt8] = SM2.defaultUserID
    /// Non-standard SM2 signatures that count as valid (with a note): made over SM3(M) without Z, as some
    /// Chinese CA toolkits sign, or with an empty user ID (OpenSSL 3's default). GB/T 35275 §7 and
    /// GB/T 32918.2 require Z with the standard ID, so by default such a signature is reported as
    /// ``CMSSignerFailure/Code/sm2NonStandardDigest``.
    public var sm2Compatibility: SM2Compatibility = .strict
    /// Whether every signer must reach CAdES B-B (ETSI EN 319 122-1 §6.3) — and B-T when
    /// `requiredBaselineLevel` is `.bt`.
    public var requiredBaselineLevel: CMSSignerResult.BaselineLevel?
    /// How deep countersignatures are followed.
    public var maximumCountersignatureDepth = 4
    /// Options for checking signature time-stamp tokens.
    public var timeStampOptions = TimeStampVerificationOptions()

    /// The defaults above.
    public init() {}
}
