public import Foundation
public import SealbridgeX509
import SealbridgeXAdES
import SealbridgeXML

extension TrustedList {
    /// The largest trusted list read by default: the EU list of the lists and national lists are well under 5 MB.
    public static let defaultMaximumSize = 20 * 1024 * 1024

    /// Reads a trusted list file and checks its signature against `anchors`.
    ///
    /// - Parameters:
    ///   - url: the file.
    ///   - anchors: the certificates allowed to sign the list (from the list of the lists' pointer, or configured).
    ///   - maximumSize: files larger than this are refused before being read.
    /// - Throws: `TrustError` naming the file and the element for a file that cannot be read, is too large, is not
    ///   safe XML (DOCTYPE, entities), is not a trusted list, or has a missing or malformed field. A signature that
    ///   does not verify is not thrown: it is reported in ``signature``.
    public init(contentsOf url: URL, anchors: [Certificate], maximumSize: Int = TrustedList.defaultMaximumSize) throws {
        try self.init(
            parsing: try TrustedList.read(url, maximumSize: maximumSize),
            source: url.lastPathComponent,
            anchors: anchors,
            maximumSize: maximumSize
        )
    }

    /// A trusted list file's bytes; a file larger than `maximumSize` is refused before it is read.
    ///
    /// - Throws: `TrustError` naming the file when it is too large or cannot be read.
    static func read(_ url: URL, maximumSize: Int = TrustedList.defaultMaximumSize) throws(TrustError) -> [UInt8] {
        let source = url.lastPathComponent
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? nil
        if let size, size > maximumSize {
            throw TrustError(
                file: source,
                field: "(document)",
                reason: "is \(size) bytes; trusted lists larger than \(maximumSize) bytes are refused"
            )
        }
        do {
            return Array(try Data(contentsOf: url))
        } catch {
            throw TrustError(file: source, field: "(document)", reason: "cannot be read: \(error.localizedDescription)")
        }
    }

    /// Parses a trusted list and checks its signature against `anchors`; see ``init(contentsOf:anchors:maximumSize:)``.
    public init(
        parsing bytes: [UInt8],
        source: String = "(trusted list)",
        anchors: [Certificate],
        maximumSize: Int = TrustedList.defaultMaximumSize
    ) throws(TrustError) {
        try self.init(parsing: bytes, source: source, maximumSize: maximumSize) { _ in anchors }
    }

    /// Parses a national trusted list and checks its signature against the certificates that a list of the lists
    /// (the EU LOTL) announces for it (TS 119 612 §5.3.13, `ServiceDigitalIdentities` of the `OtherTSLPointer`).
    ///
    /// The pointer is found by the list's territory; when no pointer names it (the EU mutual-recognition pilot's
    /// LOTL points to its `ZZ` list under the code `XX`), by the `location` the list was fetched from, and else by
    /// the pointers' certificates: the list is then accepted as the pointed list whose announced certificate signed
    /// it, with a warning naming that pointer.
    ///
    /// - Parameters:
    ///   - bytes: the national list.
    ///   - source: its name, for errors.
    ///   - listOfTheLists: the LOTL, whose own signature must be valid.
    ///   - location: where the list was fetched from, to match a pointer's `TSLLocation`.
    ///   - maximumSize: larger input is refused.
    /// - Throws: `TrustError` for the cases of ``init(contentsOf:anchors:maximumSize:)``, and when the LOTL's own
    ///   signature is not valid.
    public init(
        parsing bytes: [UInt8],
        source: String = "(trusted list)",
        announcedBy listOfTheLists: TrustedList,
        location: String? = nil,
        maximumSize: Int = TrustedList.defaultMaximumSize
    ) throws(TrustError) {
        guard listOfTheLists.signature.isValid else {
            throw TrustError(
                file: source,
                field: "(list of the lists)",
                reason: "the list of the lists' own signature is not valid (\(listOfTheLists.signature.outcome)); "
                    + "its pointers cannot be trusted"
            )
        }
        var candidates: [Pointer] = []
        try self.init(parsing: bytes, source: source, maximumSize: maximumSize) { territory in
            candidates = listOfTheLists.candidatePointers(territory: territory, location: location)
            return candidates.flatMap(\.signingCertificates)
        }
        let matched = listOfTheLists.pointer(announcing: self, among: candidates)
        if signature.isValid, let matched, matched.territory != territory {
            warnings.append(
                "matched to the list of the lists' pointer for \(matched.territory ?? "(no territory)") at "
                    + "\(matched.location) by its signing certificate; the list itself names "
                    + "\(territory ?? "no territory")"
            )
        }
    }

    private init(
        parsing bytes: [UInt8],
        source: String,
        maximumSize: Int,
        anchorsForTerritory: (String?) -> [Certificate]
    ) throws(TrustError) {
        guard bytes.count <= maximumSize else {
            throw TrustError(
                file: source,
                field: "(document)",
                reason: "is \(bytes.count) bytes; trusted lists larger than \(maximumSize) bytes are refused"
            )
        }
        let tree = try XMLTree.trustData(parsing: bytes, source: source)
        guard let root = tree.root, root.is(XMLNamespace.trustedList, "TrustServiceStatusList") else {
            throw TrustError(
                file: source,
                field: "(root)",
                reason: "is not a TS 119 612 TrustServiceStatusList in namespace \(XMLNamespace.trustedList)"
            )
        }
        let reader = TrustedListReader(source: source)
        let scheme = try reader.required(root, "SchemeInformation", path: "")
        let schemePath = "SchemeInformation"
        let versionText = try reader.requiredText(scheme, "TSLVersionIdentifier", path: schemePath)
        guard let version = Int(versionText), (3...6).contains(version) else {
            throw reader.error(
                "\(schemePath)/TSLVersionIdentifier",
                "is '\(versionText)'; versions 3 (TS 102 231 v3) to 6 (TS 119 612 v2.1+) are read"
            )
        }
        var warnings: [String] = []
        if version < 5 {
            warnings.append(
                "version \(version) list (\(version == 3 ? "ETSI TS 102 231 v3" : "ETSI TS 119 612 v1")); read with "
                    + "the rules of version 5"
            )
        }
        let sequenceText = try reader.requiredText(scheme, "TSLSequenceNumber", path: schemePath)
        guard let sequence = Int(sequenceText), sequence > 0 else {
            throw reader.error("\(schemePath)/TSLSequenceNumber", "is '\(sequenceText)', not a positive integer")
        }
        self.version = version
        self.sequenceNumber = sequence
        self.type = try reader.requiredText(scheme, "TSLType", path: schemePath)
        self.operatorNames = reader.texts(scheme.child(XMLNamespace.trustedList, "SchemeOperatorName"))
        let territory = scheme.child(XMLNamespace.trustedList, "SchemeTerritory")?.text.trimmingCharacters(
            in: .whitespaces
        )
        self.territory = territory?.isEmpty == false ? territory : nil
        if self.territory == nil {
            warnings.append("the list has no SchemeTerritory; it is named by its operator and sequence number")
        }
        self.warnings = warnings
        self.issued = try reader.time(
            try reader.requiredText(scheme, "ListIssueDateTime", path: schemePath),
            "\(schemePath)/ListIssueDateTime"
        )
        if let next = scheme.child(XMLNamespace.trustedList, "NextUpdate")?
            .child(XMLNamespace.trustedList, "dateTime")?.text, !next.isEmpty
        {
            self.nextUpdate = try reader.time(next, "\(schemePath)/NextUpdate/dateTime")
        } else {
            self.nextUpdate = nil
        }
        self.schemeInformationURIs =
            scheme.child(XMLNamespace.trustedList, "SchemeInformationURI")?
            .children(XMLNamespace.trustedList, "URI").map(\.text) ?? []
        self.distributionPoints =
            scheme.child(XMLNamespace.trustedList, "DistributionPoints")?
            .children(XMLNamespace.trustedList, "URI").map(\.text) ?? []
        let (pointers, pointerWarnings) = try reader.pointers(scheme, path: schemePath)
        self.pointers = pointers
        self.warnings += pointerWarnings
        self.providers = try reader.providers(root)
        var signature = XMLSignatureVerifier.verify(tree, anchors: anchorsForTerritory(self.territory))
        // A v6 list is signed per EN 319 132-1, which knows only SigningCertificateV2 (as DSS's TLStructureVerifier
        // requires); v5 lists use SigningCertificate.
        if version == 6, signature.signingCertificateVersion == 1, signature.isValid {
            signature = signature.replacingOutcome(
                .malformed("a version 6 trusted list must reference its signer with XAdES SigningCertificateV2")
            )
        }
        self.signature = signature
    }
}

/// Reads the elements of a trusted list, naming the path of any that is missing or malformed.
private struct TrustedListReader {
    let source: String

    init(source: String) { self.source = source }

    func error(_ field: String, _ reason: String) -> TrustError {
        TrustError(file: source, field: field, reason: reason)
    }

    func required(_ parent: XMLElementNode, _ name: String, path: String) throws(TrustError) -> XMLElementNode {
        guard let element = parent.child(XMLNamespace.trustedList, name) else {
            throw error(path.isEmpty ? name : "\(path)/\(name)", "is missing (line \(parent.line))")
        }
        return element
    }

    func requiredText(_ parent: XMLElementNode, _ name: String, path: String) throws(TrustError) -> String {
        let text = try required(parent, name, path: path).text
        guard !text.isEmpty else { throw error("\(path)/\(name)", "is empty (line \(parent.line))") }
        return text
    }

    func time(_ text: String, _ field: String) throws(TrustError) -> X509Time {
        guard let time = X509Time(rfc3339: text) else {
            throw error(field, "is '\(text)', not an xsd:dateTime such as 2026-01-31T00:00:00Z")
        }
        return time
    }

    func texts(_ element: XMLElementNode?) -> [TrustedList.LocalizedText] {
        (element?.childElements ?? []).map { .init(language: $0.language ?? "", value: $0.text) }
    }

    func certificate(_ element: XMLElementNode, _ field: String) throws(TrustError) -> Certificate {
        guard let der = decodeXMLBase64(element.text) else {
            throw error(field, "is not base64 (line \(element.line))")
        }
        do {
            return try Certificate(derEncoded: der)
        } catch {
            throw self.error(
                field,
                "is not an X.509 certificate (line \(element.line)): \(userFacingDescription(of: error))"
            )
        }
    }

    func identity(_ element: XMLElementNode?, path: String) throws(TrustError) -> TrustedList.DigitalIdentity {
        var identity = TrustedList.DigitalIdentity()
        for (index, digitalID) in (element?.children(XMLNamespace.trustedList, "DigitalId") ?? []).enumerated() {
            let idPath = "\(path)/DigitalId[\(index + 1)]"
            for value in digitalID.childElements where value.namespace == XMLNamespace.trustedList {
                switch value.localName {
                case "X509Certificate":
                    identity.certificates.append(try certificate(value, "\(idPath)/X509Certificate"))
                case "X509SubjectName":
                    identity.subjectNames.append(value.text)
                case "X509SKI":
                    guard let ski = decodeXMLBase64(value.text) else {
                        throw error("\(idPath)/X509SKI", "is not base64 (line \(value.line))")
                    }
                    identity.subjectKeyIdentifiers.append(ski)
                default:
                    continue
                }
            }
        }
        return identity
    }

    /// The pointers, and what could not be read of their mutual-recognition extensions (a malformed extension
    /// costs its agreements, never the list).
    func pointers(
        _ scheme: XMLElementNode,
        path: String
    ) throws(TrustError) -> ([TrustedList.Pointer], warnings: [String]) {
        let elements =
            scheme.child(XMLNamespace.trustedList, "PointersToOtherTSL")?
            .children(XMLNamespace.trustedList, "OtherTSLPointer") ?? []
        var pointers: [TrustedList.Pointer] = []
        var warnings: [String] = []
        for (index, pointer) in elements.enumerated() {
            let pointerPath = "\(path)/PointersToOtherTSL/OtherTSLPointer[\(index + 1)]"
            let location = try requiredText(pointer, "TSLLocation", path: pointerPath)
            var certificates: [Certificate] = []
            let identities =
                pointer.child(XMLNamespace.trustedList, "ServiceDigitalIdentities")?
                .children(XMLNamespace.trustedList, "ServiceDigitalIdentity") ?? []
            for (number, identity) in identities.enumerated() {
                certificates += try self.identity(
                    identity,
                    path: "\(pointerPath)/ServiceDigitalIdentities/ServiceDigitalIdentity[\(number + 1)]"
                ).certificates
            }
            let other =
                pointer.child(XMLNamespace.trustedList, "AdditionalInformation")?
                .children(XMLNamespace.trustedList, "OtherInformation") ?? []
            func value(_ namespace: String, _ name: String) -> String? {
                other.lazy.compactMap { $0.child(namespace, name)?.text }.first
            }
            var mutualRecognition: TrustedList.MutualRecognition?
            if let element = other.lazy.compactMap({
                $0.child(XMLNamespace.mutualRecognition, "MutualRecognitionAgreementInformation")
            }).first {
                var reader = MutualRecognitionReader(source: source)
                do {
                    mutualRecognition = try reader.information(
                        element,
                        path:
                            "\(pointerPath)/AdditionalInformation/OtherInformation/MutualRecognitionAgreementInformation"
                    )
                    warnings += reader.warnings
                } catch {
                    warnings.append(
                        "the mutual-recognition information of the pointer to \(location) cannot be read, so no "
                            + "agreement is derived from it: \(error.field): \(error.reason)"
                    )
                }
            }
            pointers.append(
                .init(
                    location: location,
                    territory: value(XMLNamespace.trustedList, "SchemeTerritory"),
                    type: value(XMLNamespace.trustedList, "TSLType"),
                    mimeType: value(XMLNamespace.trustedListAdditionalTypes, "MimeType"),
                    signingCertificates: certificates,
                    mutualRecognition: mutualRecognition
                )
            )
        }
        return (pointers, warnings)
    }

    func providers(_ root: XMLElementNode) throws(TrustError) -> [TrustedList.Provider] {
        let elements =
            root.child(XMLNamespace.trustedList, "TrustServiceProviderList")?
            .children(XMLNamespace.trustedList, "TrustServiceProvider") ?? []
        var providers: [TrustedList.Provider] = []
        for (index, provider) in elements.enumerated() {
            let path = "TrustServiceProvider[\(index + 1)]"
            let information = try required(provider, "TSPInformation", path: path)
            let names = texts(information.child(XMLNamespace.trustedList, "TSPName"))
            guard !names.isEmpty else { throw error("\(path)/TSPInformation/TSPName", "is missing or empty") }
            var services: [TrustedList.Service] = []
            let serviceElements =
                provider.child(XMLNamespace.trustedList, "TSPServices")?
                .children(XMLNamespace.trustedList, "TSPService") ?? []
            for (number, service) in serviceElements.enumerated() {
                let servicePath = "\(path)/TSPServices/TSPService[\(number + 1)]"
                let current = try state(
                    try required(service, "ServiceInformation", path: servicePath),
                    path: "\(servicePath)/ServiceInformation"
                )
                var history: [TrustedList.ServiceState] = []
                let instances =
                    service.child(XMLNamespace.trustedList, "ServiceHistory")?
                    .children(XMLNamespace.trustedList, "ServiceHistoryInstance") ?? []
                for (historyIndex, instance) in instances.enumerated() {
                    history.append(
                        try state(
                            instance,
                            path: "\(servicePath)/ServiceHistory/ServiceHistoryInstance[\(historyIndex + 1)]"
                        )
                    )
                }
                services.append(.init(current: current, history: history))
            }
            providers.append(
                .init(
                    names: names,
                    tradeNames: texts(information.child(XMLNamespace.trustedList, "TSPTradeName")),
                    services: services
                )
            )
        }
        return providers
    }

    func state(_ element: XMLElementNode, path: String) throws(TrustError) -> TrustedList.ServiceState {
        let start = try requiredText(element, "StatusStartingTime", path: path)
        return TrustedList.ServiceState(
            type: try requiredText(element, "ServiceTypeIdentifier", path: path),
            names: texts(element.child(XMLNamespace.trustedList, "ServiceName")),
            identity: try identity(
                element.child(XMLNamespace.trustedList, "ServiceDigitalIdentity"),
                path: "\(path)/ServiceDigitalIdentity"
            ),
            status: try requiredText(element, "ServiceStatus", path: path),
            statusStartingTime: try time(start, "\(path)/StatusStartingTime"),
            extensions: extensions(element.child(XMLNamespace.trustedList, "ServiceInformationExtensions"))
        )
    }

    func extensions(_ element: XMLElementNode?) -> TrustedList.ServiceExtensions {
        var result = TrustedList.ServiceExtensions()
        for extensionElement in element?.children(XMLNamespace.trustedList, "Extension") ?? [] {
            for information in extensionElement.children(XMLNamespace.trustedList, "AdditionalServiceInformation") {
                if let uri = information.child(XMLNamespace.trustedList, "URI")?.text {
                    result.additionalServiceInformation.append(uri)
                }
            }
            for qualifications in extensionElement.children(XMLNamespace.qualifications, "Qualifications") {
                for qualification in qualifications.children(XMLNamespace.qualifications, "QualificationElement") {
                    let qualifiers =
                        qualification.child(XMLNamespace.qualifications, "Qualifiers")?
                        .children(XMLNamespace.qualifications, "Qualifier").compactMap { $0.attribute("uri") } ?? []
                    let criteria = qualification.child(XMLNamespace.qualifications, "CriteriaList")
                    result.qualifications.append(
                        .init(
                            qualifiers: qualifiers,
                            assert: criteria?.attribute("assert") ?? "all",
                            policies: criteria.map(policyIdentifiers) ?? []
                        )
                    )
                }
            }
        }
        return result
    }

    /// Policy identifiers anywhere under a criteria list (nested lists included), `urn:oid:` removed.
    func policyIdentifiers(_ criteria: XMLElementNode) -> [String] {
        var found: [String] = []
        var stack = [criteria]
        while let element = stack.popLast() {
            if element.is(XMLNamespace.xades, "Identifier") {
                let text = element.text
                found.append(text.hasPrefix("urn:oid:") ? String(text.dropFirst(8)) : text)
            }
            stack.append(contentsOf: element.childElements.reversed())
        }
        return found
    }
}
