/// Jurisdictions as trust frameworks and agreements name them: ISO 3166-1 alpha-2 codes, or `EU`.
public enum Jurisdiction {
    /// The EU member states (ISO 3166-1 alpha-2; Greece is `GR`).
    public static let europeanUnion: Set<String> = [
        "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT", "LU",
        "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
    ]

    /// Whether `code` is a well-formed jurisdiction: two upper-case letters, or `EU`.
    public static func isValid(_ code: String) -> Bool {
        code.utf8.count == 2 && code.utf8.allSatisfy { (0x41...0x5A).contains($0) }
    }

    /// Whether law made for `framework`'s jurisdiction applies directly in `relying`: the same code, or an EU
    /// framework relied on in a member state (eIDAS Art. 25(3) and 35(3): qualified signatures and seals of one
    /// member state are recognised in all).
    public static func isDomestic(framework: String, relying: String) -> Bool {
        framework == relying || (framework == "EU" && europeanUnion.contains(relying))
            || (relying == "EU" && europeanUnion.contains(framework))
    }

    /// Whether an agreement made by `recognising` binds a relying party in `relying` (an EU agreement binds every
    /// member state, eIDAS Art. 14).
    public static func binds(recognising: String, relying: String) -> Bool {
        recognising == relying || (recognising == "EU" && europeanUnion.contains(relying))
    }
}
