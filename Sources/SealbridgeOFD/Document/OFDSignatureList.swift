import SealbridgeXML

/// `Signatures.xml` (GB/T 33190-2016 §18.1): the signatures of one document, each a `Signature` with `ID`, `Type`
/// (`Seal` — the default — or `Sign`) and `BaseLoc`, the location of its `Signature.xml`.
public struct OFDSignatureList: Sendable, Hashable {
    /// One entry.
    public struct Entry: Sendable, Hashable {
        /// The signature's object ID.
        public let id: String
        /// `Seal` or `Sign`.
        public let type: OFDSignatureType
        /// The absolute location of the `Signature.xml`.
        public let location: String
    }

    /// The signatures, in list order.
    public let entries: [Entry]

    /// Reads `Signatures.xml` found at `path`.
    public init(bytes: [UInt8], path: String) throws(OFDError) {
        let tree: XMLTree
        do { tree = try XMLTree(parsing: bytes, source: path) } catch { throw OFDError(part: path, error.reason) }
        guard let root = tree.root, root.localName == "Signatures", OFDNamespace.accepts(root) else {
            throw OFDError(part: path, "is not an OFD signature list (no ofd:Signatures root)")
        }
        var entries: [Entry] = []
        for element in root.childElements where element.localName == "Signature" && OFDNamespace.accepts(element) {
            guard let baseLocation = element.attribute("BaseLoc"),
                let location = OFDPath.resolve(baseLocation, relativeTo: path)
            else {
                throw OFDError(part: path, "a Signature has no BaseLoc inside the package (line \(element.line))")
            }
            let typeText = (element.attribute("Type") ?? "").trimmingXMLWhitespace
            guard let type = OFDSignatureType(attribute: typeText) else {
                throw OFDError(part: path, "a Signature's Type is \(typeText.debugDescription), not Seal or Sign")
            }
            entries.append(Entry(id: element.attribute("ID") ?? "", type: type, location: location))
        }
        self.entries = entries
    }
}

/// `Seal` (an electronic seal, GB/T 38540) or `Sign` (a plain digital signature).
public enum OFDSignatureType: String, Sendable, Hashable {
    case seal = "Seal"
    case sign = "Sign"

    /// Case-insensitive; an absent or empty `Type` is `Seal` (GB/T 33190-2016 Table 67).
    init?(attribute: String) {
        switch attribute.lowercased() {
        case "", "seal": self = .seal
        case "sign": self = .sign
        default: return nil
        }
    }
}

/// The OFD namespace: `http://www.ofdspec.org/2016`; writers vary it (a trailing slash, another year), so any
/// `http://www.ofdspec.org` namespace is read, as ofdrw does; elements without a namespace too.
enum OFDNamespace {
    static func accepts(_ element: XMLElementNode) -> Bool {
        element.namespace.isEmpty || element.namespace.hasPrefix("http://www.ofdspec.org")
    }
}

extension XMLElementNode {
    /// The first child with this local name in the OFD namespace.
    func ofdChild(_ localName: String) -> XMLElementNode? {
        childElements.first { $0.localName == localName && OFDNamespace.accepts($0) }
    }

    /// The children with this local name in the OFD namespace.
    func ofdChildren(_ localName: String) -> [XMLElementNode] {
        childElements.filter { $0.localName == localName && OFDNamespace.accepts($0) }
    }
}
