import Foundation
public import SealbridgeCrypto
import SealbridgeXML
import SwiftASN1

/// One `Signature.xml` (GB/T 33190-2016 §18.2): what was signed (`References`: each file and its digest), how it
/// appears (`StampAnnot`), the seal file and the signed value. Read without depending on element order (ofdrw writes
/// `SignedValue` first, vendors last).
public struct OFDSignatureDescription: Sendable, Hashable {
    /// One protected file.
    public struct Reference: Sendable, Hashable {
        /// The absolute location of the file.
        public let location: String
        /// `FileRef` as written.
        public let fileRef: String
        /// The decoded `CheckValue`, nil when it is not base64.
        public let checkValue: [UInt8]?
    }

    /// Where the seal appears: a page and a box (millimetres).
    public struct StampAnnotation: Sendable, Hashable {
        /// The stamp's object ID.
        public let id: String
        /// The page's object ID (`PageRef`).
        public let pageReference: String
        /// `Boundary` as written: "x y width height".
        public let boundary: String
    }

    /// `Provider@ProviderName`, `@Company`, `@Version`.
    public let providerName: String
    /// `Provider@Company`.
    public let company: String?
    /// `Provider@Version`.
    public let providerVersion: String?
    /// `SignatureMethod` as written (an OID or a name).
    public let signatureMethod: String?
    /// `SignatureDateTime` as written (free text: writers use several forms).
    public let signatureDateTime: String?
    /// `References@CheckMethod` as written, and the hash it names.
    public let checkMethod: String
    /// The hash `CheckMethod` names, nil when Sealbridge does not compute it.
    public let checkFunction: HashFunction?
    /// The protected parts.
    public let references: [Reference]
    /// Where the seal appears.
    public let stampAnnotations: [StampAnnotation]
    /// The absolute location of the seal file (`Seal/BaseLoc`), if any.
    public let sealLocation: String?
    /// The absolute location of `SignedValue.dat`.
    public let signedValueLocation: String

    /// Reads the `Signature.xml` at `path`.
    public init(bytes: [UInt8], path: String) throws(OFDError) {
        let tree: XMLTree
        do { tree = try XMLTree(parsing: bytes, source: path) } catch { throw OFDError(part: path, error.reason) }
        guard let root = tree.root, root.localName == "Signature", OFDNamespace.accepts(root),
            let signedInfo = root.ofdChild("SignedInfo")
        else { throw OFDError(part: path, "is not an OFD signature description (no Signature/SignedInfo)") }
        guard let signedValue = root.ofdChild("SignedValue")?.text,
            let signedValueLocation = OFDPath.resolve(signedValue, relativeTo: path)
        else { throw OFDError(part: path, "names no SignedValue inside the package") }
        self.signedValueLocation = signedValueLocation
        let provider = signedInfo.ofdChild("Provider")
        providerName = provider?.attribute("ProviderName") ?? ""
        company = provider?.attribute("Company")
        providerVersion = provider?.attribute("Version")
        signatureMethod = signedInfo.ofdChild("SignatureMethod")?.text
        signatureDateTime = signedInfo.ofdChild("SignatureDateTime")?.text
        guard let references = signedInfo.ofdChild("References") else {
            throw OFDError(part: path, "has no References: it protects no file")
        }
        // GB/T 33190 Table 70: CheckMethod defaults to MD5; writers name SM3 by name or by its OID.
        checkMethod = references.attribute("CheckMethod")?.trimmingXMLWhitespace ?? "MD5"
        checkFunction = Self.hashFunction(named: checkMethod)
        var list: [Reference] = []
        for element in references.ofdChildren("Reference") {
            guard let fileRef = element.attribute("FileRef"),
                let location = OFDPath.resolve(fileRef, relativeTo: path)
            else { throw OFDError(part: path, "a Reference has no FileRef inside the package (line \(element.line))") }
            guard !list.contains(where: { $0.location == location }) else {
                throw OFDError(part: path, "References lists \(location) twice (line \(element.line))")
            }
            let text = element.ofdChild("CheckValue")?.text ?? ""
            list.append(
                Reference(
                    location: location,
                    fileRef: fileRef,
                    checkValue: Base64Text.decode(Array(text.utf8), maximumOutput: 128)
                )
            )
        }
        guard !list.isEmpty else { throw OFDError(part: path, "References lists no file: it protects nothing") }
        self.references = list
        stampAnnotations = signedInfo.ofdChildren("StampAnnot").map {
            StampAnnotation(
                id: $0.attribute("ID") ?? "",
                pageReference: $0.attribute("PageRef") ?? "",
                boundary: $0.attribute("Boundary") ?? ""
            )
        }
        sealLocation = signedInfo.ofdChild("Seal")?.ofdChild("BaseLoc").flatMap {
            OFDPath.resolve($0.text, relativeTo: path)
        }
    }

    /// The hash a `CheckMethod` names: SM3 by name or OID 1.2.156.10197.1.401, SHA-1/SHA-256 by name or OID, MD5
    /// (GB/T 33190's default; refused later as too weak).
    static func hashFunction(named method: String) -> HashFunction? {
        if let oid = try? ASN1ObjectIdentifier(dotRepresentation: method) { return HashFunction(oid: oid) }
        // By name: "SM3", "SHA-256", "sha256", … as HashFunction's raw values spell them ("sha1" is SHA-1).
        let name = method.lowercased()
        return HashFunction(rawValue: name) ?? HashFunction(rawValue: name.replacingOccurrences(of: "-", with: ""))
    }
}
