import SealbridgeX509
import SealbridgeXML
import SwiftASN1

extension XMLNamespace {
    /// The EU mutual-recognition trusted-list extension (`mra_schema_v2.xsd`).
    static let mutualRecognition = "http://ec.europa.eu/tools/lotl/mra/schema/v2#"
}

/// Reads `mra:MutualRecognitionAgreementInformation` and the `CriteriaList`s in it, naming the path of any part
/// that is missing or malformed.
struct MutualRecognitionReader {
    let source: String
    /// What was skipped (unknown content contexts), in words.
    private(set) var warnings: [String] = []

    init(source: String) { self.source = source }

    private func error(_ field: String, _ reason: String) -> TrustError {
        TrustError(file: source, field: field, reason: reason)
    }

    private func mra(_ parent: XMLElementNode, _ name: String, path: String) throws(TrustError) -> XMLElementNode {
        guard let element = parent.child(XMLNamespace.mutualRecognition, name) else {
            throw error("\(path)/\(name)", "is missing (line \(parent.line))")
        }
        return element
    }

    private func integer(_ element: XMLElementNode, _ name: String, path: String) throws(TrustError) -> Int {
        guard let text = element.attribute(name), let value = Int(text) else {
            throw error("\(path)/@\(name)", "is missing or not an integer (line \(element.line))")
        }
        return value
    }

    private func time(_ text: String, _ field: String) throws(TrustError) -> X509Time {
        guard let time = X509Time(rfc3339: text) else {
            throw error(field, "is '\(text)', not an xsd:dateTime such as 2026-01-31T00:00:00Z")
        }
        return time
    }

    mutating func information(
        _ element: XMLElementNode,
        path: String
    ) throws(TrustError) -> TrustedList.MutualRecognition {
        var equivalences: [TrustedList.ServiceEquivalence] = []
        let entries = element.children(XMLNamespace.mutualRecognition, "TrustServiceEquivalenceInformation")
        guard !entries.isEmpty else {
            throw error("\(path)/TrustServiceEquivalenceInformation", "is missing (line \(element.line))")
        }
        for (index, entry) in entries.enumerated() {
            equivalences.append(
                try equivalence(entry, path: "\(path)/TrustServiceEquivalenceInformation[\(index + 1)]")
            )
        }
        return TrustedList.MutualRecognition(
            technicalType: try integer(element, "technicalType", path: path),
            version: try integer(element, "version", path: path),
            depth: try integer(element, "MRADepth", path: path),
            pointingLegislation: element.attribute("pointingContractingPartyLegislation") ?? "",
            pointedLegislation: element.attribute("pointedContractingPartyLegislation") ?? "",
            equivalences: equivalences
        )
    }

    private mutating func equivalence(
        _ element: XMLElementNode,
        path: String
    ) throws(TrustError) -> TrustedList.ServiceEquivalence {
        let legalIdentifier = try mra(element, "TrustServiceLegalIdentifier", path: path).text
        guard !legalIdentifier.isEmpty else { throw error("\(path)/TrustServiceLegalIdentifier", "is empty") }
        // The current information, then the history instances (each with the same children but the legal id).
        var entries = [(element, path)]
        if let history = element.child(XMLNamespace.mutualRecognition, "TrustServiceEquivalenceHistory") {
            let instances = history.children(XMLNamespace.mutualRecognition, "TrustServiceEquivalenceHistoryInstance")
            for (index, instance) in instances.enumerated() {
                entries.append(
                    (
                        instance,
                        "\(path)/TrustServiceEquivalenceHistory/TrustServiceEquivalenceHistoryInstance[\(index + 1)]"
                    )
                )
            }
        }
        var starts: [(start: X509Time, element: XMLElementNode, path: String)] = []
        for (entry, entryPath) in entries {
            let text = try mra(entry, "TrustServiceEquivalenceStatusStartingTime", path: entryPath).text
            starts.append((try time(text, "\(entryPath)/TrustServiceEquivalenceStatusStartingTime"), entry, entryPath))
        }
        starts.sort { $0.start < $1.start }
        for (earlier, later) in zip(starts, starts.dropFirst()) where earlier.start == later.start {
            throw error(later.path, "starts at \(later.start), as another period of the same equivalence does")
        }
        var periods: [TrustedList.EquivalencePeriod] = []
        for (index, entry) in starts.enumerated() {
            let until = index + 1 < starts.count ? starts[index + 1].start : nil
            periods.append(try period(entry.element, start: entry.start, until: until, path: entry.path))
        }
        return TrustedList.ServiceEquivalence(legalIdentifier: legalIdentifier, periods: periods)
    }

    private mutating func period(
        _ element: XMLElementNode,
        start: X509Time,
        until: X509Time?,
        path: String
    ) throws(TrustError) -> TrustedList.EquivalencePeriod {
        let statusText = try mra(element, "TrustServiceEquivalenceStatus", path: path).text
        guard let status = TrustedList.EquivalenceStatus(uri: statusText) else {
            throw error(
                "\(path)/TrustServiceEquivalenceStatus",
                "is '\(statusText)'; only \(TrustedList.EquivalenceStatus.allCases.map(\.uri).joined(separator: " and ")) are defined"
            )
        }
        let typesPath = "\(path)/TrustServiceTSLTypeEquivalenceList"
        let types = try mra(element, "TrustServiceTSLTypeEquivalenceList", path: path)
        let pointingTypes = try serviceTypes(
            try mra(types, "TrustServiceTSLTypeListPointingParty", path: typesPath),
            path: "\(typesPath)/TrustServiceTSLTypeListPointingParty"
        )
        let pointedTypes = try serviceTypes(
            try mra(types, "TrustServiceTSLTypeListPointedParty", path: typesPath),
            path: "\(typesPath)/TrustServiceTSLTypeListPointedParty"
        )
        let statusesPath = "\(path)/TrustServiceTSLStatusEquivalenceList"
        let statusList = try mra(element, "TrustServiceTSLStatusEquivalenceList", path: path)
        var statuses: [TrustedList.StatusEquivalence] = []
        for (name, isValid) in [
            ("TrustServiceTSLStatusValidEquivalence", true), ("TrustServiceTSLStatusInvalidEquivalence", false),
        ] {
            for (index, entry) in statusList.children(XMLNamespace.mutualRecognition, name).enumerated() {
                let entryPath = "\(statusesPath)/\(name)[\(index + 1)]"
                statuses.append(
                    .init(
                        isValid: isValid,
                        pointing: try serviceStatuses(entry, "TrustServiceTSLStatusListPointingParty", path: entryPath),
                        pointed: try serviceStatuses(entry, "TrustServiceTSLStatusListPointedParty", path: entryPath)
                    )
                )
            }
        }
        return TrustedList.EquivalencePeriod(
            status: status,
            start: start,
            until: until,
            pointingTypes: pointingTypes,
            pointedTypes: pointedTypes,
            statuses: statuses,
            contents: try contents(element, path: path),
            qualifiers: qualifiers(element)
        )
    }

    private func serviceTypes(
        _ list: XMLElementNode,
        path: String
    ) throws(TrustError) -> [TrustedList.ServiceTypeReference] {
        let entries = list.children(XMLNamespace.mutualRecognition, "TrustServiceTSLType")
        guard !entries.isEmpty else { throw error("\(path)/TrustServiceTSLType", "is missing (line \(list.line))") }
        var types: [TrustedList.ServiceTypeReference] = []
        for (index, entry) in entries.enumerated() {
            guard let type = entry.child(XMLNamespace.trustedList, "ServiceTypeIdentifier")?.text, !type.isEmpty else {
                throw error("\(path)/TrustServiceTSLType[\(index + 1)]/ServiceTypeIdentifier", "is missing or empty")
            }
            let information =
                entry.children(XMLNamespace.trustedList, "AdditionalServiceInformation")
                .compactMap { $0.child(XMLNamespace.trustedList, "URI")?.text }
            types.append(.init(type: type, additionalInformation: information))
        }
        return types
    }

    private func serviceStatuses(_ entry: XMLElementNode, _ name: String, path: String) throws(TrustError) -> [String] {
        let statuses = try mra(entry, name, path: path).children(XMLNamespace.trustedList, "ServiceStatus").map(\.text)
        guard !statuses.isEmpty else { throw error("\(path)/\(name)/ServiceStatus", "is missing") }
        return statuses
    }

    private mutating func contents(
        _ element: XMLElementNode,
        path: String
    ) throws(TrustError) -> [TrustedList.ContentEquivalence] {
        guard let list = element.child(XMLNamespace.mutualRecognition, "CertificateContentReferencesEquivalenceList")
        else { return [] }
        let listPath = "\(path)/CertificateContentReferencesEquivalenceList"
        var contents: [TrustedList.ContentEquivalence] = []
        let entries = list.children(XMLNamespace.mutualRecognition, "CertificateContentReferenceEquivalence")
        for (index, entry) in entries.enumerated() {
            let entryPath = "\(listPath)/CertificateContentReferenceEquivalence[\(index + 1)]"
            let uri = try mra(entry, "CertificateContentReferenceEquivalenceContext", path: entryPath).text
            guard let context = TrustedList.ContentContext(uri: uri) else {
                warnings.append("\(entryPath): the content context \(uri) is not known and was skipped")
                continue
            }
            if contents.contains(where: { $0.context == context }) {
                warnings.append("\(entryPath): a second \(context.rawValue) equivalence was skipped")
                continue
            }
            contents.append(
                .init(
                    context: context,
                    pointing: try criteria(
                        try mra(entry, "CertificateContentDeclarationPointingParty", path: entryPath),
                        path: "\(entryPath)/CertificateContentDeclarationPointingParty",
                        depth: 0
                    ),
                    pointed: try criteria(
                        try mra(entry, "CertificateContentDeclarationPointedParty", path: entryPath),
                        path: "\(entryPath)/CertificateContentDeclarationPointedParty",
                        depth: 0
                    )
                )
            )
        }
        return contents
    }

    private func qualifiers(_ element: XMLElementNode) -> [String: String] {
        var map: [String: String] = [:]
        let lists =
            element.child(XMLNamespace.mutualRecognition, "TrustServiceTSLQualificationExtensionEquivalenceList")?
            .children(XMLNamespace.mutualRecognition, "QualifierEquivalenceList") ?? []
        for list in lists {
            for pair in list.children(XMLNamespace.mutualRecognition, "QualifierEquivalence") {
                if let pointed = pair.child(XMLNamespace.mutualRecognition, "QualifierPointedParty")?.attribute("uri"),
                    let pointing = pair.child(XMLNamespace.mutualRecognition, "QualifierPointingParty")?.attribute(
                        "uri"
                    )
                {
                    map[pointed] = pointing
                }
            }
        }
        return map
    }

    /// A `CriteriaListType` element (TS 119 612 §5.5.9.2.1), in DSS's order: `KeyUsage`, `PolicySet`, the
    /// `otherCriteriaList` items (extended key usages, subject attributes, qcStatement sets), nested lists.
    func criteria(_ element: XMLElementNode, path: String, depth: Int) throws(TrustError) -> CertificateCriteria {
        guard depth < CertificateCriteria.maximumDepth else {
            throw error(path, "nests criteria lists deeper than \(CertificateCriteria.maximumDepth) levels")
        }
        let assertText = element.attribute("assert") ?? "all"
        guard let assertion = CertificateCriteria.Assertion(rawValue: assertText) else {
            throw error("\(path)/@assert", "is '\(assertText)', not all, atLeastOne or none")
        }
        let q = XMLNamespace.qualifications
        var items: [CertificateCriteria.Criterion] = []
        for (index, usage) in element.children(q, "KeyUsage").enumerated() {
            var bits: [String: Bool] = [:]
            for bit in usage.children(q, "KeyUsageBit") {
                let name = bit.attribute("name") ?? ""
                guard KeyUsage.named(name) != nil, let value = Self.boolean(bit.text) else {
                    throw error(
                        "\(path)/KeyUsage[\(index + 1)]/KeyUsageBit",
                        "'\(name)' = '\(bit.text)' is not a key usage bit set to true or false (line \(bit.line))"
                    )
                }
                bits[name] = value
            }
            items.append(.keyUsage(bits))
        }
        for (index, set) in element.children(q, "PolicySet").enumerated() {
            items.append(
                .policySet(
                    try identifiers(set.children(q, "PolicyIdentifier"), path: "\(path)/PolicySet[\(index + 1)]")
                )
            )
        }
        if let other = element.child(q, "otherCriteriaList") {
            let otherPath = "\(path)/otherCriteriaList"
            var extendedKeyUsages: [CertificateCriteria.Criterion] = []
            var subjectAttributes: [CertificateCriteria.Criterion] = []
            var statementSets: [CertificateCriteria.Criterion] = []
            for item in other.childElements {
                let itemPath = "\(otherPath)/\(item.localName)"
                let additional = XMLNamespace.trustedListAdditionalTypes
                switch (item.namespace, item.localName) {
                case (additional, "ExtendedKeyUsage"):
                    let purposes = try identifiers(item.children(additional, "KeyPurposeId"), path: itemPath)
                    extendedKeyUsages.append(.extendedKeyUsage(purposes))
                case (additional, "CertSubjectDNAttribute"):
                    let types = try identifiers(item.children(additional, "AttributeOID"), path: itemPath)
                    subjectAttributes.append(.subjectAttributes(types))
                case (XMLNamespace.mutualRecognition, "QcStatementSet"):
                    statementSets.append(.qcStatementSet(try statements(item, path: itemPath)))
                default:
                    throw error(itemPath, "is a criterion Sealbridge cannot evaluate (line \(item.line))")
                }
            }
            items += extendedKeyUsages + subjectAttributes + statementSets
        }
        for (index, nested) in element.children(q, "CriteriaList").enumerated() {
            items.append(.criteria(try criteria(nested, path: "\(path)/CriteriaList[\(index + 1)]", depth: depth + 1)))
        }
        return CertificateCriteria(assertion: assertion, criteria: items)
    }

    private func statements(
        _ set: XMLElementNode,
        path: String
    ) throws(TrustError) -> [CertificateCriteria.QCStatementCriterion] {
        let m = XMLNamespace.mutualRecognition
        var statements: [CertificateCriteria.QCStatementCriterion] = []
        for (index, statement) in set.children(m, "QcStatement").enumerated() {
            let statementPath = "\(path)/QcStatement[\(index + 1)]"
            let id = try identifier(
                try mra(statement, "QcStatementId", path: statementPath),
                path: "\(statementPath)/QcStatementId"
            )
            let information = statement.child(m, "QcStatementInfo")
            let type = try information?.child(m, "QcType").map { (element) throws(TrustError) in
                try identifier(element, path: "\(statementPath)/QcStatementInfo/QcType")
            }
            let legislation = information?.child(m, "QcCClegislation")?.text
            if let legislation, !Jurisdiction.isValid(legislation.uppercased()) {
                throw error(
                    "\(statementPath)/QcStatementInfo/QcCClegislation",
                    "is '\(legislation)', not a country code"
                )
            }
            statements.append(.init(id: id, type: type, legislation: legislation?.uppercased()))
        }
        guard !statements.isEmpty else { throw error("\(path)/QcStatement", "is missing") }
        return statements
    }

    /// The OIDs of `ObjectIdentifierType` elements (`xades:Identifier`, `urn:oid:` or dotted).
    private func identifiers(_ elements: [XMLElementNode], path: String) throws(TrustError) -> [ASN1ObjectIdentifier] {
        var oids: [ASN1ObjectIdentifier] = []
        for element in elements { oids.append(try identifier(element, path: path)) }
        guard !oids.isEmpty else { throw error(path, "names no object identifier") }
        return oids
    }

    private func identifier(_ element: XMLElementNode, path: String) throws(TrustError) -> ASN1ObjectIdentifier {
        let text = element.child(XMLNamespace.xades, "Identifier")?.text ?? ""
        let dotted = text.hasPrefix("urn:oid:") ? String(text.dropFirst(8)) : text
        guard let oid = try? ASN1ObjectIdentifier(dotRepresentation: dotted) else {
            throw error("\(path)/Identifier", "is '\(text)', not an OID (line \(element.line))")
        }
        return oid
    }

    /// xsd:boolean.
    private static func boolean(_ text: String) -> Bool? {
        switch text {
        case "true", "1": return true
        case "false", "0": return false
        default: return nil
        }
    }
}
