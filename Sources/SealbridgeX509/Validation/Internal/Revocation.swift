import SealbridgeCrypto
import SwiftASN1

/// RFC 5280 §6.3: the revocation state of one certificate from the supplied CRLs.
extension PathSearch {
    /// The freshestCRL extension, which may also sit on a complete CRL (§5.2.6).
    static let freshestCRLOID: ASN1ObjectIdentifier = [2, 5, 29, 46]
    static let removeFromCRL = 8

    /// The revocation fact for one certificate, and the failure it causes under the options, if any.
    struct RevocationCheck {
        var status: CertificateRevocationStatus
        var failure: (code: PathValidationFailure.Code, reason: String)?
    }

    /// id-pkix-ocsp-nocheck (RFC 6960 §4.2.2.2.1).
    static let ocspNoCheckOID: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 7, 48, 1, 5]
    /// id-kp-OCSPSigning.
    static let ocspSigningOID: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 7, 3, 9]

    /// Checks `prepared` (at `index` of `path`, anchor side first) against the supplied CRLs.
    ///
    /// - Returns: the status found (good with its CRL, revoked with date and reason, or not checked and why) and
    ///   the failure that status causes under ``ValidationOptions/revocation``.
    func revocationStatus(
        of prepared: PreparedCertificate,
        path: [PreparedCertificate],
        index: Int,
        anchor: PreparedCertificate
    ) -> RevocationCheck {
        if options.revocation == .none {
            return RevocationCheck(status: .notChecked(.policy, detail: "revocation checking was not asked for"))
        }
        let certificate = prepared.certificate
        if certificate.extension(Self.ocspNoCheckOID) != nil,
            prepared.extendedKeyUsage?.contains(Self.ocspSigningOID) == true
        {
            return RevocationCheck(
                status: .notChecked(.ocspNoCheck, detail: "an OCSP responder certificate with id-pkix-ocsp-nocheck")
            )
        }
        // The certificate's distribution points, or one implied point naming the issuer (§6.3.3).
        let points = prepared.crlDistributionPoints ?? [DistributionPoint(name: nil, reasons: nil, crlIssuer: nil)]
        let all = ReasonFlags.all
        var reasonsMask: ReasonFlags = []
        var sawApplicableCRL = false
        var lastProblem: String?
        var covering: RevocationSource?
        let time = options.revocationTime ?? options.time
        // The newest data first: when an issuer's CRLs disagree, the latest one speaks (an older CRL that does not
        // yet list a revocation must not hide a newer one that does).
        let completeCRLs = verifier.crls.filter { (try? $0.deltaCRLIndicator()) == nil }
            .sorted { $0.thisUpdate > $1.thisUpdate }

        /// A listed entry: revoked, unless dated after a proven time the options tolerate (§5.5.4 4a).
        func listed(_ entry: (date: X509Time, reason: Int?), in source: RevocationSource) -> RevocationCheck {
            let reason = entry.reason.flatMap(RevocationReason.init(rawValue:))
            let status = CertificateRevocationStatus.revoked(date: entry.date, reason: reason, source: source)
            if options.toleratesRevocationAfterTime && entry.date > options.time {
                return RevocationCheck(status: status)
            }
            let why = reason.map { " (\($0))" } ?? ""
            let which = source.isDelta ? "delta CRL" : "CRL"
            return RevocationCheck(
                status: status,
                failure: (.revoked, "revoked on \(entry.date)\(why), by the \(which) of \(source.issuer)")
            )
        }

        let webPKI = options.profile == .webpki
        for point in points {
            for crl in completeCRLs {
                if reasonsMask == all { break }
                // A CRL without nextUpdate is not a conforming CRL (§5.1.2.5); the WebPKI ignores it entirely.
                if webPKI && crl.nextUpdate == nil { continue }
                // (b) issuer and scope.
                guard let scope = crlScope(crl, point: point, certificate: prepared) else {
                    if crl.issuer.matchingKey == prepared.issuerKey && lastProblem == nil {
                        lastProblem =
                            "the CRL of \(crl.issuer) does not cover this certificate (its distribution point or scope)"
                    }
                    continue
                }
                if webPKI, let problem = webPKICRLProblem(crl) {
                    lastProblem = "the CRL of \(crl.issuer): \(problem)"
                    continue
                }
                // (c)–(d) reasons. Bit 0 ("unused") is not a reason.
                let interim = scope.reasons.intersection(point.reasons ?? all).intersection(all)
                guard !interim.subtracting(reasonsMask).isEmpty else { continue }
                // (f) a validated signer for the CRL; (g) its signature.
                guard let signer = crlSigner(for: crl, path: path, index: index, anchor: anchor) else {
                    lastProblem = "the CRL of \(crl.issuer) has no signer that validates to the same trust anchor"
                    continue
                }
                // (a) currency; a stale complete CRL may be brought up to date by a current delta CRL.
                let wantsDeltas =
                    options.useDeltaCRLs
                    && (prepared.freshestCRL != nil || crl.extension(Self.freshestCRLOID) != nil)
                let delta = wantsDeltas ? currentDelta(for: crl, signer: signer) : nil
                guard crl.thisUpdate <= time else {
                    lastProblem = "the CRL of \(crl.issuer) is issued after the validation time"
                    continue
                }
                if let nextUpdate = crl.nextUpdate, nextUpdate < time, delta == nil {
                    lastProblem = "the CRL of \(crl.issuer) is out of date (nextUpdate \(nextUpdate))"
                    continue
                }
                if crl.extensions.contains(where: { $0.isCritical && !Self.recognizedCRLExtensions.contains($0.oid) }) {
                    lastProblem = "the CRL of \(crl.issuer) has an unrecognised critical extension"
                    continue
                }
                if crl.entries.contains(where: { entry in
                    entry.extensions.contains { $0.isCritical && !Self.recognizedEntryExtensions.contains($0.oid) }
                }) {
                    lastProblem = "the CRL of \(crl.issuer) has an entry with an unrecognised critical extension"
                    continue
                }
                sawApplicableCRL = true
                // (i) the delta CRL first, then (j) the complete CRL. A listed serial is revoked whatever its
                // revocationDate (§6.3.3 (i)–(j) do not look at it); when a signature was made is for the
                // signature-validation layer to weigh (``ValidationOptions/toleratesRevocationAfterTime``).
                if let delta, let entry = entry(for: prepared, in: delta, isIndirect: scope.isIndirect) {
                    if entry.reason == Self.removeFromCRL {
                        reasonsMask.formUnion(interim)
                        covering = covering ?? RevocationSource(delta, isDelta: true)
                        continue
                    }
                    return listed(entry, in: RevocationSource(delta, isDelta: true))
                }
                if let entry = entry(for: prepared, in: crl, isIndirect: scope.isIndirect),
                    entry.reason != Self.removeFromCRL
                {
                    return listed(entry, in: RevocationSource(crl))
                }
                reasonsMask.formUnion(interim)
                covering = covering ?? delta.map { RevocationSource($0, isDelta: true) } ?? RevocationSource(crl)
            }
        }
        if reasonsMask == all, let covering { return RevocationCheck(status: .good(covering)) }
        let problem = lastProblem ?? "the CRLs cover only some revocation reasons for \(certificate.subject)"
        switch options.revocation {
        case .none:
            return RevocationCheck(status: .notChecked(.policy, detail: "revocation checking was not asked for"))
        case .whereAvailable:
            // Checked only where a CRL applied; a partial reason coverage is then not enough.
            if !sawApplicableCRL && lastProblem == nil {
                return RevocationCheck(status: .notChecked(.noData, detail: "no CRL or OCSP response covers it"))
            }
            return RevocationCheck(
                status: .notChecked(.noData, detail: problem),
                failure: (.revocationUnknown, problem)
            )
        case .requireForEveryCertificate:
            let reason = lastProblem ?? "no valid, current CRL covers this certificate"
            return RevocationCheck(status: .notChecked(.noData, detail: reason), failure: (.revocationUnknown, reason))
        }
    }

    static let recognizedCRLExtensions: Set<ASN1ObjectIdentifier> = [
        [2, 5, 29, 20], [2, 5, 29, 27], [2, 5, 29, 28], [2, 5, 29, 35], [2, 5, 29, 46], [2, 5, 29, 18],
    ]

    /// invalidityDate, reasonCode, certificateIssuer, holdInstructionCode.
    static let recognizedEntryExtensions: Set<ASN1ObjectIdentifier> = [
        [2, 5, 29, 21], [2, 5, 29, 24], [2, 5, 29, 29], [2, 5, 29, 23],
    ]

    /// The CA/Browser Forum CRL profile (BR §7.2): a cRLNumber, no serial listed twice, and an
    /// issuingDistributionPoint only as a partitioning URI (no indirect CRLs, no relative names, no reason
    /// partitions).
    func webPKICRLProblem(_ crl: CertificateRevocationList) -> String? {
        guard crl.extension(ExtensionOID.crlNumber) != nil else { return "no cRLNumber (BR §7.2.2)" }
        if crl.extension(ExtensionOID.crlNumber)?.isCritical == true { return "cRLNumber must not be critical" }
        var serials: Set<[UInt8]> = []
        for entry in crl.entries where !serials.insert(entry.serialNumber).inserted {
            return "the serial \(entry.serialNumber) is listed twice"
        }
        if let idp = (try? crl.issuingDistributionPoint()) ?? nil {
            if idp.indirectCRL { return "indirect CRLs are not allowed" }
            if idp.onlySomeReasons != nil { return "reason-partitioned CRLs are not allowed" }
            switch idp.name {
            case .nameRelativeToCRLIssuer?: return "nameRelativeToCRLIssuer is not allowed"
            case .fullName(let names)?:
                if names.contains(where: {
                    if case .uniformResourceIdentifier = $0 { return false }
                    return true
                }) {
                    return "the distribution point must be named by URIs only"
                }
            case nil: break
            }
        }
        return nil
    }

    struct CRLScope {
        var reasons: ReasonFlags
        var isIndirect: Bool
    }

    /// §6.3.3 (b): whether `crl` covers `certificate` through `point`, and for which reasons.
    func crlScope(
        _ crl: CertificateRevocationList,
        point: DistributionPoint,
        certificate: PreparedCertificate
    ) -> CRLScope? {
        guard let idp = (try? crl.issuingDistributionPoint()) ?? nil else {
            // No IDP: a complete CRL for its issuer; only direct.
            guard point.crlIssuer == nil, crl.issuer.matchingKey == certificate.issuerKey else { return nil }
            // A distribution point with a name is still satisfied by a full-scope CRL from the issuer.
            return CRLScope(reasons: .all, isIndirect: false)
        }
        // (b)(1) the issuer.
        if let issuers = point.crlIssuer {
            guard idp.indirectCRL,
                issuers.contains(where: {
                    if case .directoryName(let name) = $0 { return name.matchingKey == crl.issuer.matchingKey }
                    return false
                })
            else { return nil }
        } else if crl.issuer.matchingKey != certificate.issuerKey {
            // An indirect CRL may still list the certificate through certificateIssuer entries.
            guard idp.indirectCRL else { return nil }
        }
        // (b)(2)(i) the distribution point names.
        if let idpName = idp.name {
            let idpNames = fullNames(idpName, issuer: crl.issuer)
            if let pointName = point.name {
                // A relative name is relative to the DP's cRLIssuer when present, else to the certificate's issuer
                // (§4.2.1.13).
                var base = certificate.certificate.issuer
                for case .directoryName(let name) in point.crlIssuer ?? [] {
                    base = name
                    break
                }
                let pointNames = fullNames(pointName, issuer: base)
                guard idpNames.contains(where: { name in pointNames.contains { generalNamesMatch(name, $0) } }) else {
                    return nil
                }
            } else if let issuers = point.crlIssuer {
                guard idpNames.contains(where: { name in issuers.contains { generalNamesMatch(name, $0) } }) else {
                    return nil
                }
            } else {
                return nil
            }
        }
        // (ii)–(iv)
        if idp.onlyContainsUserCerts && certificate.isCA { return nil }
        if idp.onlyContainsCACerts && !certificate.isCA { return nil }
        if idp.onlyContainsAttributeCerts { return nil }
        return CRLScope(reasons: idp.onlySomeReasons ?? .all, isIndirect: idp.indirectCRL)
    }

    /// A DistributionPointName as full names; nameRelativeToCRLIssuer is appended to the issuer's name.
    func fullNames(_ name: DistributionPointName, issuer: DistinguishedName) -> [GeneralName] {
        switch name {
        case .fullName(let names):
            return names
        case .nameRelativeToCRLIssuer(let rdnBytes):
            // Rebuild `issuer ‖ RDN` as a Name: SEQUENCE { issuer's RDNs, SET { … } }.
            var setBytes = rdnBytes
            guard !setBytes.isEmpty else { return [] }
            setBytes[0] = 0x31
            guard case .constructed(let rdns)? = try? DER.parse(issuer.derBytes).content else { return [] }
            var content: [UInt8] = []
            for rdn in rdns { content += Array(rdn.encodedBytes) }
            content += setBytes
            let encoded = [0x30] + derLength(content.count) + content
            guard let node = try? DER.parse(encoded), let name = try? DistinguishedName(derEncoded: node) else {
                return []
            }
            return [.directoryName(name)]
        }
    }

    func generalNamesMatch(_ left: GeneralName, _ right: GeneralName) -> Bool {
        switch (left, right) {
        case (.directoryName(let a), .directoryName(let b)): return a.matchingKey == b.matchingKey
        default: return left == right
        }
    }

    /// The revocation entry for `certificate` in `crl`: the serial, and for an indirect CRL the certificate
    /// issuer in force for that entry (the certificateIssuer extension carries over to later entries, §5.3.3).
    func entry(
        for certificate: PreparedCertificate,
        in crl: CertificateRevocationList,
        isIndirect: Bool
    ) -> (date: X509Time, reason: Int?)? {
        let serial = certificate.certificate.serialNumber
        var currentIssuerMatches = crl.issuer.matchingKey == certificate.issuerKey
        for entry in crl.entries {
            if isIndirect, let issuers = (try? entry.certificateIssuer()) ?? nil {
                currentIssuerMatches = issuers.contains {
                    if case .directoryName(let name) = $0 { return name.matchingKey == certificate.issuerKey }
                    return false
                }
            }
            guard currentIssuerMatches, entry.serialNumber[...] == serial else { continue }
            let reason = (try? entry.reasonCode()) ?? nil
            return (entry.revocationDate, reason)
        }
        return nil
    }

    /// A current delta CRL for `crl` (§5.2.4, §6.3.3 (c)): same issuer, same IDP, same signer, a base CRL number
    /// not above the complete CRL's number.
    func currentDelta(for crl: CertificateRevocationList, signer: PreparedCertificate) -> CertificateRevocationList? {
        guard let number = (try? crl.crlNumber()) ?? nil else { return nil }
        let idp = crl.extension([2, 5, 29, 28])?.value
        let aki = crl.extension([2, 5, 29, 35])?.value
        for delta in verifier.crls {
            guard let base = (try? delta.deltaCRLIndicator()) ?? nil,
                delta.issuer.matchingKey == crl.issuer.matchingKey,
                delta.extension([2, 5, 29, 28])?.value == idp,
                delta.extension([2, 5, 29, 35])?.value == aki,
                compareUnsigned(base, number) <= 0,
                delta.thisUpdate <= options.revocationTime ?? options.time,
                delta.nextUpdate.map({ options.revocationTime ?? options.time <= $0 }) ?? true,
                isSignature(of: delta, validWith: signer)
            else { continue }
            return delta
        }
        return nil
    }

    /// Compares two big-endian unsigned integers.
    func compareUnsigned(_ left: [UInt8], _ right: [UInt8]) -> Int {
        let a = Array(left.drop { $0 == 0 })
        let b = Array(right.drop { $0 == 0 })
        if a.count != b.count { return a.count < b.count ? -1 : 1 }
        for (x, y) in zip(a, b) where x != y { return x < y ? -1 : 1 }
        return 0
    }

    /// §6.3.3 (f): a certificate whose key signed `crl`, that may sign CRLs, and that validates to `anchor`.
    /// The anchor and the certificates of the path being validated qualify as they are (the path is validated as
    /// a whole); any other candidate from the pool needs a path of its own to the same anchor.
    func crlSigner(
        for crl: CertificateRevocationList,
        path: [PreparedCertificate],
        index: Int,
        anchor: PreparedCertificate
    ) -> PreparedCertificate? {
        let issuerKey = crl.issuer.matchingKey
        func mayIssueCRLs(_ candidate: PreparedCertificate) -> Bool {
            candidate.keyUsage.map { $0.contains(.crlSign) } ?? true
        }
        var known = [anchor] + path
        known = known.filter { $0.subjectKey == issuerKey && mayIssueCRLs($0) }
        for candidate in known where isSignature(of: crl, validWith: candidate) {
            return candidate
        }
        let pool = (verifier.poolBySubject[issuerKey] ?? []).map { verifier.pool[$0] }
        for candidate in pool where mayIssueCRLs(candidate) && isSignature(of: crl, validWith: candidate) {
            let der = candidate.certificate.derBytes
            if crlSignersInProgress.contains(der) { return candidate }
            guard crlSignersInProgress.count < 4, !isOverBudget else { return nil }
            crlSignersInProgress.insert(der)
            defer { crlSignersInProgress.remove(der) }
            if signerPathValidates(candidate, anchor: anchor) { return candidate }
        }
        return nil
    }

    /// Whether `signer` has a valid path to `anchor` (CRL signers only; no profile checks on the signer).
    func signerPathValidates(_ signer: PreparedCertificate, anchor: PreparedCertificate) -> Bool {
        var chain: [PreparedCertificate] = [signer]
        var found = false
        func extend() {
            guard !found, !isOverBudget, let current = chain.last, chain.count <= options.maximumIntermediates + 1
            else { return }
            if current.issuerKey == anchor.subjectKey, isSignature(of: current.certificate, validWith: anchor) {
                if case .success = validate(path: chain.reversed(), anchor: anchor, checkTargetProfile: false) {
                    found = true
                    return
                }
            }
            for candidate in (verifier.poolBySubject[current.issuerKey] ?? []).map({ verifier.pool[$0] })
            where !chain.contains(where: { $0 === candidate })
                && isSignature(of: current.certificate, validWith: candidate)
            {
                chain.append(candidate)
                extend()
                chain.removeLast()
            }
        }
        extend()
        return found
    }
}

/// The DER length octets for `count`.
func derLength(_ count: Int) -> [UInt8] {
    if count < 0x80 { return [UInt8(count)] }
    var bytes: [UInt8] = []
    var value = count
    while value > 0 {
        bytes.insert(UInt8(value & 0xFF), at: 0)
        value >>= 8
    }
    return [0x80 | UInt8(bytes.count)] + bytes
}
