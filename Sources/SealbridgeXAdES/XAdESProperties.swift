package import SealbridgeCrypto
package import SealbridgeX509
package import SealbridgeXML

/// The XAdES qualifying properties of one signature (EN 319 132-1 v1.3.1 §4.3, §5.2, §5.3), read once.
package struct XAdESProperties {
    /// One `Cert` of `SigningCertificate` (v1) or `SigningCertificateV2`: a digest of the certificate.
    package struct CertificateDigest {
        /// The digest function, when known.
        package let function: HashFunction?
        /// `DigestMethod/@Algorithm`.
        package let method: String
        /// The digest value; nil when not base64.
        package let value: [UInt8]?
    }

    /// A `DataObjectFormat` (§5.2.4).
    package struct DataObjectFormat {
        package let objectReference: String
        package let mimeType: String?
        package let description: String?
        /// How many `MimeType` elements it has (the baseline wants one).
        package let mimeTypeCount: Int
        /// Whether it says anything: a Description, an ObjectIdentifier or a MimeType (§5.2.4).
        package let isDescriptive: Bool
    }

    /// One encapsulated time-stamp token with the canonicalisation its input uses (§5.3.4, default C14N 1.0).
    package struct EncapsulatedTimeStamp {
        package let token: [UInt8]?
        package let canonicalization: CanonicalizationMethod?
        package let canonicalizationURI: String?
        /// `IndividualDataObjectsTimeStamp/Include/@URI`s.
        package let includes: [String]
    }

    /// `QualifyingProperties`.
    package let element: XMLElementNode
    /// Whether its `Target` does not name the signature (it was read because it is the only one).
    package let targetMismatch: Bool
    /// `SignedProperties`, when present.
    package let signedProperties: XMLElementNode?
    /// `SigningTime` texts (baseline: exactly one).
    package let signingTimes: [String]
    /// The version of the signing-certificate property present: 1, 2, or nil; and how many there are.
    package let signingCertificateVersion: Int?
    package let signingCertificateCount: Int
    /// Its `Cert` digests, the signing certificate's first.
    package let signingCertificateDigests: [CertificateDigest]
    /// `SignaturePolicyIdentifier`: the policy identifier, or "implied".
    package let signaturePolicy: String?
    /// `SignerRole`/`SignerRoleV2` claimed roles.
    package let claimedRoles: [String]
    /// `CommitmentTypeIndication` identifiers.
    package let commitmentTypes: [String]
    /// `DataObjectFormat`s.
    package let dataObjectFormats: [DataObjectFormat]
    /// `AllDataObjectsTimeStamp`s.
    package let allDataObjectsTimeStamps: [EncapsulatedTimeStamp]
    /// `IndividualDataObjectsTimeStamp`s.
    package let individualDataObjectsTimeStamps: [EncapsulatedTimeStamp]
    /// `SignatureTimeStamp`s.
    package let signatureTimeStamps: [EncapsulatedTimeStamp]
    /// How many tokens each `SignatureTimeStamp` element holds (the baseline wants one in each, §6.3).
    package let tokensPerSignatureTimeStamp: [Int]
    /// How many `SignerRole`/`SignerRoleV2` and `SignatureProductionPlace`/`…V2` properties there are.
    package let signerRoleCount: Int
    package let productionPlaceCount: Int
    /// `CounterSignature/ds:Signature` elements.
    package let counterSignatures: [XMLElementNode]
    /// Certificates in `CertificateValues` (unreadable ones counted in `unreadableValues`).
    package let certificateValues: [Certificate]
    /// CRLs in `RevocationValues/CRLValues`.
    package let crlValues: [CertificateRevocationList]
    /// How many encapsulated values could not be read.
    package let unreadableValues: Int
    /// Unsigned properties that are present and not evaluated (archive time-stamps, references, OCSP values…).
    package let unevaluated: [String]

    /// Reads the `QualifyingProperties` of `signature`: the one whose `Target` is `#` + the signature's `Id` (any one
    /// when the signature has no `Id`).
    package init?(of signature: XMLElementNode) {
        let signatureID = signature.attribute("Id")
        let candidates = signature.children(XMLDSigNamespace.dsig, "Object").flatMap {
            $0.xadesChildren("QualifyingProperties")
        }
        // §4.3: Target names the signature. A lone QualifyingProperties whose Target does not (a case slip, an
        // old signer) is still read, as DSS reads it; `targetMismatch` says so.
        let targeted = candidates.first { element in
            guard let signatureID else { return true }
            return element.attribute("Target") == "#" + signatureID
        }
        guard let qualifying = targeted ?? (candidates.count == 1 ? candidates[0] : nil) else { return nil }
        targetMismatch = targeted == nil
        element = qualifying
        let signed = qualifying.xadesChild("SignedProperties")
        signedProperties = signed
        let signatureProperties = signed?.xadesChild("SignedSignatureProperties")
        let dataProperties = signed?.xadesChild("SignedDataObjectProperties")
        signingTimes = signatureProperties?.xadesChildren("SigningTime").map(\.text) ?? []
        let v2 = signatureProperties?.xadesChildren("SigningCertificateV2") ?? []
        let v1 = signatureProperties?.xadesChildren("SigningCertificate") ?? []
        signingCertificateVersion = v2.isEmpty ? (v1.isEmpty ? nil : 1) : 2
        signingCertificateCount = v1.count + v2.count
        signingCertificateDigests =
            (v2.first ?? v1.first)?.xadesChildren("Cert").compactMap { cert in
                guard let digest = cert.xadesChild("CertDigest") else { return nil }
                let method = digest.child(XMLDSigNamespace.dsig, "DigestMethod")?.attribute("Algorithm") ?? ""
                return CertificateDigest(
                    function: XMLSignatureAlgorithms.digest(method),
                    method: method,
                    value: digest.child(XMLDSigNamespace.dsig, "DigestValue").flatMap { decodeXMLBase64($0.text) }
                )
            } ?? []
        if let policy = signatureProperties?.xadesChild("SignaturePolicyIdentifier") {
            signaturePolicy =
                policy.xadesChild("SignaturePolicyId")?.xadesChild("SigPolicyId")?.xadesChild("Identifier")?.text
                ?? (policy.xadesChild("SignaturePolicyImplied") != nil ? "implied" : "")
        } else {
            signaturePolicy = nil
        }
        let roles = signatureProperties?.xadesChild("SignerRoleV2") ?? signatureProperties?.xadesChild("SignerRole")
        signerRoleCount =
            (signatureProperties?.xadesChildren("SignerRoleV2").count ?? 0)
            + (signatureProperties?.xadesChildren("SignerRole").count ?? 0)
        productionPlaceCount =
            (signatureProperties?.xadesChildren("SignatureProductionPlaceV2").count ?? 0)
            + (signatureProperties?.xadesChildren("SignatureProductionPlace").count ?? 0)
        claimedRoles = roles?.xadesChild("ClaimedRoles")?.xadesChildren("ClaimedRole").map(\.text) ?? []
        commitmentTypes =
            dataProperties?.xadesChildren("CommitmentTypeIndication").compactMap {
                $0.xadesChild("CommitmentTypeId")?.xadesChild("Identifier")?.text
            } ?? []
        dataObjectFormats =
            dataProperties?.xadesChildren("DataObjectFormat").map {
                DataObjectFormat(
                    objectReference: $0.attribute("ObjectReference") ?? "",
                    mimeType: $0.xadesChild("MimeType")?.text,
                    description: $0.xadesChild("Description")?.text,
                    mimeTypeCount: $0.xadesChildren("MimeType").count,
                    isDescriptive: $0.xadesChild("Description") != nil || $0.xadesChild("ObjectIdentifier") != nil
                        || $0.xadesChild("MimeType") != nil
                )
            } ?? []
        allDataObjectsTimeStamps = dataProperties?.xadesChildren("AllDataObjectsTimeStamp").flatMap(Self.stamps) ?? []
        individualDataObjectsTimeStamps =
            dataProperties?.xadesChildren("IndividualDataObjectsTimeStamp").flatMap(Self.stamps) ?? []

        let unsigned = qualifying.xadesChild("UnsignedProperties")?.xadesChild(
            "UnsignedSignatureProperties"
        )
        var signatureStamps: [EncapsulatedTimeStamp] = []
        var tokensPerStamp: [Int] = []
        var counters: [XMLElementNode] = []
        var certificates: [Certificate] = []
        var crls: [CertificateRevocationList] = []
        var unreadable = 0
        var others: [String] = []
        for property in unsigned?.childElements ?? [] where XMLDSigNamespace.isXAdES(property.namespace) {
            switch property.localName {
            case "SignatureTimeStamp":
                let stamps = Self.stamps(property)
                signatureStamps += stamps
                tokensPerStamp.append(stamps.count)
            case "CounterSignature":
                counters += property.children(XMLDSigNamespace.dsig, "Signature")
            case "CertificateValues":
                for value in property.xadesChildren("EncapsulatedX509Certificate") {
                    if let der = decodeXMLBase64(value.text), let certificate = try? Certificate(derEncoded: der) {
                        certificates.append(certificate)
                    } else {
                        unreadable += 1
                    }
                }
                if !property.xadesChildren("OtherCertificate").isEmpty { others.append("OtherCertificate") }
            case "RevocationValues":
                for value in property.xadesChild("CRLValues")?.xadesChildren("EncapsulatedCRLValue") ?? [] {
                    if let der = decodeXMLBase64(value.text), let crl = try? CertificateRevocationList(derEncoded: der)
                    {
                        crls.append(crl)
                    } else {
                        unreadable += 1
                    }
                }
                if property.xadesChild("OCSPValues") != nil { others.append("OCSPValues") }
            default:
                others.append(property.localName)
            }
        }
        signatureTimeStamps = signatureStamps
        tokensPerSignatureTimeStamp = tokensPerStamp
        counterSignatures = counters
        certificateValues = certificates
        crlValues = crls
        unreadableValues = unreadable
        unevaluated = others
    }

    /// The tokens of one time-stamp property (`EncapsulatedTimeStamp`s; `XMLTimeStamp`s are not read).
    static func stamps(_ property: XMLElementNode) -> [EncapsulatedTimeStamp] {
        let method = property.child(XMLDSigNamespace.dsig, "CanonicalizationMethod")?.attribute("Algorithm")
        let includes = property.xadesChildren("Include").compactMap { $0.attribute("URI") }
        let canonicalization: CanonicalizationMethod? =
            if let method { CanonicalizationMethod(uri: method) } else { CanonicalizationMethod.all[0] }
        return property.xadesChildren("EncapsulatedTimeStamp").map {
            EncapsulatedTimeStamp(
                token: decodeXMLBase64($0.text),
                canonicalization: canonicalization,
                canonicalizationURI: method,
                includes: includes
            )
        }
    }
}

extension XMLElementNode {
    /// The first child with this local name in a XAdES namespace (1.3.2 or 1.4.1).
    package func xadesChild(_ localName: String) -> XMLElementNode? {
        childElements.first { $0.localName == localName && XMLDSigNamespace.isXAdES($0.namespace) }
    }

    /// The children with this local name in a XAdES namespace.
    package func xadesChildren(_ localName: String) -> [XMLElementNode] {
        childElements.filter { $0.localName == localName && XMLDSigNamespace.isXAdES($0.namespace) }
    }
}
