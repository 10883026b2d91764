public import Foundation
import SealbridgeCrypto

/// Loads the conformance vectors bundled with the tests (see `README.md` in this folder).
public enum Vectors {
    /// An error loading a vector file.
    public struct LoadError: Error, CustomStringConvertible {
        /// What failed.
        public let description: String
    }

    /// Writes a framework folder `tl-zz` for the EU mutual-recognition pilot's ZZ list at `url`: framework.toml with
    /// a `[trusted_list]` announced by the pilot list of the lists, and the three files it names.
    public static func writeMRAPilotFramework(to url: URL, location: String? = nil) throws {
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for name in ["EU-mra-pilot-lotl.xml", "EU-mra-pilot-lotl-signer.pem", "ZZ-mra-pilot-tl.xml"] {
            try data("trustlists/\(name)").write(to: url.appendingPathComponent(name))
        }
        let manifest = """
            id = "tl-zz"
            jurisdiction = "ZZ"
            name = "ZZ trusted list (EU mutual-recognition pilot)"
            legal_basis = "ZZ trust-service law (pilot)"
            levels = ["non-qualified", "qualified"]

            [trusted_list]
            file = "ZZ-mra-pilot-tl.xml"
            lotl = "EU-mra-pilot-lotl.xml"
            lotl_signer = "EU-mra-pilot-lotl-signer.pem"

            """ + (location.map { "location = \"\($0)\"\n" } ?? "")
        try Data(manifest.utf8).write(to: url.appendingPathComponent("framework.toml"))
    }

    /// The raw bytes of a bundled file, e.g. `"sm/sm3.json"`.
    public static func data(_ relativePath: String) throws -> Data {
        guard let base = Bundle.module.resourceURL else {
            throw LoadError(description: "the test-vector bundle has no resource folder")
        }
        return try Data(contentsOf: base.appendingPathComponent(relativePath))
    }

    /// The URL of a bundled folder, e.g. `"pkits/certs"`.
    public static func folder(_ relativePath: String) throws -> URL {
        guard let base = Bundle.module.resourceURL else {
            throw LoadError(description: "the test-vector bundle has no resource folder")
        }
        return base.appendingPathComponent(relativePath)
    }

    /// A bundled gzip file, unpacked with `gzip -dc` (e.g. `"limbo/full/limbo.json.gz"`).
    public static func gunzipped(_ relativePath: String) throws -> Data {
        guard let gzip = TestProcess.gzipPath else { throw LoadError(description: "gzip is not installed") }
        let result = try TestProcess.run(
            URL(fileURLWithPath: gzip),
            ["-dc", try folder(relativePath).path]
        )
        guard result.status == 0 else {
            throw LoadError(description: "gzip could not unpack \(relativePath): \(result.error)")
        }
        return Data(result.output)
    }

    /// Decodes a bundled JSON file.
    public static func load<T: Decodable>(_ type: T.Type, from relativePath: String) throws -> T {
        try JSONDecoder().decode(T.self, from: data(relativePath))
    }

    /// The SM3 known answers.
    public static func sm3() throws -> [SM3Vector] {
        try load(VectorFile<SM3Vector>.self, from: "sm/sm3.json").testVectors
    }
    /// The SM4 known answers.
    public static func sm4() throws -> [SM4Vector] {
        try load(VectorFile<SM4Vector>.self, from: "sm/sm4.json").testVectors
    }
    /// The SM2 known answers.
    public static func sm2KnownAnswers() throws -> [SM2KnownAnswer] {
        try load(VectorFile<SM2KnownAnswer>.self, from: "sm/sm2_kat.json").testVectors
    }
    /// The 300 SM2 differential signature cases.
    public static func sm2Differential() throws -> [SM2DifferentialCase] {
        try load(VectorFile<SM2DifferentialCase>.self, from: "sm/sm2_differential.json").testVectors
    }
    /// Every test of a Wycheproof file, flattened, each carrying its group.
    public static func wycheproof<Group: Decodable & Sendable, Test: Decodable & Sendable>(
        _ name: String,
        group: Group.Type,
        test: Test.Type
    ) throws -> [WycheproofCase<Group, Test>] {
        let file = try load(WycheproofFile<Group, Test>.self, from: "wycheproof/testvectors_v1/\(name).json")
        return file.testGroups.flatMap { group in group.tests.map { WycheproofCase(group: group.group, test: $0) } }
    }
}

/// A file with a `testVectors` array.
public struct VectorFile<Vector: Decodable>: Decodable {
    /// The vectors.
    public let testVectors: [Vector]
}

/// Decodes hex vector data (either case; whitespace between digits ignored) with the libraries' own decoder;
/// anything else in a vector file is a broken vector and stops the test run rather than being skipped over.
public func hexBytes(_ hex: String) -> [UInt8] {
    guard let bytes = HexEncoding.decode(hex.filter { !$0.isWhitespace }) else {
        preconditionFailure("the test vector \"\(hex.prefix(40))\" is not hexadecimal")
    }
    return bytes
}

/// Encodes bytes as lowercase hex.
public func hexString<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count * 2)
    for byte in bytes {
        out.append(digits[Int(byte >> 4)])
        out.append(digits[Int(byte & 0x0f)])
    }
    return String(decoding: out, as: UTF8.self)
}

/// An SM3 known answer.
public struct SM3Vector: Decodable, Sendable, CustomStringConvertible {
    public let id: Int
    public let description: String
    public let msg_hex: String?
    public let msg_len: Int
    public let msg_repeat_hex: String?
    public let msg_repeat_count: Int?
    public let digest_hex: String

    /// The message bytes, expanding the repeated form.
    public var message: [UInt8] {
        if let repeated = msg_repeat_hex, let count = msg_repeat_count {
            let unit = hexBytes(repeated)
            var out: [UInt8] = []
            out.reserveCapacity(unit.count * count)
            for _ in 0..<count { out.append(contentsOf: unit) }
            return out
        }
        return hexBytes(msg_hex ?? "")
    }
}

/// An SM4 known answer.
public struct SM4Vector: Decodable, Sendable, CustomStringConvertible {
    public let id: Int
    public let mode: String
    public let description: String
    public let key_hex: String
    public let iv_hex: String?
    public let aad_hex: String?
    public let tag_hex: String?
    public let plaintext_hex: String
    public let ciphertext_hex: String
    public let iterations: Int?
    public let xts_standard: String?
}

/// An SM2 known answer (signature, Z value, encryption, or verify-a-digest).
public struct SM2KnownAnswer: Decodable, Sendable, CustomStringConvertible {
    public let id: Int
    public let kind: String
    public let curve: String
    public let description: String
    public let curve_params: [String: String]?
    public let private_key_hex: String?
    public let private_key_pkcs8_pem: String?
    public let public_key_hex: String?
    public let id_hex: String?
    public let msg_hex: String?
    public let z_hex: String?
    public let z_empty_id_hex: String?
    public let z_preimage_hex: String?
    public let e_hex: String?
    public let k_hex: String?
    public let r_hex: String?
    public let s_hex: String?
    public let sig_der_hex: String?
    public let c1_hex: String?
    public let c2_hex: String?
    public let c3_hex: String?
    public let ciphertext_c1c3c2_hex: String?
    public let ciphertext_der_hex: String?
    public let expected: String?

    /// Whether this example is on the recommended curve `sm2p256v1`.
    public var isRecommendedCurve: Bool { curve_params == nil }
}

/// One SM2 differential case (OpenSSL-made, some tampered).
public struct SM2DifferentialCase: Decodable, Sendable, CustomStringConvertible {
    public let tc_id: Int
    public let category: String
    public let comment: String
    public let private_key_hex: String?
    public let public_key_hex: String
    public let public_key_spki_der_hex: String
    public let id_hex: String
    public let msg_hex: String
    public let sig_der_hex: String
    public let expected: String
    public let z_hex: String?
    public let e_hex: String?

    public var description: String { "tc \(tc_id) \(category)" }
}

/// A Wycheproof file.
public struct WycheproofFile<Group: Decodable, Test: Decodable>: Decodable {
    /// One group: its own fields plus its tests.
    public struct TestGroup: Decodable {
        public let group: Group
        public let tests: [Test]

        public init(from decoder: any Decoder) throws {
            group = try Group(from: decoder)
            let container = try decoder.container(keyedBy: Keys.self)
            tests = try container.decode([Test].self, forKey: .tests)
        }

        enum Keys: String, CodingKey { case tests }
    }

    public let algorithm: String
    public let testGroups: [TestGroup]
}

/// One Wycheproof test with its group.
public struct WycheproofCase<Group: Decodable & Sendable, Test: Decodable & Sendable>: CustomStringConvertible, Sendable
{
    public let group: Group
    public let test: Test

    public var description: String {
        if let described = test as? any WycheproofTestDescribing {
            return "tcId \(described.tcId): \(described.comment)"
        }
        return "\(test)"
    }
}

/// Tests that name their id and comment.
public protocol WycheproofTestDescribing {
    var tcId: Int { get }
    var comment: String { get }
}

/// Common result field of Wycheproof tests.
public enum WycheproofResult: String, Decodable, Sendable {
    case valid, invalid, acceptable

    /// Whether an implementation's answer is allowed: `acceptable` passes either way.
    public func allows(accepted: Bool) -> Bool {
        switch self {
        case .valid: return accepted
        case .invalid: return !accepted
        case .acceptable: return true
        }
    }
}

/// A Wycheproof signature-verification test (ECDSA, RSA, PSS, EdDSA).
public struct WycheproofSignatureTest: Decodable, Sendable, WycheproofTestDescribing {
    public let tcId: Int
    public let comment: String
    public let msg: String
    public let sig: String
    public let result: WycheproofResult
    public let flags: [String]
}

/// A Wycheproof MAC test.
public struct WycheproofMACTest: Decodable, Sendable, WycheproofTestDescribing {
    public let tcId: Int
    public let comment: String
    public let key: String
    public let msg: String
    public let tag: String
    public let result: WycheproofResult
    public let flags: [String]
}

/// A Wycheproof AEAD test.
public struct WycheproofAEADTest: Decodable, Sendable, WycheproofTestDescribing {
    public let tcId: Int
    public let comment: String
    public let key: String
    public let iv: String
    public let aad: String
    public let msg: String
    public let ct: String
    public let tag: String
    public let result: WycheproofResult
    public let flags: [String]
}

/// A MAC group.
public struct WycheproofMACGroup: Decodable, Sendable {
    public let keySize: Int
    public let tagSize: Int
}

/// An AEAD group.
public struct WycheproofAEADGroup: Decodable, Sendable {
    public let ivSize: Int
    public let keySize: Int
    public let tagSize: Int
}

/// An ECDSA verify group: the key as an SPKI.
public struct WycheproofECDSAGroup: Decodable, Sendable {
    public let publicKeyDer: String
    public let sha: String
}

/// An EdDSA verify group.
public struct WycheproofEdDSAGroup: Decodable, Sendable {
    public let publicKeyDer: String
}

/// An RSA PKCS#1 v1.5 or PSS verify group.
public struct WycheproofRSAGroup: Decodable, Sendable {
    public let publicKeyDer: String
    public let sha: String
    public let keySize: Int
    public let mgf: String?
    public let mgfSha: String?
    public let sLen: Int?
}

/// A deterministic generator (SplitMix64) for property tests, so that a failure can be replayed from its seed.
public struct SeededGenerator: RandomNumberGenerator {
    /// The state; the seed to start from.
    public var state: UInt64

    /// Starts from `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
