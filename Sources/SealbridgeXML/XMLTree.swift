package import CLibXML2

/// A parsed XML document held by libxml2, read with the settings hostile XML (trusted lists, OFD documents, signatures) needs (see
/// docs/design-notes/etsi-trusted-lists.md §3): no DOCTYPE at all (so no entity can be declared, expanded or
/// fetched), no network, no recovery from errors, libxml2's own depth and text-length limits left on.
///
/// Not `Sendable`: one parse, read on one task, freed with the value.
package final class XMLTree {
    /// The libxml2 document.
    package let document: xmlDocPtr
    /// Where the bytes came from, for errors.
    package let source: String

    /// Parses `bytes`.
    ///
    /// - Throws: `TrustError` naming `source`: a DOCTYPE (entity declarations are how XML bombs and external-entity
    ///   attacks start, and no trusted list has one), or XML that is not well-formed (with libxml2's reason).
    package init(parsing bytes: [UInt8], source: String) throws(XMLDocumentError) {
        XMLTree.prepareParser()
        self.source = source
        guard bytes.count < Int(Int32.max) else {
            throw XMLDocumentError(file: source, field: "(document)", reason: "larger than 2 GiB")
        }
        guard let context = xmlNewParserCtxt() else {
            throw XMLDocumentError(file: source, field: "(document)", reason: "libxml2 could not make a parser context")
        }
        defer { xmlFreeParserCtxt(context) }
        context.pointee.sax.pointee.internalSubset = XMLTree.stopAtDocumentType
        // Not NOENT (it substitutes entities and reads local files), not HUGE (it lifts the amplification guard), not
        // NOBLANKS (whitespace is signed content), not RECOVER.
        let options = Int32(
            bitPattern: XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
        )
        let parsed: xmlDocPtr? = bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return nil }
            return xmlCtxtReadMemory(
                context,
                base.assumingMemoryBound(to: CChar.self),
                Int32(raw.count),
                "document.xml",
                nil,
                options
            )
        }
        let stoppedAtDocumentType = context.pointee.errNo == Int32(XML_ERR_USER_STOP.rawValue)
        guard let parsed, !stoppedAtDocumentType, context.pointee.wellFormed != 0,
            parsed.pointee.intSubset == nil, parsed.pointee.extSubset == nil
        else {
            if let parsed { xmlFreeDoc(parsed) }
            if stoppedAtDocumentType {
                throw XMLDocumentError(
                    file: source,
                    field: "(document)",
                    reason:
                        "has a DOCTYPE; Sealbridge reads no XML with one, and entity declarations are refused (XML bomb or "
                        + "external-entity defence)"
                )
            }
            let message = context.pointee.lastError.message.map { String(cString: $0) } ?? "not well-formed"
            let line = context.pointee.lastError.line
            throw XMLDocumentError(
                file: source,
                field: "(document)",
                reason: "not well-formed XML at line \(line): \(message.trimmingTrailingNewlines)"
            )
        }
        document = parsed
    }

    deinit { xmlFreeDoc(document) }

    /// The root element.
    package var root: XMLElementNode? {
        xmlDocGetRootElement(document).map { XMLElementNode(pointer: $0, owner: self) }
    }

    /// Every element in the document whose attribute `Id` is `identifier` (libxml2 knows no ID types without a DTD,
    /// so this walks the tree; callers require exactly one — the signature-wrapping defence).
    package func elements(withID identifier: String) -> [XMLElementNode] {
        var found: [XMLElementNode] = []
        guard let root else { return found }
        var stack = [root]
        while let element = stack.popLast() {
            if element.attribute("Id") == identifier { found.append(element) }
            stack.append(contentsOf: element.childElements.reversed())
        }
        return found
    }

    /// Every element by the values of its `Id`, `ID` and `id` attributes — the attributes XML signers use for
    /// same-document references (XAdES `Id`, SAML `ID`, others `id`) — in one walk of the tree. A reference resolves
    /// only when exactly one element carries the value in any of the three (the signature-wrapping defence: a second
    /// element with the same identifier is never chosen between).
    package func elementsByAnyID() -> [String: [XMLElementNode]] {
        var index: [String: [XMLElementNode]] = [:]
        guard let root else { return index }
        var stack = [root]
        while let element = stack.popLast() {
            for name in ["Id", "ID", "id"] {
                guard let value = element.attribute(name) else { continue }
                // An element naming the same value twice (Id="a" id="a") is still one element.
                if index[value]?.last?.pointer != element.pointer { index[value, default: []].append(element) }
            }
            stack.append(contentsOf: element.childElements.reversed())
        }
        return index
    }

    /// The canonical form (W3C C14N 1.0, 1.1 or exclusive 1.0) of the nodes under `subtree` (the whole document when
    /// nil), leaving out everything under `excluded` — the node-set an enveloped-signature transform selects.
    package func canonicalForm(
        of subtree: XMLElementNode?,
        excluding excluded: XMLElementNode?,
        method: CanonicalizationMethod,
        inclusivePrefixes: [String] = []
    ) throws(XMLDocumentError) -> [UInt8] {
        try canonicalForm(
            of: subtree,
            excludingAll: excluded.map { [$0] } ?? [],
            filters: [],
            method: method,
            inclusivePrefixes: inclusivePrefixes
        )
    }

    /// The canonical form of the nodes under `subtree` (the whole document when nil), leaving out everything under
    /// each of `excluded`, and keeping only the nodes `filters` select in turn (XPath Filter 2.0).
    package func canonicalForm(
        of subtree: XMLElementNode?,
        excludingAll excluded: [XMLElementNode],
        filters: [NodeSetFilter],
        method: CanonicalizationMethod,
        inclusivePrefixes: [String] = []
    ) throws(XMLDocumentError) -> [UInt8] {
        guard let buffer = xmlAllocOutputBuffer(nil) else {
            throw XMLDocumentError(file: source, field: "(canonicalisation)", reason: "out of memory")
        }
        let selection = Unmanaged.passRetained(
            CanonicalSelection(subtree: subtree?.pointer, excluded: excluded.map(\.pointer), filters: filters)
        )
        defer { selection.release() }
        // exclusive C14N's InclusiveNamespaces PrefixList: a NULL-terminated array of C strings.
        let prefixes = inclusivePrefixes.map { xmlStrdupCString($0) }
        defer {
            for prefix in prefixes { sealbridge_xmlFree(prefix) }
        }
        var prefixArray: [UnsafeMutablePointer<xmlChar>?] = prefixes + [nil]
        let result = prefixArray.withUnsafeMutableBufferPointer { array in
            xmlC14NExecute(
                document,
                XMLTree.isVisible,
                selection.toOpaque(),
                Int32(method.mode.rawValue),
                inclusivePrefixes.isEmpty ? nil : array.baseAddress,
                method.withComments ? 1 : 0,
                buffer
            )
        }
        var bytes: [UInt8] = []
        if result >= 0, let content = xmlOutputBufferGetContent(buffer) {
            bytes = Array(UnsafeBufferPointer(start: content, count: Int(xmlOutputBufferGetSize(buffer))))
        }
        xmlOutputBufferClose(buffer)
        guard result >= 0 else {
            throw XMLDocumentError(file: source, field: "(canonicalisation)", reason: "libxml2 could not canonicalise")
        }
        return bytes
    }

    /// The nodes an XPath 1.0 expression selects, evaluated at the document's root node with `namespaces` bound —
    /// bounded: at most `XMLTree.xpathOperationLimit` steps (a hostile expression in a signature cannot hang the
    /// validator) and `XMLTree.xpathNodeLimit` nodes.
    ///
    /// - Throws: when the expression does not compile, exceeds the limits, or does not select nodes.
    package func nodes(
        matchingXPath expression: String,
        namespaces: [(prefix: String, uri: String)]
    ) throws(XMLDocumentError) -> Set<UnsafeMutableRawPointer> {
        guard let context = xmlXPathNewContext(document) else {
            throw XMLDocumentError(file: source, field: "(XPath)", reason: "out of memory")
        }
        defer { xmlXPathFreeContext(context) }
        context.pointee.opLimit = XMLTree.xpathOperationLimit
        context.pointee.opCount = 0
        for (prefix, uri) in namespaces where !prefix.isEmpty {
            _ = prefix.withCString { p in
                uri.withCString { u in
                    xmlXPathRegisterNs(
                        context,
                        UnsafeRawPointer(p).assumingMemoryBound(to: xmlChar.self),
                        UnsafeRawPointer(u).assumingMemoryBound(to: xmlChar.self)
                    )
                }
            }
        }
        let result = expression.withCString {
            xmlXPathEvalExpression(UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self), context)
        }
        guard let result else {
            throw XMLDocumentError(
                file: source,
                field: "(XPath)",
                reason: "the expression \"\(expression.prefix(200))\" is not valid XPath or took too long to evaluate"
            )
        }
        defer { xmlXPathFreeObject(result) }
        guard result.pointee.type == XPATH_NODESET else {
            throw XMLDocumentError(file: source, field: "(XPath)", reason: "the expression does not select nodes")
        }
        var selected = Set<UnsafeMutableRawPointer>()
        guard let nodeSet = result.pointee.nodesetval, let table = nodeSet.pointee.nodeTab else { return selected }
        let count = Int(nodeSet.pointee.nodeNr)
        guard count <= XMLTree.xpathNodeLimit else {
            throw XMLDocumentError(
                file: source,
                field: "(XPath)",
                reason: "the expression selects more than \(XMLTree.xpathNodeLimit) nodes"
            )
        }
        for index in 0..<count {
            if let node = table[index] { selected.insert(UnsafeMutableRawPointer(node)) }
        }
        return selected
    }

    /// The most XPath steps one expression may take.
    package static let xpathOperationLimit: UInt = 5_000_000
    /// The most nodes one expression may select.
    package static let xpathNodeLimit = 1_000_000

    // MARK: libxml2 set-up and callbacks (C function pointers: no captures)

    private static let parserPrepared: Bool = {
        xmlInitParser()
        // Process-wide: nothing is ever loaded from outside the bytes given (external DTDs, entities, XIncludes).
        xmlSetExternalEntityLoader { _, _, _ in nil }
        return true
    }()

    private static func prepareParser() { _ = parserPrepared }

    private static let stopAtDocumentType: internalSubsetSAXFunc = { context, _, _, _ in
        guard let context else { return }
        xmlStopParser(context.assumingMemoryBound(to: xmlParserCtxt.self))
    }

    private static let isVisible: xmlC14NIsVisibleCallback = { userData, node, parent in
        guard let userData, let node else { return 1 }
        let selection = Unmanaged<CanonicalSelection>.fromOpaque(userData).takeUnretainedValue()
        // Namespace and attribute nodes come as xmlNs*/xmlAttr* in disguise: start from their owner element.
        let kind = sealbridge_xmlNodeKind(UnsafeRawPointer(node))
        let start: xmlNodePtr? = (kind == XML_NAMESPACE_DECL || kind == XML_ATTRIBUTE_NODE) ? parent : node
        var inside = selection.subtree == nil
        var current = start
        while let element = current {
            if selection.excluded.contains(element) { return 0 }
            if element == selection.subtree { inside = true }
            current = element.pointee.parent
        }
        guard inside else { return 0 }
        guard !selection.filters.isEmpty else { return 1 }
        // XPath Filter 2.0 §3.4: each step's node-set stands for the subtrees of the nodes it selected.
        var kept = true
        for filter in selection.filters {
            var inSubtrees = false
            var cursor = start
            while let element = cursor {
                if filter.nodes.contains(UnsafeMutableRawPointer(element)) {
                    inSubtrees = true
                    break
                }
                cursor = element.pointee.parent
            }
            switch filter.operation {
            case .intersect: kept = kept && inSubtrees
            case .subtract: kept = kept && !inSubtrees
            case .union: kept = kept || inSubtrees
            }
        }
        return kept ? 1 : 0
    }
}

/// One step of XPath Filter 2.0: a set operation with the subtrees of the nodes an expression selected.
package struct NodeSetFilter {
    /// The set operations of XPath Filter 2.0 §3.
    package enum Operation: String, Sendable {
        case intersect, subtract, union
    }

    package let operation: Operation
    package let nodes: Set<UnsafeMutableRawPointer>

    package init(operation: Operation, nodes: Set<UnsafeMutableRawPointer>) {
        self.operation = operation
        self.nodes = nodes
    }
}

/// What the C14N callback keeps and leaves out.
private final class CanonicalSelection {
    let subtree: xmlNodePtr?
    let excluded: [xmlNodePtr]
    let filters: [NodeSetFilter]
    init(subtree: xmlNodePtr?, excluded: [xmlNodePtr], filters: [NodeSetFilter]) {
        self.subtree = subtree
        self.excluded = excluded
        self.filters = filters
    }
}

private func xmlStrdupCString(_ text: String) -> UnsafeMutablePointer<xmlChar>? {
    text.withCString { xmlStrdup(UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self)) }
}

/// The W3C canonicalisation algorithms XML-DSig names (XML-DSig 1.1 §6.5).
package struct CanonicalizationMethod: Hashable, Sendable {
    package let uri: String
    package let mode: xmlC14NMode
    package let withComments: Bool

    package static let all: [CanonicalizationMethod] = [
        .init(uri: "http://www.w3.org/TR/2001/REC-xml-c14n-20010315", mode: XML_C14N_1_0, withComments: false),
        .init(
            uri: "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments",
            mode: XML_C14N_1_0,
            withComments: true
        ),
        .init(uri: "http://www.w3.org/2001/10/xml-exc-c14n#", mode: XML_C14N_EXCLUSIVE_1_0, withComments: false),
        .init(
            uri: "http://www.w3.org/2001/10/xml-exc-c14n#WithComments",
            mode: XML_C14N_EXCLUSIVE_1_0,
            withComments: true
        ),
        .init(uri: "http://www.w3.org/2006/12/xml-c14n11", mode: XML_C14N_1_1, withComments: false),
        .init(uri: "http://www.w3.org/2006/12/xml-c14n11#WithComments", mode: XML_C14N_1_1, withComments: true),
    ]

    package static let exclusive = all[2]

    package init?(uri: String) {
        guard let known = CanonicalizationMethod.all.first(where: { $0.uri == uri }) else { return nil }
        self = known
    }

    private init(uri: String, mode: xmlC14NMode, withComments: Bool) {
        self.uri = uri
        self.mode = mode
        self.withComments = withComments
    }

    /// The same algorithm without comments: a same-document reference drops comments whatever its transform says
    /// (XML-DSig 1.1 §4.4.3.3).
    package var withoutComments: CanonicalizationMethod {
        CanonicalizationMethod.all.first { $0.mode == mode && !$0.withComments } ?? self
    }
}

/// An element of an `XMLTree`; it keeps the tree alive (an element read after the last use of its tree would
/// otherwise point into freed memory once the optimiser ends the tree's lifetime early).
package struct XMLElementNode {
    package let pointer: xmlNodePtr
    /// The tree the element belongs to.
    package let owner: XMLTree

    /// The namespace URI, or "" when none.
    package var namespace: String {
        pointer.pointee.ns?.pointee.href.map { String(cString: $0) } ?? ""
    }

    /// The local name.
    package var localName: String { String(cString: pointer.pointee.name) }

    /// Whether this is `{namespace}localName`.
    package func `is`(_ namespace: String, _ localName: String) -> Bool {
        self.localName == localName && self.namespace == namespace
    }

    /// The element children, in order.
    package var childElements: [XMLElementNode] {
        var children: [XMLElementNode] = []
        var cursor = pointer.pointee.children
        while let node = cursor {
            if node.pointee.type == XML_ELEMENT_NODE { children.append(XMLElementNode(pointer: node, owner: owner)) }
            cursor = node.pointee.next
        }
        return children
    }

    /// The element children named `{namespace}localName`.
    package func children(_ namespace: String, _ localName: String) -> [XMLElementNode] {
        childElements.filter { $0.is(namespace, localName) }
    }

    /// The first element child named `{namespace}localName`.
    package func child(_ namespace: String, _ localName: String) -> XMLElementNode? {
        childElements.first { $0.is(namespace, localName) }
    }

    /// The text content (all descendant text), whitespace-trimmed.
    package var text: String {
        guard let content = xmlNodeGetContent(pointer) else { return "" }
        defer { sealbridge_xmlFree(content) }
        return String(cString: content).trimmingXMLWhitespace
    }

    /// The value of the attribute without a namespace called `name`.
    package func attribute(_ name: String) -> String? {
        let value = name.withCString {
            xmlGetNoNsProp(pointer, UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self))
        }
        guard let value else { return nil }
        defer { sealbridge_xmlFree(value) }
        return String(cString: value)
    }

    /// The value of `xml:lang`.
    package var language: String? {
        let value = xmlNodeGetLang(pointer)
        guard let value else { return nil }
        defer { sealbridge_xmlFree(value) }
        return String(cString: value)
    }

    /// The parent element.
    package var parent: XMLElementNode? {
        guard let node = pointer.pointee.parent, node.pointee.type == XML_ELEMENT_NODE else { return nil }
        return XMLElementNode(pointer: node, owner: owner)
    }

    /// Whether `ancestor` is this element or one of its ancestors.
    package func isInside(_ ancestor: XMLElementNode) -> Bool {
        var cursor: xmlNodePtr? = pointer
        while let node = cursor {
            if node == ancestor.pointer { return true }
            cursor = node.pointee.parent
        }
        return false
    }

    /// The namespace declarations in scope at this element (nearest first), as XPath expressions in it need them.
    package var namespacesInScope: [(prefix: String, uri: String)] {
        var found: [(String, String)] = []
        var seen = Set<String>()
        var cursor: xmlNodePtr? = pointer
        while let node = cursor, node.pointee.type == XML_ELEMENT_NODE {
            var declaration = node.pointee.nsDef
            while let namespace = declaration {
                let prefix = namespace.pointee.prefix.map { String(cString: $0) } ?? ""
                if !seen.contains(prefix), let href = namespace.pointee.href {
                    seen.insert(prefix)
                    found.append((prefix, String(cString: href)))
                }
                declaration = namespace.pointee.next
            }
            cursor = node.pointee.parent
        }
        return found
    }

    /// The line the element starts on, for messages.
    package var line: Int { Int(xmlGetLineNo(pointer)) }
}

extension String {
    package var trimmingXMLWhitespace: String {
        let whitespace: Set<Character> = [" ", "\t", "\n", "\r"]
        guard let first = firstIndex(where: { !whitespace.contains($0) }),
            let last = lastIndex(where: { !whitespace.contains($0) })
        else { return "" }
        return String(self[first...last])
    }

    package var trimmingTrailingNewlines: String {
        var copy = self
        while copy.last == "\n" || copy.last == "\r" { copy.removeLast() }
        return copy
    }
}
