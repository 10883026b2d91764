import SealbridgeXML

/// An OFD package (GB/T 33190-2016): the ZIP container, `OFD.xml` and, for each document body, its signature
/// list. Parts are inflated only when asked for; every part is bounded by the package's ``ZIPLimits``.
public struct OFDDocument: Sendable {
    /// One `DocBody` of `OFD.xml`.
    public struct Body: Sendable, Hashable {
        /// The absolute location of the document's `Document.xml` (`DocRoot`).
        public let documentRoot: String?
        /// The absolute location of its `Signatures.xml`, when it is signed.
        public let signaturesLocation: String?
    }

    /// One signature as listed, with the parts it names read (or why they could not be).
    public struct Signature: Sendable {
        /// The entry of the signature list.
        public let entry: OFDSignatureList.Entry
        /// The `Signature.xml` bytes as stored (the seal's `dataHash` covers exactly these).
        public let descriptionBytes: [UInt8]
        /// The parsed `Signature.xml`, or why it could not be read.
        public let description: Result<OFDSignatureDescription, OFDError>
        /// `SignedValue.dat`, when the description names one that is present.
        public let signedValue: [UInt8]?
        /// The seal file (`Seal.esl`), when named and present.
        public let sealFile: [UInt8]?
    }

    /// The ZIP container.
    public let archive: ZIPArchive
    /// The most signatures read per document (an e-invoice has one to three; a contract a handful).
    public static let maximumSignatures = 100
    /// The document bodies of `OFD.xml`.
    public let bodies: [Body]

    /// Reads the package and `OFD.xml`.
    ///
    /// - Throws: ``OFDError`` when the bytes are not an OFD package.
    public init(bytes: [UInt8], limits: ZIPLimits = .standard) throws(OFDError) {
        do { archive = try ZIPArchive(bytes: bytes, limits: limits) } catch {
            throw OFDError("not a readable OFD package: \(error)")
        }
        guard let main = try Self.part("OFD.xml", in: archive) else {
            throw OFDError("the package has no OFD.xml, so it is not an OFD document")
        }
        let tree: XMLTree
        do { tree = try XMLTree(parsing: main, source: "OFD.xml") } catch {
            throw OFDError(part: "OFD.xml", error.reason)
        }
        guard let root = tree.root, root.localName == "OFD", OFDNamespace.accepts(root) else {
            throw OFDError(part: "OFD.xml", "has no ofd:OFD root element")
        }
        bodies = root.ofdChildren("DocBody").map { body in
            Body(
                documentRoot: body.ofdChild("DocRoot").flatMap { OFDPath.resolve($0.text, relativeTo: "OFD.xml") },
                signaturesLocation: body.ofdChild("Signatures").flatMap {
                    OFDPath.resolve($0.text, relativeTo: "OFD.xml")
                }
            )
        }
        guard !bodies.isEmpty else { throw OFDError(part: "OFD.xml", "has no DocBody") }
    }

    /// One page of a document (GB/T 33190-2016 §7.5 `Pages/Page`): its object ID, which `StampAnnot@PageRef` names,
    /// and the location of its content.
    public struct Page: Sendable, Hashable {
        /// The page's object ID (what `StampAnnot@PageRef` names).
        public let id: String
        /// The absolute location of its content.
        public let location: String?
    }

    /// The pages of `body`, in order.
    ///
    /// - Throws: ``OFDError`` when the body has no readable `Document.xml`.
    public func pages(of body: Body) throws(OFDError) -> [Page] {
        guard let root = body.documentRoot, let bytes = try part(root) else {
            throw OFDError(part: "OFD.xml", "the document body names no Document.xml that the package has")
        }
        let tree: XMLTree
        do { tree = try XMLTree(parsing: bytes, source: root) } catch { throw OFDError(part: root, error.reason) }
        guard let document = tree.root, document.localName == "Document" else {
            throw OFDError(part: root, "has no ofd:Document root element")
        }
        return (document.ofdChild("Pages")?.ofdChildren("Page") ?? []).map { page in
            Page(
                id: page.attribute("ID") ?? "",
                location: page.attribute("BaseLoc").flatMap { OFDPath.resolve($0, relativeTo: root) }
            )
        }
    }

    /// A part's bytes by absolute location, nil when the package has no such part.
    public func part(_ location: String) throws(OFDError) -> [UInt8]? {
        try Self.part(location, in: archive)
    }

    private static func part(_ location: String, in archive: ZIPArchive) throws(OFDError) -> [UInt8]? {
        guard let entry = archive.entry(named: location) ?? archive.entry(namedIgnoringCase: location) else {
            return nil
        }
        do { return try archive.contents(of: entry).bytes } catch { throw OFDError(part: location, "\(error)") }
    }

    /// Every signature of every document body, in list order.
    ///
    /// - Throws: ``OFDError`` when a signature list exists but cannot be read.
    public func signatures() throws(OFDError) -> [Signature] {
        var signatures: [Signature] = []
        for body in bodies {
            guard let location = body.signaturesLocation else { continue }
            guard let listBytes = try part(location) else {
                throw OFDError(part: location, "OFD.xml names this signature list, but the package has no such part")
            }
            let list = try OFDSignatureList(bytes: listBytes, path: location)
            guard signatures.count + list.entries.count <= Self.maximumSignatures else {
                throw OFDError(
                    part: location,
                    "lists more than \(Self.maximumSignatures) signatures; Sealbridge reads no more per document"
                )
            }
            for entry in list.entries {
                guard !signatures.contains(where: { $0.entry.location == entry.location }) else {
                    throw OFDError(part: location, "lists \(entry.location) twice; a signature is listed once")
                }
                signatures.append(try signature(entry))
            }
        }
        return signatures
    }

    private func signature(_ entry: OFDSignatureList.Entry) throws(OFDError) -> Signature {
        guard let bytes = try part(entry.location) else {
            return Signature(
                entry: entry,
                descriptionBytes: [],
                description: .failure(OFDError(part: entry.location, "is listed but missing from the package")),
                signedValue: nil,
                sealFile: nil
            )
        }
        let description: Result<OFDSignatureDescription, OFDError>
        do { description = .success(try OFDSignatureDescription(bytes: bytes, path: entry.location)) } catch {
            description = .failure(error)
        }
        let parsed = try? description.get()
        return Signature(
            entry: entry,
            descriptionBytes: bytes,
            description: description,
            signedValue: try parsed.flatMap { description throws(OFDError) in try part(description.signedValueLocation)
            },
            sealFile: try parsed?.sealLocation.flatMap { location throws(OFDError) in try part(location) }
        )
    }
}
