import Foundation

extension ValidationReport {
    /// The namespace of ETSI TS 119 102-2 v1.2.1 validation reports.
    public static let etsiNamespace = "http://uri.etsi.org/19102/v1.2.1#"

    /// The report as an ETSI TS 119 102-2 validation report: one `SignatureValidationReport` per signature with
    /// its identifier, validation time and best-signature-time (POE), signer, validation process, main and
    /// sub-indication URIs, and the chain as validation objects. Sealbridge's recognition verdict and checks go in
    /// `AdditionalValidationReportData` entries typed `urn:sealbridge:…`, as §4.3.5.4 allows for further data.
    public func xml() -> String {
        let e = ReportText.escape
        var x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        x +=
            "<vr:ValidationReport xmlns:vr=\"\(Self.etsiNamespace)\" xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\">\n"
        var objects: [(id: String, certificate: CertificateInfo)] = []
        for signature in signatures {
            x += "  <vr:SignatureValidationReport>\n"
            x += "    <vr:SignatureIdentifier id=\"\(e(signature.id))\">\n"
            x += "      <vr:HashOnly>false</vr:HashOnly>\n      <vr:DocHashOnly>false</vr:DocHashOnly>\n"
            x += "    </vr:SignatureIdentifier>\n"
            x += "    <vr:ValidationTimeInfo>\n"
            x += "      <vr:ValidationTime>\(e(validationTime))</vr:ValidationTime>\n"
            x += "      <vr:BestSignatureTime>\n        <vr:POETime>\(e(signature.bestSignatureTime))</vr:POETime>\n"
            let proof =
                signature.timeStamps.contains { $0.kind == "signature" && $0.proofOfExistence }
                ? "derived" : "validation"
            x += "        <vr:TypeOfProof>urn:etsi:019102:poetype:\(proof)</vr:TypeOfProof>\n"
            x += "      </vr:BestSignatureTime>\n    </vr:ValidationTimeInfo>\n"
            if let claimed = signature.claimedSigningTime {
                x +=
                    "    <vr:SignatureAttributes>\n      <vr:SigningTime Signed=\"true\"><vr:Time>\(e(claimed))</vr:Time></vr:SigningTime>\n"
                x += "    </vr:SignatureAttributes>\n"
            }
            if let signer = signature.signer {
                let id = "C-\(signer.sha256.prefix(16))"
                if !objects.contains(where: { $0.id == id }) { objects.append((id, signer)) }
                x += "    <vr:SignerInformation>\n      <vr:SignerCertificate VOReference=\"\(id)\"/>\n"
                x += "      <vr:Signer>\(e(signer.subject))</vr:Signer>\n    </vr:SignerInformation>\n"
            }
            x += "    <vr:SignatureValidationProcess>\n"
            x +=
                "      <vr:SignatureValidationProcessID>urn:etsi:019102:validationprocess:Basic</vr:SignatureValidationProcessID>\n"
            x += "    </vr:SignatureValidationProcess>\n"
            x += "    <vr:SignatureValidationStatus>\n"
            x += "      <vr:MainIndication>\(signature.indication.uri)</vr:MainIndication>\n"
            if let sub = signature.subIndication { x += "      <vr:SubIndication>\(sub.uri)</vr:SubIndication>\n" }
            x += "      <vr:AssociatedValidationReportData>\n"
            for element in signature.chain {
                let id = "C-\(element.certificate.sha256.prefix(16))"
                if !objects.contains(where: { $0.id == id }) { objects.append((id, element.certificate)) }
            }
            if !signature.chain.isEmpty {
                x += "        <vr:CertificateChain>\n"
                for element in signature.chain.reversed() {
                    let id = "C-\(element.certificate.sha256.prefix(16))"
                    let tag =
                        element.role == "signer"
                        ? "SigningCertificate"
                        : element.role == "trust-anchor" ? "TrustAnchor" : "IntermediateCertificate"
                    x += "          <vr:\(tag) VOReference=\"\(id)\"/>\n"
                }
                x += "        </vr:CertificateChain>\n"
            }
            x += "        <vr:AdditionalValidationReportData>\n"
            x += reportData("urn:sealbridge:recognition", recognitionText(signature))
            x += reportData(
                "urn:sealbridge:trust-level",
                signature.trust.level.map { "\(signature.trust.framework ?? ""): \($0)" }
                    ?? signature.trust.reasons.joined(separator: "; ")
            )
            for check in signature.checks {
                x += reportData(
                    "urn:sealbridge:check",
                    "[\(check.result)] \(check.name) (\(check.clause)): \(check.detail)"
                )
            }
            x += "        </vr:AdditionalValidationReportData>\n"
            x += "      </vr:AssociatedValidationReportData>\n"
            x += "    </vr:SignatureValidationStatus>\n"
            x += "  </vr:SignatureValidationReport>\n"
        }
        if !objects.isEmpty {
            x += "  <vr:SignatureValidationObjects>\n"
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
            x += "  </vr:SignatureValidationObjects>\n"
        }
        x +=
            "  <vr:SignatureValidator>\n    <vr:DigitalId><ds:X509SubjectName>\(e(generator))</ds:X509SubjectName></vr:DigitalId>\n"
        x += "  </vr:SignatureValidator>\n"
        x += "</vr:ValidationReport>\n"
        return x
    }

    private func reportData(_ type: String, _ value: String) -> String {
        "          <vr:ReportData><vr:Type>\(type)</vr:Type><vr:Value>\(ReportText.escape(value))</vr:Value></vr:ReportData>\n"
    }

    private func recognitionText(_ signature: SignatureReport) -> String {
        (context.relyingJurisdiction.map { "\($0): " } ?? "") + signature.recognition.verdict
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
