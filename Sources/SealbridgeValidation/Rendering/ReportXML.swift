import Foundation

extension ValidationReport {
    /// The namespace of ETSI TS 119 102-2 v1.2.1 validation reports.
    public static let etsiNamespace = "http://uri.etsi.org/19102/v1.2.1#"

    /// The report as an ETSI TS 119 102-2 validation report: one `SignatureValidationReport` per signature with
    /// its identifier, validation time and best-signature-time (POE), signer, validation process, main and
    /// sub-indication URIs, and the chain as validation objects. Sealbridge's recognition verdict and checks go in
    /// `AdditionalValidationReportData` entries typed `urn:sealbridge:…`, as §4.3.5.4 allows for further data.
    public func xml() -> String {
        var x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        x +=
            "<vr:ValidationReport xmlns:vr=\"\(Self.etsiNamespace)\" xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\">\n"
        var objects: [(id: String, certificate: CertificateInfo)] = []
        func object(_ certificate: CertificateInfo) -> String {
            let id = "C-\(certificate.sha256.prefix(16))"
            if !objects.contains(where: { $0.id == id }) { objects.append((id, certificate)) }
            return id
        }
        for signature in signatures {
            x += "  <vr:SignatureValidationReport>\n"
            x += signatureHeader(signature, signerReference: signature.signer.map(object))
            x += "    <vr:SignatureValidationStatus>\n"
            x += "      <vr:MainIndication>\(signature.indication.uri)</vr:MainIndication>\n"
            if let sub = signature.subIndication { x += "      <vr:SubIndication>\(sub.uri)</vr:SubIndication>\n" }
            x += "      <vr:AssociatedValidationReportData>\n"
            x += certificateChain(signature, references: signature.chain.map { object($0.certificate) })
            x += additionalData(signature)
            x += "      </vr:AssociatedValidationReportData>\n"
            x += "    </vr:SignatureValidationStatus>\n"
            x += "  </vr:SignatureValidationReport>\n"
        }
        x += validationObjects(objects)
        x +=
            "  <vr:SignatureValidator>\n    <vr:DigitalId><ds:X509SubjectName>\(ReportText.escape(generator))</ds:X509SubjectName></vr:DigitalId>\n"
        x += "  </vr:SignatureValidator>\n"
        x += "</vr:ValidationReport>\n"
        return x
    }

    /// The signature's identifier, times, signed attributes, signer and process (TS 119 102-2 §4.3.1–§4.3.4).
    private func signatureHeader(_ signature: SignatureReport, signerReference: String?) -> String {
        let e = ReportText.escape
        var x = "    <vr:SignatureIdentifier id=\"\(e(signature.id))\">\n"
        x += "      <vr:HashOnly>false</vr:HashOnly>\n      <vr:DocHashOnly>false</vr:DocHashOnly>\n"
        x += "    </vr:SignatureIdentifier>\n"
        x += "    <vr:ValidationTimeInfo>\n"
        x += "      <vr:ValidationTime>\(e(validationTime))</vr:ValidationTime>\n"
        x += "      <vr:BestSignatureTime>\n        <vr:POETime>\(e(signature.bestSignatureTime))</vr:POETime>\n"
        let proof =
            signature.timeStamps.contains { $0.kind == .signature && $0.proofOfExistence } ? "derived" : "validation"
        x += "        <vr:TypeOfProof>urn:etsi:019102:poetype:\(proof)</vr:TypeOfProof>\n"
        x += "      </vr:BestSignatureTime>\n    </vr:ValidationTimeInfo>\n"
        if let claimed = signature.claimedSigningTime {
            x +=
                "    <vr:SignatureAttributes>\n      <vr:SigningTime Signed=\"true\"><vr:Time>\(e(claimed))</vr:Time></vr:SigningTime>\n"
            x += "    </vr:SignatureAttributes>\n"
        }
        if let signer = signature.signer, let signerReference {
            x += "    <vr:SignerInformation>\n      <vr:SignerCertificate VOReference=\"\(signerReference)\"/>\n"
            x += "      <vr:Signer>\(e(signer.subject))</vr:Signer>\n    </vr:SignerInformation>\n"
        }
        x += "    <vr:SignatureValidationProcess>\n"
        x +=
            "      <vr:SignatureValidationProcessID>urn:etsi:019102:validationprocess:Basic</vr:SignatureValidationProcessID>\n"
        x += "    </vr:SignatureValidationProcess>\n"
        return x
    }

    /// The chain as validation-object references, signer first.
    private func certificateChain(_ signature: SignatureReport, references: [String]) -> String {
        guard !signature.chain.isEmpty else { return "" }
        var x = "        <vr:CertificateChain>\n"
        for (element, id) in zip(signature.chain, references).reversed() {
            let tag =
                element.role == .signer
                ? "SigningCertificate" : element.role == .trustAnchor ? "TrustAnchor" : "IntermediateCertificate"
            x += "          <vr:\(tag) VOReference=\"\(id)\"/>\n"
        }
        return x + "        </vr:CertificateChain>\n"
    }

    /// Sealbridge's further data (§4.3.5.4): recognition, trust level, revocation per certificate, checks, items
    /// present but not evaluated.
    private func additionalData(_ signature: SignatureReport) -> String {
        var x = "        <vr:AdditionalValidationReportData>\n"
        x += reportData("urn:sealbridge:recognition", recognitionText(signature))
        x += reportData(
            "urn:sealbridge:trust-level",
            signature.trust.level.map { "\(signature.trust.framework ?? ""): \($0)" }
                ?? signature.trust.reasons.joined(separator: "; ")
        )
        for element in signature.chain {
            x += reportData(
                "urn:sealbridge:revocation",
                "\(element.certificate.subject): \(element.revocation.status.rawValue) — \(element.revocation.detail)"
            )
        }
        for check in signature.checks {
            x += reportData(
                "urn:sealbridge:check",
                "[\(check.result.rawValue)] \(check.name) (\(check.clause)): \(check.detail)"
            )
        }
        for item in signature.unevaluated {
            x += reportData("urn:sealbridge:not-evaluated", "\(item.name): \(item.detail)")
        }
        return x + "        </vr:AdditionalValidationReportData>\n"
    }

    /// The certificates as validation objects, by SHA-256 (§4.4).
    private func validationObjects(_ objects: [(id: String, certificate: CertificateInfo)]) -> String {
        guard !objects.isEmpty else { return "" }
        var x = "  <vr:SignatureValidationObjects>\n"
        for object in objects {
            x += "    <vr:ValidationObject id=\"\(object.id)\">\n"
            x += "      <vr:ObjectType>urn:etsi:019102:validationObject:certificate</vr:ObjectType>\n"
            x += "      <vr:ValidationObjectRepresentation>\n"
            x +=
                "        <vr:DigestAlgAndValue>\n          <ds:DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/>\n"
            x += "          <ds:DigestValue>\(hexToBase64(object.certificate.sha256))</ds:DigestValue>\n"
            x += "        </vr:DigestAlgAndValue>\n      </vr:ValidationObjectRepresentation>\n"
            x += "    </vr:ValidationObject>\n"
        }
        return x + "  </vr:SignatureValidationObjects>\n"
    }

    private func reportData(_ type: String, _ value: String) -> String {
        "          <vr:ReportData><vr:Type>\(type)</vr:Type><vr:Value>\(ReportText.escape(value))</vr:Value></vr:ReportData>\n"
    }

    private func recognitionText(_ signature: SignatureReport) -> String {
        (context.relyingJurisdiction.map { "\($0): " } ?? "") + signature.recognition.verdict.rawValue
            + ReportText.recognitionDetail(signature.recognition)
    }
}

/// Hexadecimal to base64 (digests are kept as hex in the JSON report, base64 in XML-DSig elements).
func hexToBase64(_ hex: String) -> String {
    var bytes: [UInt8] = []
    var iterator = hex.utf8.makeIterator()
    func nibble(_ c: UInt8) -> UInt8 { c <= 0x39 ? c &- 0x30 : (c | 0x20) &- 0x61 &+ 10 }
    while let high = iterator.next(), let low = iterator.next() { bytes.append(nibble(high) << 4 | nibble(low)) }
    return Data(bytes).base64EncodedString()
}
