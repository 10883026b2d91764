import Foundation
package import SealbridgeCrypto
package import SealbridgeXML

/// A document outside the XML that a detached reference may name, as the caller gave it: references are resolved
/// only from these, never from the network or the file system.
package struct XMLDetachedDocument: Sendable {
    /// Its name (a file name), matched with the reference's URI.
    package let name: String
    /// Its bytes, for references that transform it.
    package let bytes: @Sendable () throws -> [UInt8]
    /// Its digest with a function, streamed (a reference without transforms; any size in constant memory).
    package let digest: @Sendable (HashFunction) throws -> [UInt8]

    package init(
        name: String,
        bytes: @escaping @Sendable () throws -> [UInt8],
        digest: @escaping @Sendable (HashFunction) throws -> [UInt8]
    ) {
        self.name = name
        self.bytes = bytes
        self.digest = digest
    }

    /// Whether a reference `URI` names this document: the whole URI, or its last path segment, percent-decoded.
    package func isNamed(by uri: String) -> Bool {
        let decoded = uri.removingPercentEncoding ?? uri
        let last = decoded.split(separator: "/").last.map(String.init) ?? decoded
        return name == uri || name == decoded || name == last
    }
}

/// What one reference selected and whether its digest matched (XML-DSig 1.1 §3.2.1, reference validation).
package struct XMLReferenceCheck {
    /// What the reference selected.
    package enum Target {
        /// The whole document (`URI=""`, `#xpointer(/)`), less what transforms removed.
        case wholeDocument
        /// One element of the document, by its unique identifier.
        case element(XMLElementNode)
        /// A document the caller gave.
        case detached(String)
        /// Nothing (not found, not dereferenced).
        case none
    }

    /// The outcome.
    package enum Outcome: Equatable {
        /// The digest matches.
        case matched
        /// The digest differs: the data was changed after signing.
        case mismatched(String)
        /// The data is not available (a detached file not given, an identifier no element has).
        case notFound(String)
        /// An algorithm or transform Sealbridge does not process.
        case unsupported(String)
        /// The reference is unusable or unsafe (a duplicated identifier, a transform that failed).
        case malformed(String)
    }

    /// The reference.
    package let reference: XMLReference
    /// What it selected.
    package let target: Target
    /// The outcome.
    package let outcome: Outcome

    /// The element the reference selected, when it selected one.
    package var selectedElement: XMLElementNode? {
        if case .element(let element) = target { return element }
        return nil
    }

    /// Whether the reference selected `element` and its digest matched.
    package func signsMatching(_ element: XMLElementNode) -> Bool {
        selectedElement?.pointer == element.pointer && outcome == .matched
    }

    /// A sentence naming what the reference covers, for people.
    package var targetDescription: String {
        switch target {
        case .wholeDocument: return "the whole document"
        case .element(let element):
            let id = element.attribute("Id") ?? element.attribute("ID") ?? element.attribute("id") ?? ""
            return "element <\(element.localName)> Id \"\(id)\" (line \(element.line))"
        case .detached(let name): return "the file \(name)"
        case .none: return "reference \"\(reference.uri ?? "(no URI)")\""
        }
    }
}

/// Dereferences `ds:Reference`s and applies their transforms (XML-DSig 1.1 §4.4.3): same-document references by a
/// unique identifier, the whole document, and the caller's detached documents.
package struct XMLReferenceResolver {
    /// The document holding the signature.
    let tree: XMLTree
    /// Its elements by identifier (``XMLTree/elementsByAnyID()``, built once per document).
    let identifiers: [String: [XMLElementNode]]
    /// The `ds:Signature` the references belong to (what the enveloped transform leaves out).
    let signature: XMLElementNode
    /// The caller's documents.
    let detached: [XMLDetachedDocument]
    /// The document to use for the one external reference of a signature when no document's name matches it: the
    /// only document given, for the only external reference.
    let fallback: XMLDetachedDocument?

    package init(
        tree: XMLTree,
        identifiers: [String: [XMLElementNode]],
        signature: XMLElementNode,
        detached: [XMLDetachedDocument],
        fallback: XMLDetachedDocument?
    ) {
        self.tree = tree
        self.identifiers = identifiers
        self.signature = signature
        self.detached = detached
        self.fallback = fallback
    }

    /// The data a dereferenced URI gives before its transforms.
    enum Data {
        /// Nodes of the document: the subtree (nil: everything), what is left out, and whether comments count.
        case nodes(subtree: XMLElementNode?, excluded: [XMLElementNode], filters: [NodeSetFilter], comments: Bool)
        /// Octets.
        case octets([UInt8])
    }

    /// Thrown and caught within one check, on one task (elements are not `Sendable`).
    struct Failure: Error, @unchecked Sendable {
        let outcome: XMLReferenceCheck.Outcome
        let target: XMLReferenceCheck.Target
    }

    /// Checks one reference's digest.
    package func check(_ reference: XMLReference) -> XMLReferenceCheck {
        guard let function = reference.digestFunction else {
            return XMLReferenceCheck(
                reference: reference,
                target: .none,
                outcome: .unsupported(
                    "DigestMethod \(reference.digestMethod.isEmpty ? "(missing)" : reference.digestMethod)"
                )
            )
        }
        let computed: [UInt8]
        let target: XMLReferenceCheck.Target
        do {
            (computed, target) = try digest(reference, with: function)
        } catch let failure as Failure {
            return XMLReferenceCheck(reference: reference, target: failure.target, outcome: failure.outcome)
        } catch {
            return XMLReferenceCheck(reference: reference, target: .none, outcome: .malformed("\(error)"))
        }
        guard let expected = reference.digestValue else {
            return XMLReferenceCheck(
                reference: reference,
                target: target,
                outcome: .mismatched("its DigestValue is not base64")
            )
        }
        let matches = computed == expected
        return XMLReferenceCheck(
            reference: reference,
            target: target,
            outcome: matches ? .matched : .mismatched("the digest of \(targetDescription(target, reference)) differs")
        )
    }

    private func targetDescription(_ target: XMLReferenceCheck.Target, _ reference: XMLReference) -> String {
        XMLReferenceCheck(reference: reference, target: target, outcome: .matched).targetDescription
    }

    /// The digest of the reference's data after its transforms, streamed for an untransformed detached file.
    func digest(_ reference: XMLReference, with function: HashFunction) throws -> ([UInt8], XMLReferenceCheck.Target) {
        let (data, target) = try dereference(reference)
        if case .detached(let name) = target, reference.transforms.isEmpty,
            let document = detachedDocument(for: reference.uri ?? "")
        {
            do {
                return (try document.digest(function), target)
            } catch {
                throw Failure(outcome: .notFound("the file \(name) could not be read: \(error)"), target: target)
            }
        }
        let octets = try transformed(data, reference, target: target, finalMethod: CanonicalizationMethod.all[0])
        return (function.digest(octets), target)
    }

    /// The octets the reference's data gives after its transforms, a node-set at the end canonicalised with
    /// `finalMethod` (XML-DSig 1.1 §4.4.3.2; a content time-stamp names its own, EN 319 132-1 §5.2.8).
    package func octets(_ reference: XMLReference, finalMethod: CanonicalizationMethod) -> [UInt8]? {
        guard let (data, target) = try? dereference(reference) else { return nil }
        return try? transformed(data, reference, target: target, finalMethod: finalMethod)
    }

    /// What the URI selects (XML-DSig 1.1 §4.4.3.3).
    func dereference(_ reference: XMLReference) throws -> (Data, XMLReferenceCheck.Target) {
        guard let uri = reference.uri else {
            throw Failure(
                outcome: .notFound("a reference without URI names data only its application knows"),
                target: .none
            )
        }
        if uri.isEmpty { return (.nodes(subtree: nil, excluded: [], filters: [], comments: false), .wholeDocument) }
        if uri == "#xpointer(/)" {
            return (.nodes(subtree: nil, excluded: [], filters: [], comments: true), .wholeDocument)
        }
        if uri.hasPrefix("#") {
            var identifier = String(uri.dropFirst())
            var comments = false
            if identifier.hasPrefix("xpointer(id("), identifier.hasSuffix("))") {
                let inner = identifier.dropFirst("xpointer(id(".count).dropLast(2)
                guard inner.count >= 2, let quote = inner.first, quote == "'" || quote == "\"", inner.last == quote
                else { throw Failure(outcome: .unsupported("the XPointer \(uri)"), target: .none) }
                identifier = String(inner.dropFirst().dropLast())
                comments = true
            } else if identifier.hasPrefix("xpointer(") {
                throw Failure(outcome: .unsupported("the XPointer \(uri)"), target: .none)
            }
            let matches = identifiers[identifier] ?? []
            guard matches.count == 1, let element = matches.first else {
                if matches.isEmpty {
                    throw Failure(outcome: .notFound("no element has the identifier \"\(identifier)\""), target: .none)
                }
                throw Failure(
                    outcome: .malformed(
                        "\(matches.count) elements have the identifier \"\(identifier)\" (a signature-wrapping attempt, "
                            + "or a broken document): the reference cannot say which one was signed"
                    ),
                    target: .none
                )
            }
            return (.nodes(subtree: element, excluded: [], filters: [], comments: comments), .element(element))
        }
        guard let document = detachedDocument(for: uri) else {
            throw Failure(
                outcome: .notFound(
                    "the signed file \"\(uri)\" was not given (Sealbridge reads detached data only from the documents "
                        + "you give, never from the network or the disk)"
                ),
                target: .none
            )
        }
        if reference.transforms.isEmpty { return (.octets([]), .detached(document.name)) }
        do {
            return (.octets(try document.bytes()), .detached(document.name))
        } catch {
            throw Failure(
                outcome: .notFound("the file \(document.name) could not be read: \(error)"),
                target: .detached(document.name)
            )
        }
    }

    /// Every outermost `ds:Signature` under `root`, in document order (a nested one, a counter-signature, is inside
    /// its parent's subtree).
    static func signatures(under root: XMLElementNode) -> [XMLElementNode] {
        var found: [XMLElementNode] = []
        var stack = [root]
        while let element = stack.popLast() {
            if element.is(XMLDSigNamespace.dsig, "Signature") {
                found.append(element)
                continue
            }
            stack.append(contentsOf: element.childElements.reversed())
        }
        return found
    }

    func detachedDocument(for uri: String) -> XMLDetachedDocument? {
        detached.first { $0.isNamed(by: uri) } ?? fallback
    }

    /// Applies the transforms in order; a node-set left at the end is canonicalised with `finalMethod`.
    func transformed(
        _ data: Data,
        _ reference: XMLReference,
        target: XMLReferenceCheck.Target,
        finalMethod: CanonicalizationMethod
    ) throws -> [UInt8] {
        var data = data
        func fail(_ why: String) -> Failure { Failure(outcome: .malformed(why), target: target) }
        for transform in reference.transforms {
            switch transform {
            case .envelopedSignature:
                guard case .nodes(let subtree, let excluded, let filters, let comments) = data else {
                    throw fail("the enveloped-signature transform needs XML, not octets")
                }
                data = .nodes(subtree: subtree, excluded: excluded + [signature], filters: filters, comments: comments)
            case .xpathExcludingSignatures:
                guard case .nodes(let subtree, let excluded, let filters, let comments) = data else {
                    throw fail("the XPath transform needs XML, not octets")
                }
                let signatures = tree.root.map { Self.signatures(under: $0) } ?? []
                data = .nodes(subtree: subtree, excluded: excluded + signatures, filters: filters, comments: comments)
            case .xpathFilter2(let steps, let namespaces):
                guard case .nodes(let subtree, let excluded, var filters, let comments) = data else {
                    throw fail("XPath Filter 2.0 needs XML, not octets")
                }
                for (operation, expression) in steps {
                    do {
                        let nodes = try tree.nodes(matchingXPath: expression, namespaces: namespaces)
                        filters.append(NodeSetFilter(operation: operation, nodes: nodes))
                    } catch {
                        throw fail("XPath Filter 2.0: \(error.reason)")
                    }
                }
                data = .nodes(subtree: subtree, excluded: excluded, filters: filters, comments: comments)
            case .canonicalization(let method, let prefixes):
                data = .octets(try canonical(data, method: method, prefixes: prefixes, target: target))
            case .base64:
                let text: String
                switch data {
                case .octets(let bytes): text = String(decoding: bytes, as: UTF8.self)
                case .nodes(let subtree, _, _, _): text = subtree?.text ?? tree.root?.text ?? ""
                }
                guard let decoded = decodeXMLBase64(text) else {
                    throw fail("the base64 transform's input is not base64")
                }
                data = .octets(decoded)
            case .unsupported(let uri):
                throw Failure(outcome: .unsupported("the transform \(uri)"), target: target)
            }
        }
        switch data {
        case .octets(let bytes): return bytes
        case .nodes: return try canonical(data, method: finalMethod, prefixes: [], target: target)
        }
    }

    /// A node-set (or octets parsed as XML, XML-DSig 1.1 §4.4.3.2) canonicalised.
    func canonical(
        _ data: Data,
        method: CanonicalizationMethod,
        prefixes: [String],
        target: XMLReferenceCheck.Target
    ) throws -> [UInt8] {
        do {
            switch data {
            case .nodes(let subtree, let excluded, let filters, let comments):
                return try tree.canonicalForm(
                    of: subtree,
                    excludingAll: excluded,
                    filters: filters,
                    method: comments ? method : method.withoutComments,
                    inclusivePrefixes: prefixes
                )
            case .octets(let bytes):
                let parsed = try XMLTree(parsing: bytes, source: "referenced data")
                return try parsed.canonicalForm(of: nil, excluding: nil, method: method, inclusivePrefixes: prefixes)
            }
        } catch {
            throw Failure(outcome: .malformed("canonicalisation failed: \(error.reason)"), target: target)
        }
    }
}
