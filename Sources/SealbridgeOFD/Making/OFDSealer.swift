import Foundation
public import SealbridgeCMS
public import SealbridgeCrypto
public import SealbridgeX509
import SealbridgeXML

/// Seals an OFD document (GB/T 38540-2020 §7.2 in an OFD package, GB/T 33190-2016 §18): a new `Sign_N` folder
/// with `Seal.esl`, `Signature.xml` (every part protected by SM3 except the signature list, so that later seals
/// can be added — the "continue signing" layout e-invoice writers use) and `SignedValue.dat`, a `StampAnnot` that
/// places the seal's picture on a page, and the entry in `Signatures.xml` (made, and named in `OFD.xml`, when the
/// document had none). Every other part — another writer's seals included — is copied with its stored bytes
/// unchanged.
public struct OFDSealer: Sendable {
    /// Where and how to seal.
    public struct Request: Sendable {
        /// The seal as its maker issued it (written into the package as received).
        public var seal: SESeal
        /// The signer's key and certificate (DER); the certificate must be one the seal lists.
        public var signerKey: PrivateKey
        /// The signer's certificate (DER).
        public var signerCertificate: [UInt8]
        /// The page (0-based) and the box on it, in millimetres.
        public var page: Int
        /// The box on the page, in millimetres: x, y, width, height.
        public var box: (x: Double, y: Double, width: Double, height: Double)
        /// The signing time written into `TBS_Sign`.
        public var time: X509Time
        /// The writer named in `Signature.xml`'s `Provider`.
        public var provider: String
        /// The TSA that time-stamps the signature value (GB/T 38540-2020 §7.1: an RFC 3161 token over the
        /// signature, asked for with an SM3 imprint), or nil for no time-stamp.
        public var timeStamp: (any TimeStampSource)?

        /// Makes one.
        public init(
            seal: SESeal,
            signerKey: PrivateKey,
            signerCertificate: [UInt8],
            page: Int = 0,
            box: (x: Double, y: Double, width: Double, height: Double),
            time: X509Time,
            provider: String = "Sealbridge",
            timeStamp: (any TimeStampSource)? = nil
        ) {
            self.seal = seal
            self.signerKey = signerKey
            self.signerCertificate = signerCertificate
            self.page = page
            self.box = box
            self.time = time
            self.provider = provider
            self.timeStamp = timeStamp
        }
    }

    /// Makes one.
    public init() {}

    /// The sealed package.
    ///
    /// - Throws: ``OFDError`` when the package cannot be read, the page does not exist, the signature list is
    ///   protected by an earlier signature (adding to it would break that signature), or signing fails.
    public func seal(_ bytes: [UInt8], _ request: Request) async throws(OFDError) -> [UInt8] {
        let box = [request.box.x, request.box.y, request.box.width, request.box.height]
        guard box.allSatisfy({ $0.isFinite && $0 >= 0 && $0 <= 10_000 }), request.box.width > 0,
            request.box.height > 0
        else { throw OFDError("the seal's box must be positive millimetres on the page (at most 10,000)") }
        // What Sealbridge seals must validate: GB/T 38540 §7.3 refuses a signer the seal does not list.
        guard request.seal.sealInfo.property.certificates.lists(request.signerCertificate) != false else {
            throw OFDError(
                "the signer's certificate is not one the seal \"\(request.seal.sealInfo.property.name)\" lists; a "
                    + "relying party would refuse the seal (GB/T 38540-2020 §7.3)"
            )
        }
        let document = try OFDDocument(bytes: bytes)
        guard let body = document.bodies.first else { throw OFDError(part: "OFD.xml", "has no document body") }
        let pages = try document.pages(of: body)
        guard pages.indices.contains(request.page) else {
            throw OFDError("the document has \(pages.count) page(s); there is no page \(request.page + 1) to seal")
        }
        var replaced: [String: [UInt8]] = [:]
        let listLocation: String
        let existing: [OFDDocument.Signature]
        if let location = body.signaturesLocation {
            listLocation = location
            existing = try document.signatures()
            for signature in existing {
                guard case .success(let description) = signature.description else { continue }
                if description.references.contains(where: { $0.location == location }) {
                    throw OFDError(
                        part: location,
                        "is protected by signature \(signature.entry.id): adding a seal would break it (the document "
                            + "was sealed to allow no further seals)"
                    )
                }
            }
        } else {
            let root = body.documentRoot.map { String($0.split(separator: "/").dropLast().joined(separator: "/")) }
            listLocation = (root.map { $0.isEmpty ? "" : "\($0)/" } ?? "") + "Signs/Signatures.xml"
            existing = []
            guard let main = try document.part("OFD.xml") else { throw OFDError(part: "OFD.xml", "is missing") }
            replaced["OFD.xml"] = try Self.naming(listLocation, in: main)
        }
        let folder = String(listLocation.split(separator: "/").dropLast().joined(separator: "/"))
        let prefix = folder.isEmpty ? "" : "\(folder)/"
        var index = 0
        while document.archive.entries.contains(where: {
            $0.name.lowercased().hasPrefix("\(prefix)sign_\(index)/".lowercased())
        }) {
            index += 1
        }
        let signFolder = "\(prefix)Sign_\(index)"
        let sealLocation = "\(signFolder)/Seal.esl"
        let descriptionLocation = "\(signFolder)/Signature.xml"
        let valueLocation = "\(signFolder)/SignedValue.dat"

        // IDs: one for the signature, one for the stamp, above every ID the list has used.
        let listBytes = try existing.isEmpty ? nil : document.part(listLocation)
        // IDs far beyond any real document's are not continued from (and cannot overflow).
        let highest = min(Self.highestID(in: listBytes ?? []), 1_000_000_000)
        let signatureID = highest + 1
        let stampID = highest + 2
        replaced[listLocation] = try Self.listing(
            id: signatureID,
            maximum: stampID,
            location: "/\(descriptionLocation)",
            in: listBytes,
            path: listLocation
        )

        // What the seal protects: every part of the sealed package but the list and the signature's own files.
        var parts: [(String, [UInt8])] = []
        for entry in document.archive.entries where !entry.isDirectory && entry.name != listLocation {
            if let new = replaced[entry.name] {
                parts.append((entry.name, new))
            } else {
                do { parts.append((entry.name, try document.archive.contents(of: entry).bytes)) } catch {
                    throw OFDError(part: entry.name, "\(error)")
                }
            }
        }
        parts.append((sealLocation, request.seal.encoded))
        let description = Self.signatureXML(
            request: request,
            references: parts.map { ("/\($0.0)", HashFunction.sm3.digest($0.1)) },
            pageID: pages[request.page].id,
            stampID: stampID,
            sealLocation: "/\(sealLocation)",
            valueLocation: "/\(valueLocation)"
        )
        let value: [UInt8]
        do {
            let toSign = try SESWriter.toSign(
                seal: request.seal.encoded,
                time: request.time,
                dataHash: HashFunction.sm3.digest(description),
                propertyInfo: "/\(descriptionLocation)"
            )
            let signature = try request.signerKey.signature(for: toSign, algorithm: .sm2WithSM3)
            value = try SESWriter.signature(
                toSign: toSign,
                signerCertificate: request.signerCertificate,
                value: signature,
                timeStampToken: try await request.timeStamp?.timeStampToken(
                    for: TimeStampRequest(messageImprint: MessageImprint(hashing: signature, with: .sm3))
                )
            )
        } catch let error as OFDError {
            throw error
        } catch {
            throw OFDError("the seal could not be signed: \(error)")
        }

        var writer = ZIPWriter()
        do {
            for entry in document.archive.entries {
                if let new = replaced[entry.name] {
                    try writer.add(entry.name, new)
                    replaced[entry.name] = nil
                } else {
                    try writer.copy(entry, from: document.archive)
                }
            }
            for (name, bytes) in replaced.sorted(by: { $0.key < $1.key }) { try writer.add(name, bytes) }
            try writer.add(sealLocation, request.seal.encoded)
            try writer.add(descriptionLocation, description)
            try writer.add(valueLocation, value)
        } catch { throw OFDError("the sealed package could not be written: \(error)") }
        return writer.finished()
    }

    // MARK: The XML parts, written byte for byte (what the seal protects must be exactly what is stored)

    static let namespace = "http://www.ofdspec.org/2016"

    static func signatureXML(
        request: Request,
        references: [(String, [UInt8])],
        pageID: String,
        stampID: Int,
        sealLocation: String,
        valueLocation: String
    ) -> [UInt8] {
        let box = [request.box.x, request.box.y, request.box.width, request.box.height].map { number($0) }
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<ofd:Signature xmlns:ofd=\"\(namespace)\"><ofd:SignedInfo>"
        xml += "<ofd:Provider ProviderName=\"\(request.provider.xmlEscaped)\" Version=\"1.0\" Company=\"Sealbridge\"/>"
        xml += "<ofd:SignatureMethod>1.2.156.10197.1.501</ofd:SignatureMethod>"
        xml += "<ofd:SignatureDateTime>\(request.time.description)</ofd:SignatureDateTime>"
        xml += "<ofd:References CheckMethod=\"1.2.156.10197.1.401\">"
        for (location, digest) in references {
            xml += "<ofd:Reference FileRef=\"\(location.xmlEscaped)\"><ofd:CheckValue>"
            xml += Data(digest).base64EncodedString() + "</ofd:CheckValue></ofd:Reference>"
        }
        xml += "</ofd:References>"
        xml +=
            "<ofd:StampAnnot ID=\"\(stampID)\" PageRef=\"\(pageID.xmlEscaped)\" Boundary=\"\(box.joined(separator: " "))\"/>"
        xml += "<ofd:Seal><ofd:BaseLoc>\(sealLocation.xmlEscaped)</ofd:BaseLoc></ofd:Seal>"
        xml += "</ofd:SignedInfo><ofd:SignedValue>\(valueLocation.xmlEscaped)</ofd:SignedValue></ofd:Signature>"
        return Array(xml.utf8)
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    /// `Signatures.xml` with the new entry appended before its closing tag (and `MaxSignId` raised), or a new
    /// list when the document had none.
    ///
    /// - Throws: ``OFDError`` when the existing list is not UTF-8 or has no closing `Signatures` tag to append
    ///   before (rewriting it would drop the signatures it lists).
    static func listing(
        id: Int,
        maximum: Int,
        location: String,
        in existing: [UInt8]?,
        path: String
    ) throws(OFDError)
        -> [UInt8]
    {
        let entry = "<ofd:Signature ID=\"\(id)\" Type=\"Seal\" BaseLoc=\"\(location.xmlEscaped)\"/>"
        guard let existing else {
            let xml =
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ofd:Signatures xmlns:ofd=\"\(namespace)\">"
                + "<ofd:MaxSignId>\(maximum)</ofd:MaxSignId>\(entry)</ofd:Signatures>"
            return Array(xml.utf8)
        }
        guard var text = String(validating: existing, as: UTF8.self),
            let close = text.range(of: "</[A-Za-z0-9_.-]*:?Signatures\\s*>", options: [.regularExpression, .backwards])
        else {
            throw OFDError(
                part: path,
                "is not a UTF-8 signature list with a closing Signatures tag; it is left as it is"
            )
        }
        // The new element takes the prefix the list's closing tag uses.
        let closing = text[close].dropFirst(2)
        let prefix = closing.contains(":") ? String(closing.prefix { $0 != ":" }) + ":" : ""
        text.insert(contentsOf: entry.replacingOccurrences(of: "ofd:", with: prefix), at: close.lowerBound)
        if let open = text.range(of: "MaxSignId>"),
            let end = text.range(of: "</", range: open.upperBound..<text.endIndex)
        {
            text.replaceSubrange(open.upperBound..<end.lowerBound, with: String(maximum))
        }
        return Array(text.utf8)
    }

    /// The largest number among the list's IDs and `MaxSignId` ("s006" counts as 6).
    static func highestID(in list: [UInt8]) -> Int {
        guard !list.isEmpty, let root = (try? XMLTree(parsing: list, source: "Signatures.xml"))?.root else { return 0 }
        let texts =
            root.ofdChildren("Signature").compactMap { $0.attribute("ID") } + root.ofdChildren("MaxSignId").map(\.text)
        return texts.compactMap { Int($0.filter(\.isNumber)) }.max() ?? 0
    }

    /// `OFD.xml` with `<ofd:Signatures>` added to its first `DocBody`.
    static func naming(_ location: String, in main: [UInt8]) throws(OFDError) -> [UInt8] {
        guard var text = String(validating: main, as: UTF8.self),
            let end = text.range(of: "DocBody>", options: .init())
                .flatMap({ _ in text.range(of: "</[A-Za-z0-9_]*:?DocBody>", options: .regularExpression) })
        else { throw OFDError(part: "OFD.xml", "has no DocBody to name the signature list in") }
        let closing = String(text[end])
        let prefix = closing.contains(":") ? String(closing.dropFirst(2).prefix { $0 != ":" }) + ":" : ""
        text.insert(
            contentsOf: "<\(prefix)Signatures>/\(location.xmlEscaped)</\(prefix)Signatures>",
            at: end.lowerBound
        )
        return Array(text.utf8)
    }
}
