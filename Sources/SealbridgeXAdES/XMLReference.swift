package import SealbridgeCrypto
package import SealbridgeXML

/// One `ds:Reference` of a `SignedInfo` or a `ds:Manifest` (XML-DSig 1.1 §4.4.3), read but not yet dereferenced.
package struct XMLReference {
    /// One `ds:Transform`, in order.
    package enum Transform {
        /// The enveloped-signature transform: the signature holding the reference is left out.
        case envelopedSignature
        /// A canonicalisation, with exclusive C14N's inclusive prefixes.
        case canonicalization(CanonicalizationMethod, inclusivePrefixes: [String])
        /// Base64 decoding of the text (XML-DSig 1.1 §6.6.2).
        case base64
        /// The XPath transform (XML-DSig 1.1 §6.6.3) in the one form signers use it, and the only one DSS accepts:
        /// `not(ancestor-or-self::ds:Signature)`, which leaves out every signature of the document.
        case xpathExcludingSignatures
        /// XPath Filter 2.0 (XML-DSig XPath Filter 2.0 §3): each step intersects, subtracts or unions subtrees.
        case xpathFilter2([(NodeSetFilter.Operation, String)], namespaces: [(prefix: String, uri: String)])
        /// Any other transform, by URI: not processed.
        case unsupported(String)
    }

    /// The element.
    package let element: XMLElementNode
    /// `URI`; nil when the attribute is absent (the application knows the data: Sealbridge then has none).
    package let uri: String?
    /// `Id`.
    package let id: String?
    /// `Type` (e.g. `http://uri.etsi.org/01903#SignedProperties`).
    package let type: String?
    /// The transforms, in order.
    package let transforms: [Transform]
    /// `DigestMethod/@Algorithm`.
    package let digestMethod: String
    /// The digest function, when known.
    package let digestFunction: HashFunction?
    /// `DigestValue`, when it is base64; nil when it is not (the reference cannot match).
    package let digestValue: [UInt8]?

    /// Reads `element`.
    package init(_ element: XMLElementNode) {
        self.element = element
        uri = element.attribute("URI")
        id = element.attribute("Id")
        type = element.attribute("Type")
        digestMethod = element.child(XMLDSigNamespace.dsig, "DigestMethod")?.attribute("Algorithm") ?? ""
        digestFunction = XMLSignatureAlgorithms.digest(digestMethod)
        digestValue = element.child(XMLDSigNamespace.dsig, "DigestValue").flatMap { decodeXMLBase64($0.text) }
        let transformElements =
            element.child(XMLDSigNamespace.dsig, "Transforms")?.children(XMLDSigNamespace.dsig, "Transform") ?? []
        transforms = transformElements.map(Self.transform)
    }

    /// What one `ds:Transform` asks.
    static func transform(_ element: XMLElementNode) -> Transform {
        let algorithm = element.attribute("Algorithm") ?? ""
        if algorithm == XMLSignatureAlgorithms.envelopedSignature { return .envelopedSignature }
        if algorithm == XMLSignatureAlgorithms.base64Transform { return .base64 }
        if let method = CanonicalizationMethod(uri: algorithm) {
            return .canonicalization(method, inclusivePrefixes: inclusivePrefixes(of: element))
        }
        if algorithm == XMLSignatureAlgorithms.xpathTransform {
            // Any other XPath expression is refused: evaluating arbitrary XPath per node is unbounded work.
            guard let xpath = element.child(XMLDSigNamespace.dsig, "XPath") else {
                return .unsupported(algorithm + " (no XPath)")
            }
            let expression = xpath.text.filter { !$0.isWhitespace }
            let prefixes = xpath.namespacesInScope.filter { $0.uri == XMLDSigNamespace.dsig }.map(\.prefix)
            if prefixes.contains(where: { expression == "not(ancestor-or-self::\($0):Signature)" }) {
                return .xpathExcludingSignatures
            }
            return .unsupported(algorithm + " with the expression \(xpath.text.prefix(120))")
        }
        if algorithm == XMLSignatureAlgorithms.xpathFilter2Transform {
            var steps: [(NodeSetFilter.Operation, String)] = []
            var namespaces: [(String, String)] = []
            for xpath in element.children(XMLDSigNamespace.xpathFilter2, "XPath") {
                guard let operation = xpath.attribute("Filter").flatMap(NodeSetFilter.Operation.init(rawValue:)) else {
                    return .unsupported(algorithm + " (a Filter that is not intersect, subtract or union)")
                }
                steps.append((operation, xpath.text))
                namespaces += xpath.namespacesInScope
            }
            guard !steps.isEmpty else { return .unsupported(algorithm + " (no XPath)") }
            return .xpathFilter2(steps, namespaces: namespaces)
        }
        return .unsupported(algorithm.isEmpty ? "(a transform without Algorithm)" : algorithm)
    }

    /// Exclusive C14N's `InclusiveNamespaces/@PrefixList` under `element`.
    package static func inclusivePrefixes(of element: XMLElementNode?) -> [String] {
        guard let list = element?.child(XMLDSigNamespace.exclusiveC14N, "InclusiveNamespaces")?.attribute("PrefixList")
        else { return [] }
        return list.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).map(String.init)
    }
}
