import Foundation

/// The document kinds a relying party may declare: the common trade kinds and every scope the loaded agreements
/// name. The kind is a claim of the relying party's (Sealbridge does not read it from the document); an unknown or
/// misspelt kind is refused, with the known ones listed, rather than silently matching no agreement.
public struct DocumentKinds: Sendable, Hashable {
    /// The common trade kinds, with titles.
    public static let common: [(id: String, title: String)] = [
        ("invoice", "Invoice"),
        ("e-invoice", "E-invoice"),
        ("certificate-of-origin", "Certificate of origin"),
        ("bill-of-lading", "Bill of lading"),
        ("contract", "Contract"),
        ("packing-list", "Packing list"),
        ("customs-declaration", "Customs declaration"),
        ("letter-of-credit", "Letter of credit"),
        ("insurance-certificate", "Insurance certificate"),
    ]

    /// The known kinds, sorted.
    public let identifiers: [String]

    /// The common kinds and the scopes of `agreements`.
    public init(agreements: [RecognitionAgreement]) {
        let scopes = agreements.flatMap(\.scope).filter { $0 != "*" && $0 != "any" }
        identifiers = Set(Self.common.map(\.id) + scopes).sorted()
    }

    /// Whether `kind` is known.
    public func contains(_ kind: String) -> Bool { identifiers.contains(kind) }

    /// The error for an unknown kind: what was given and every known kind.
    public func unknownKindMessage(_ kind: String) -> String {
        "the document kind '\(kind)' is not known; use one of: \(identifiers.joined(separator: ", "))"
    }

    /// A title for `kind`: the common title, or the identifier with its hyphens as spaces.
    public static func title(of kind: String) -> String {
        if let known = common.first(where: { $0.id == kind }) { return known.title }
        let spaced = kind.replacingOccurrences(of: "-", with: " ")
        return spaced.prefix(1).uppercased() + spaced.dropFirst()
    }
}
