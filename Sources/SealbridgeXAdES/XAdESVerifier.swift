package import SealbridgeCMS
import SealbridgeCrypto
package import SealbridgeX509
package import SealbridgeXML

/// What the XML signature checks may use beyond the document.
package struct XAdESVerificationOptions: Sendable {
    /// Time-stamp tokens are checked with these (anchors for the TSA's path, CRLs, revocation time).
    package var timeStampOptions = TimeStampVerificationOptions()
    /// Certificates the signing certificate may be found among beyond those the signature carries.
    package var extraCertificates: [Certificate] = []
    /// The documents detached references may name.
    package var detachedDocuments: [XMLDetachedDocument] = []
    /// The most references (SignedInfo and manifests together) one signature may have: each may canonicalise the
    /// whole document, so this bounds the work one signature can ask for.
    package var maximumReferences = 256
    /// The most top-level signatures one document may hold (each is checked in full).
    package static let maximumSignatures = 100
    /// The most nested counter-signatures followed.
    package var maximumCounterSignatureDepth = 4

    package init() {}
}

/// Reads and checks the XML signatures of a document: XML-DSig 1.1 core validation (references, then the
/// signature value over the canonical `SignedInfo`) and the XAdES properties of EN 319 132-1 (signing certificate,
/// signing time, data-object formats, time-stamps, counter-signatures).
package struct XAdESVerifier {
    let options: XAdESVerificationOptions

    package init(options: XAdESVerificationOptions) { self.options = options }

    /// The signatures to validate in `tree`: every `ds:Signature` not inside another one (counter-signatures are
    /// read with their parent), in document order.
    package static func topLevelSignatures(in tree: XMLTree) -> [XMLElementNode] {
        tree.root.map { XMLReferenceResolver.signatures(under: $0) } ?? []
    }

    /// Checks `signatures` of `tree` (by default its top-level ones).
    package func verify(_ tree: XMLTree, signatures: [XMLElementNode]? = nil) -> [XAdESSignatureResult] {
        let identifiers = tree.elementsByAnyID()
        return (signatures ?? Self.topLevelSignatures(in: tree)).map {
            verify($0, in: tree, identifiers: identifiers, depth: 0)
        }
    }

    /// Checks one signature (a counter-signature when `depth` > 0).
    func verify(
        _ signature: XMLElementNode,
        in tree: XMLTree,
        identifiers: [String: [XMLElementNode]],
        depth: Int
    ) -> XAdESSignatureResult {
        var result = XAdESSignatureResult(id: signature.attribute("Id"), line: signature.line)
        guard let signedInfo = signature.childElements.first, signedInfo.is(XMLDSigNamespace.dsig, "SignedInfo") else {
            result.structureProblem = "ds:Signature does not start with ds:SignedInfo"
            return result
        }
        let c14nElement = signedInfo.child(XMLDSigNamespace.dsig, "CanonicalizationMethod")
        result.canonicalizationMethod = c14nElement?.attribute("Algorithm")
        result.signatureMethod = signedInfo.child(XMLDSigNamespace.dsig, "SignatureMethod")?.attribute("Algorithm")
        let method = result.signatureMethod.flatMap(XMLSignatureAlgorithms.signature)
        result.signatureAlgorithm = method?.algorithm
        let referenceElements = signedInfo.children(XMLDSigNamespace.dsig, "Reference")
        guard !referenceElements.isEmpty else {
            result.structureProblem = "ds:SignedInfo has no ds:Reference"
            return result
        }
        guard let valueElement = signature.child(XMLDSigNamespace.dsig, "SignatureValue") else {
            result.structureProblem = "ds:Signature has no ds:SignatureValue"
            return result
        }
        let properties = XAdESProperties(of: signature)
        if properties?.targetMismatch == true {
            result.notes.append(
                "the QualifyingProperties Target does not name this signature's Id (EN 319 132-1 §4.3); they were read "
                    + "as the signature's only properties"
            )
        }

        // Certificates the signature carries: KeyInfo's, then CertificateValues'.
        var keyInfoCertificates: [Certificate] = []
        for text in signature.child(XMLDSigNamespace.dsig, "KeyInfo")?.children(XMLDSigNamespace.dsig, "X509Data")
            .flatMap({ $0.children(XMLDSigNamespace.dsig, "X509Certificate") }) ?? []
        {
            guard let der = decodeXMLBase64(text.text), let certificate = try? Certificate(derEncoded: der) else {
                result.notes.append("a KeyInfo X509Certificate is not a readable certificate and was ignored")
                continue
            }
            keyInfoCertificates.append(certificate)
        }
        result.certificates = keyInfoCertificates + (properties?.certificateValues ?? [])
        result.crls = properties?.crlValues ?? []
        if let unreadable = properties?.unreadableValues, unreadable > 0 {
            result.notes.append("\(unreadable) encapsulated certificate or CRL value(s) could not be read")
        }

        // References (XML-DSig 1.1 §3.2.1), all of them, with the one external reference matched to the only
        // document given when no name matches.
        guard referenceElements.count <= options.maximumReferences else {
            result.structureProblem = "the signature has more than \(options.maximumReferences) references"
            return result
        }
        let references = referenceElements.map(XMLReference.init)
        let external = references.filter { ($0.uri.map { !$0.isEmpty && !$0.hasPrefix("#") }) ?? false }
        let fallback = external.count == 1 && options.detachedDocuments.count == 1 ? options.detachedDocuments[0] : nil
        let resolver = XMLReferenceResolver(
            tree: tree,
            identifiers: identifiers,
            signature: signature,
            detached: options.detachedDocuments,
            fallback: fallback
        )
        result.references = references.map(resolver.check)
        if let properties, let signedProperties = properties.signedProperties {
            result.signedPropertiesCovered = result.references.contains { $0.signsMatching(signedProperties) }
        }
        // Manifests the signature signs (XML-DSig 1.1 §5.1), bounded.
        for check in result.references {
            guard let element = check.selectedElement, element.is(XMLDSigNamespace.dsig, "Manifest") else { continue }
            let entries = element.children(XMLDSigNamespace.dsig, "Reference")
            guard result.references.count + result.manifestReferences.count + entries.count <= options.maximumReferences
            else {
                result.structureProblem = "the signature has more than \(options.maximumReferences) references"
                return result
            }
            result.manifestReferences += entries.map { resolver.check(XMLReference($0)) }
        }

        // The signing certificate (EN 319 132-1 §5.2.2; EN 319 102-1 §5.2.3).
        identifySigningCertificate(&result, properties: properties, keyInfo: keyInfoCertificates)

        // The signature value over the canonical SignedInfo (XML-DSig 1.1 §3.2.2).
        guard let valueBytes = decodeXMLBase64(valueElement.text), !valueBytes.isEmpty else {
            result.structureProblem = "ds:SignatureValue is not base64"
            return result
        }
        if let method, let certificate = result.signingCertificate {
            result.signatureValue = checkSignatureValue(
                valueBytes,
                method: method,
                certificate: certificate,
                tree: tree,
                signedInfo: signedInfo,
                c14nElement: c14nElement
            )
        } else if method == nil {
            result.signatureValue = .unsupported("the SignatureMethod \(result.signatureMethod ?? "(missing)")")
        }

        if let properties {
            read(properties, into: &result, resolver: resolver, tree: tree, value: valueElement)
            if depth < options.maximumCounterSignatureDepth {
                result.counterSignatures = properties.counterSignatures.map {
                    var counter = verify($0, in: tree, identifiers: identifiers, depth: depth + 1)
                    counter.countersignsParent = counter.references.contains { $0.signsMatching(valueElement) }
                    return counter
                }
            } else if !properties.counterSignatures.isEmpty {
                result.notes.append(
                    "counter-signatures deeper than \(options.maximumCounterSignatureDepth) were not checked"
                )
            }
        }
        result.level = level(result, properties: properties, keyInfo: keyInfoCertificates)
        return result
    }

    /// The signing certificate: the one the signed `SigningCertificate(V2)` digest names among those carried and
    /// given; without that property, the first `KeyInfo` certificate (whose key the signature value then tests).
    func identifySigningCertificate(
        _ result: inout XAdESSignatureResult,
        properties: XAdESProperties?,
        keyInfo: [Certificate]
    ) {
        let candidates = result.certificates + options.extraCertificates
        guard let properties, properties.signingCertificateVersion != nil else {
            result.certificateBinding = .absent
            result.signingCertificate = keyInfo.first
            if keyInfo.isEmpty {
                result.signingCertificateNotFound =
                    "the signature carries no certificate in KeyInfo and signs no reference to one"
            }
            return
        }
        guard let first = properties.signingCertificateDigests.first, let function = first.function,
            let value = first.value
        else {
            result.certificateBinding = .absent
            result.signingCertificate = keyInfo.first
            result.notes.append(
                "the signing-certificate property has no usable digest (unknown algorithm or not base64); the "
                    + "certificate in KeyInfo was tried"
            )
            if keyInfo.isEmpty {
                result.signingCertificateNotFound = "the signing-certificate property's digest is unusable"
            }
            return
        }
        if let match = candidates.first(where: { function.digest($0.derBytes) == value }) {
            result.signingCertificate = match
            result.certificateBinding = .bound
            if function == .insecureSHA1 {
                result.notes.append("the signing certificate is identified by a SHA-1 digest (SigningCertificate v1)")
            }
        } else if let carried = keyInfo.first {
            result.signingCertificate = carried
            result.certificateBinding = .mismatch(
                "the signed SigningCertificate\(properties.signingCertificateVersion == 2 ? "V2" : "") digest does "
                    + "not match the certificate in KeyInfo (\(carried.subject))"
            )
        } else {
            result.signingCertificateNotFound =
                "no certificate carried or given matches the signed signing-certificate digest"
        }
    }

    func checkSignatureValue(
        _ value: [UInt8],
        method: (algorithm: SignatureAlgorithm, encoding: XMLSignatureValueEncoding),
        certificate: Certificate,
        tree: XMLTree,
        signedInfo: XMLElementNode,
        c14nElement: XMLElementNode?
    ) -> XAdESSignatureResult.SignatureValue {
        guard let uri = c14nElement?.attribute("Algorithm"), let c14n = CanonicalizationMethod(uri: uri) else {
            return .unsupported("the CanonicalizationMethod \(c14nElement?.attribute("Algorithm") ?? "(missing)")")
        }
        guard let signature = XMLSignatureAlgorithms.verifiableSignature(value, encoding: method.encoding) else {
            return .failed("the SignatureValue is not a \(method.algorithm.name) signature (wrong length or encoding)")
        }
        let signedBytes: [UInt8]
        do {
            signedBytes = try tree.canonicalForm(
                of: signedInfo,
                excluding: nil,
                method: c14n,
                inclusivePrefixes: XMLReference.inclusivePrefixes(of: c14nElement)
            )
        } catch {
            return .failed("SignedInfo could not be canonicalised: \(error.reason)")
        }
        guard let key = try? certificate.publicKey() else {
            return .unsupported("the signing certificate's public key is not one Sealbridge reads")
        }
        guard key.isValidSignature(signature, for: signedBytes, algorithm: method.algorithm) else {
            return .failed("the signature value does not verify with the signing certificate's key")
        }
        return .verified
    }

    /// Signing time, policy, roles, commitments and the time-stamps.
    func read(
        _ properties: XAdESProperties,
        into result: inout XAdESSignatureResult,
        resolver: XMLReferenceResolver,
        tree: XMLTree,
        value: XMLElementNode
    ) {
        let references = result.references.map(\.reference)
        if result.signedPropertiesCovered, let time = properties.signingTimes.first {
            result.signingTime = X509Time(rfc3339: time)
            if result.signingTime == nil { result.notes.append("the SigningTime \"\(time)\" is not a date and time") }
        }
        result.signaturePolicy = properties.signaturePolicy
        result.claimedRoles = properties.claimedRoles
        result.commitmentTypes = properties.commitmentTypes
        result.unevaluated = properties.unevaluated
        let verifier = TimeStampTokenVerifier(options: options.timeStampOptions)
        func verify(
            _ stamp: XAdESProperties.EncapsulatedTimeStamp,
            input: (CanonicalizationMethod) -> [UInt8]?
        )
            -> TimeStampVerification
        {
            guard let token = stamp.token else {
                return TimeStampVerification(
                    status: .invalid("the EncapsulatedTimeStamp is not base64"),
                    token: nil,
                    tsaCertificate: nil,
                    path: nil
                )
            }
            guard let method = stamp.canonicalization, let data = input(method) else {
                return TimeStampVerification(
                    status: .indeterminate(
                        "the time-stamped data could not be computed (canonicalisation "
                            + "\(stamp.canonicalizationURI ?? "C14N 1.0"))"
                    ),
                    token: nil,
                    tsaCertificate: nil,
                    path: nil
                )
            }
            return verifier.verify(tokenBytes: token, timeStampedData: data)
        }
        // §5.3.4: the signature time-stamp is over the canonical ds:SignatureValue element.
        result.signatureTimeStamps = properties.signatureTimeStamps.map { stamp in
            verify(stamp) { method in
                try? tree.canonicalForm(of: value, excluding: nil, method: method)
            }
        }
        // §5.2.8.1: AllDataObjectsTimeStamp is over every reference's data but SignedProperties', in order.
        let dataReferences = result.references.filter { check in
            guard let signed = properties.signedProperties else { return true }
            return check.selectedElement?.pointer != signed.pointer
        }.map(\.reference)
        result.contentTimeStamps = properties.allDataObjectsTimeStamps.map { stamp in
            verify(stamp) { method in
                var input: [UInt8] = []
                for reference in dataReferences {
                    guard let octets = resolver.octets(reference, finalMethod: method) else { return nil }
                    input += octets
                }
                return input
            }
        }
        // §5.2.8.2: IndividualDataObjectsTimeStamp is over the references its Include elements name.
        result.contentTimeStamps += properties.individualDataObjectsTimeStamps.map { stamp in
            verify(stamp) { method in
                var input: [UInt8] = []
                for include in stamp.includes {
                    guard include.hasPrefix("#"),
                        let reference = references.first(where: { $0.id == String(include.dropFirst()) }),
                        let octets = resolver.octets(reference, finalMethod: method)
                    else { return nil }
                    input += octets
                }
                return input
            }
        }
    }

    /// The EN 319 132-1 level and why a signature is not baseline, with the rules DSS applies
    /// (`XAdESBaselineRequirementsChecker`), so that levels compare: first what any XAdES signature needs (§4.3,
    /// §5.2: one of each single-valued property, DataObjectFormats that name a reference), then the baseline's
    /// cardinalities and extra requirements (§6.3).
    func level(
        _ result: XAdESSignatureResult,
        properties: XAdESProperties?,
        keyInfo: [Certificate]
    ) -> XAdESSignatureResult.Level {
        let references = result.references.map(\.reference)
        guard let properties, let signed = properties.signedProperties, result.signedPropertiesCovered else {
            return .xmlDSig("no signed XAdES qualifying properties")
        }
        for (count, name) in [
            (properties.signingTimes.count, "SigningTime"),
            (properties.signingCertificateCount, "signing-certificate"),
            (properties.signerRoleCount, "SignerRole"),
            (properties.productionPlaceCount, "SignatureProductionPlace"),
        ] where count > 1 {
            return .xmlDSig("it has \(count) \(name) properties; EN 319 132-1 allows one")
        }
        if properties.signingCertificateCount == 0, !signsKeyInfo(result) {
            return .xmlDSig(
                "it binds its signing certificate neither by a signing-certificate property nor by a signed KeyInfo"
            )
        }
        // §5.2.4: each DataObjectFormat names a ds:Reference of this signature (or of a manifest it signs).
        let referenceIDs = Set((references + result.manifestReferences.map(\.reference)).compactMap(\.id))
        for format in properties.dataObjectFormats {
            guard format.isDescriptive else {
                return .xmlDSig("a DataObjectFormat has no Description, ObjectIdentifier or MimeType")
            }
            guard format.objectReference.hasPrefix("#"),
                referenceIDs.contains(String(format.objectReference.dropFirst()))
            else {
                return .xmlDSig(
                    "a DataObjectFormat refers to \"\(format.objectReference)\", which is no reference of the signature"
                )
            }
        }
        if let why = notBaselineB(result, properties: properties, signed: signed, keyInfo: keyInfo) {
            return .xades(why)
        }
        if properties.signatureTimeStamps.isEmpty { return .baselineB }
        if properties.tokensPerSignatureTimeStamp.contains(where: { $0 != 1 }) {
            return .xades("a SignatureTimeStamp holds more than one time-stamp token; the baseline wants one in each")
        }
        if let notAfter = result.signingCertificate?.notAfter.secondsSinceEpoch {
            // A plain loop: Swift 6.3's optimiser crashed (CopyPropagation) on a closure over the verifications here.
            for stamp in result.signatureTimeStamps {
                guard let genTime = stamp.token?.info.genTime, genTime.secondsSinceEpoch > notAfter else { continue }
                return .xades("a signature time-stamp was made after the signing certificate expired")
            }
        }
        return .baselineT
    }

    /// Why the signature is not XAdES-B-B (§6.3), or nil when it is.
    func notBaselineB(
        _ result: XAdESSignatureResult,
        properties: XAdESProperties,
        signed: XMLElementNode,
        keyInfo: [Certificate]
    ) -> String? {
        if properties.signingTimes.count != 1 { return "it has no SigningTime; the baseline needs one" }
        if properties.signingCertificateCount != 1 {
            return "it has no signing-certificate property; the baseline needs one"
        }
        if let certificate = result.signingCertificate, !keyInfo.contains(certificate) {
            return "the signing certificate is not in ds:KeyInfo"
        }
        if result.canonicalizationMethod.flatMap(CanonicalizationMethod.init(uri:)) == nil {
            return "SignedInfo's canonicalisation is not a W3C one"
        }
        if properties.dataObjectFormats.contains(where: { $0.mimeTypeCount != 1 }) {
            return "a DataObjectFormat does not have exactly one MimeType"
        }
        let formatted = Set(properties.dataObjectFormats.map(\.objectReference))
        for check in result.references where !XMLReferenceResolver.isSignedProperties(check.reference, signed) {
            let reference = check.reference
            if let type = reference.type, Self.exemptReferenceTypes.contains(type) { continue }
            if check.selectedElement?.is(XMLDSigNamespace.dsig, "SignatureValue") == true { continue }
            guard let id = reference.id, formatted.contains("#" + id) else {
                return "a signed data object has no DataObjectFormat with a MimeType, which the baseline needs"
            }
        }
        return nil
    }

    /// Same-document references that sign parts of the signature, which need no DataObjectFormat.
    static let exemptReferenceTypes: Set<String> = [
        "http://uri.etsi.org/01903#SignedProperties", "http://uri.etsi.org/01903#CountersignedSignature",
        "http://www.w3.org/2000/09/xmldsig#Manifest", "http://www.w3.org/2000/09/xmldsig#SignatureProperties",
    ]

    /// Whether a matching reference signs the signature's ds:KeyInfo.
    func signsKeyInfo(_ result: XAdESSignatureResult) -> Bool {
        result.references.contains { check in
            check.selectedElement?.is(XMLDSigNamespace.dsig, "KeyInfo") == true && check.outcome == .matched
        }
    }
}

extension XMLReferenceResolver {
    /// Whether `reference` points at `signedProperties`: by `Type`, or by the identifier it names.
    static func isSignedProperties(_ reference: XMLReference, _ signedProperties: XMLElementNode) -> Bool {
        if reference.type == "http://uri.etsi.org/01903#SignedProperties" { return true }
        guard let uri = reference.uri, uri.hasPrefix("#") else { return false }
        return signedProperties.attribute("Id") == String(uri.dropFirst())
    }
}
