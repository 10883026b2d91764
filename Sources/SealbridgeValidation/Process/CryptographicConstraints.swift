public import SealbridgeCrypto
public import SealbridgeX509

/// Which algorithms and key sizes are acceptable, and until when — the signature acceptance constraints of
/// EN 319 102-1 §5.2.8, in the spirit of ETSI TS 119 312 and TS 119 322.
public struct CryptographicConstraints: Sendable, Hashable {
    /// Families of keys whose size rules apply together.
    public enum KeyFamily: String, Sendable, Hashable {
        /// RSA.
        case rsa
        /// DSA.
        case dsa
        /// Elliptic curves (ECDSA on any curve, SM2); Ed25519 is fixed-size and not covered.
        case ellipticCurve
    }

    /// One rule: what it matches, and until when a signature by it is acceptable.
    public struct Rule: Sendable, Hashable {
        /// What the rule covers, e.g. `SHA-1` or `RSA keys under 2048 bits`.
        public let name: String
        /// A hash function the rule covers (any key), or nil.
        public let hash: HashFunction?
        /// A key family the rule covers, with `keyBitsBelow`.
        public let keyFamily: KeyFamily?
        /// Keys with fewer bits than this (with `keyFamily`).
        public let keyBitsBelow: Int?
        /// Acceptable for signatures made before this time; nil: never acceptable.
        public let acceptableUntil: X509Time?

        /// Makes a rule.
        public init(
            name: String,
            hash: HashFunction? = nil,
            keyFamily: KeyFamily? = nil,
            keyBitsBelow: Int? = nil,
            acceptableUntil: X509Time?
        ) {
            self.name = name
            self.hash = hash
            self.keyFamily = keyFamily
            self.keyBitsBelow = keyBitsBelow
            self.acceptableUntil = acceptableUntil
        }

        func matches(hash: HashFunction?, key: PublicKey?) -> Bool {
            if let ruleHash = self.hash { return hash == ruleHash }
            guard let keyFamily, let key, let keyBitsBelow else { return false }
            let inFamily: Bool
            switch keyFamily {
            case .rsa: inFamily = key.algorithm == .rsa
            case .dsa: inFamily = key.algorithm == .dsa
            case .ellipticCurve: inFamily = ![.rsa, .dsa, .ed25519].contains(key.algorithm)
            }
            return inFamily && key.bitCount < keyBitsBelow
        }
    }

    /// A rule the signature breaks.
    public struct Violation: Sendable, Hashable, CustomStringConvertible {
        /// The rule.
        public let rule: Rule
        /// What it was applied to, e.g. `the signature` or `certificate 1 (CN=…)`.
        public let subject: String

        /// One sentence.
        public var description: String {
            if let until = rule.acceptableUntil {
                return "\(subject): \(rule.name) is acceptable only for signatures made before \(until)"
            }
            return "\(subject): \(rule.name) is not acceptable"
        }
    }

    /// The policy's name, shown in reports.
    public let name: String
    /// Its rules.
    public let rules: [Rule]

    /// Makes a policy.
    public init(name: String, rules: [Rule]) {
        self.name = name
        self.rules = rules
    }

    /// Sealbridge's default (`sealbridge-2026`): MD5-sized and small keys never; SHA-1 only before 2010
    /// (TS 119 312 withdrew it for signatures then); RSA and DSA under 2048 bits and elliptic curves under 256
    /// bits only before 2019 (the SOG-IS and TS 119 312 transition); RSA under 1024 and curves under 224 bits never.
    public static let `default` = CryptographicConstraints(
        name: "sealbridge-2026",
        rules: [
            Rule(name: "RSA keys under 1024 bits", keyFamily: .rsa, keyBitsBelow: 1024, acceptableUntil: nil),
            Rule(
                name: "elliptic-curve keys under 224 bits",
                keyFamily: .ellipticCurve,
                keyBitsBelow: 224,
                acceptableUntil: nil
            ),
            Rule(
                name: "SHA-1",
                hash: .insecureSHA1,
                acceptableUntil: X509Time(year: 2010, month: 1, day: 1, hour: 0, minute: 0, second: 0)
            ),
            Rule(
                name: "RSA keys under 2048 bits",
                keyFamily: .rsa,
                keyBitsBelow: 2048,
                acceptableUntil: X509Time(year: 2019, month: 1, day: 1, hour: 0, minute: 0, second: 0)
            ),
            Rule(
                name: "DSA keys under 2048 bits",
                keyFamily: .dsa,
                keyBitsBelow: 2048,
                acceptableUntil: X509Time(year: 2019, month: 1, day: 1, hour: 0, minute: 0, second: 0)
            ),
            Rule(
                name: "elliptic-curve keys under 256 bits",
                keyFamily: .ellipticCurve,
                keyBitsBelow: 256,
                acceptableUntil: X509Time(year: 2019, month: 1, day: 1, hour: 0, minute: 0, second: 0)
            ),
        ]
    )

    /// The rules a signature with `hash` and `key` breaks for a signature made at `time`.
    public func violations(hash: HashFunction?, key: PublicKey?, at time: X509Time, subject: String) -> [Violation] {
        rules.filter { rule in
            guard rule.matches(hash: hash, key: key) else { return false }
            guard let until = rule.acceptableUntil else { return true }
            return time >= until
        }.map { Violation(rule: $0, subject: subject) }
    }
}
