import SealbridgeX509

/// The record of a stored report: who issued it, when, and under which id. The header of its HTML printout.
public struct ReportRecordInfo: Sendable, Hashable {
    /// The report's id in the evidence store.
    public var id: String
    /// When the report was created and stored (RFC 3339).
    public var createdAt: String
    /// Who issued it: the service's configured name.
    public var issuer: String

    /// A record: the report's id, its creation time and its issuer.
    ///
    /// - Parameters:
    ///   - id: The report's id in the evidence store.
    ///   - createdAt: When the report was created and stored (RFC 3339).
    ///   - issuer: Who issued it, e.g. the service's configured name.
    public init(id: String, createdAt: String, issuer: String) {
        self.id = id
        self.createdAt = createdAt
        self.issuer = issuer
    }
}

extension ValidationReport {
    /// The content security policy of an HTML report, in its `<meta>` and in the service's header: nothing is
    /// loaded or run; the only images are the seal pictures inline (sanitised), the only style is inline.
    public static let contentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

    /// The report as one standalone HTML page for people, printable as evidence (no scripts, no external
    /// resources, every value escaped).
    ///
    /// A header with the record (report id, creation time, issuer) when there is one; then the headline, the
    /// EN 319 102-1 indication and the advice; what was checked (the context, and every document with its
    /// SHA-256); then per signature the signer, the recognition verdict — "not applicable" whenever the signature
    /// is not TOTAL_PASSED — the chain from anchor to signer with each certificate's revocation status, the
    /// time-stamps, what was present but not evaluated, every check, and the countersignatures. The layout does
    /// not overflow a 390 px wide screen: long hexadecimal values and names wrap, tables stack.
    ///
    /// - Parameter record: The stored report's id, creation time and issuer; `nil` for a report that was not
    ///   stored (the command line), whose header then says so.
    /// - Returns: A complete HTML document with its style inline.
    public func html(record: ReportRecordInfo? = nil) -> String {
        let e = ReportText.escape
        var h = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="\(Self.contentSecurityPolicy)">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Sealbridge validation report — \(e(document.name))</title>
            <style>\(ReportPrintout.style)</style></head><body>

            """
        h += ReportPrintout.header(self, record: record)
        h += "<div class=\"verdict \(ReportPrintout.tone(indication))\" id=\"verdict\">\n"
        h += "<p class=\"headline\">\(e(headline.isEmpty ? summary : headline))</p>\n"
        let code = ReportPrintout.code(indication, subIndication)
        h += "<p class=\"code\">ETSI EN 319 102-1: <strong>\(e(code))</strong></p>\n"
        if let advice, !advice.isEmpty { h += "<p class=\"advice\"><strong>What to do:</strong> \(e(advice))</p>\n" }
        h += "</div>\n"
        h += ReportPrintout.checked(self)
        if signatures.isEmpty { h += "<p>The file holds no signature that could be validated.</p>\n" }
        for signature in signatures {
            h += ReportPrintout.signature(signature, relying: context.relyingJurisdiction, depth: 0)
        }
        h += "<footer><p class=\"small\">\(e(generator)) validation report, schema \(e(schemaVersion)). "
        h += "Indications and sub-indications are those of ETSI EN 319 102-1; the recognition verdict stands "
        h += "beside them and never changes them.</p></footer>\n"
        h += "</body></html>\n"
        return h
    }
}

/// The pieces of the HTML printout; every value from the report goes through ``ReportText/escape(_:)``.
private enum ReportPrintout {
    /// Countersignatures are shown to this depth (deeper ones are counted, not shown).
    static let maximumDepth = 4

    static let style = """
        *,*::before,*::after{box-sizing:border-box}
        html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",sans-serif;\
        line-height:1.45;max-width:60rem;margin:0 auto;padding:1rem;color:#1d232b;background:#fff;\
        overflow-wrap:anywhere}
        h1{font-size:1.45rem;line-height:1.2;margin:.25rem 0 .5rem;color:#12355b}
        h2{font-size:1.2rem;margin:1.75rem 0 .5rem;padding-bottom:.2rem;border-bottom:2px solid #dde2e8;\
        color:#12355b}
        h3{font-size:1.05rem;margin:1.25rem 0 .4rem;color:#12355b}
        h4{font-size:.8rem;margin:1rem 0 .3rem;text-transform:uppercase;letter-spacing:.04em;color:#4a5563}
        p{margin:.35rem 0}
        .record{border-bottom:3px solid #12355b;padding-bottom:.5rem}
        .eyebrow{margin:0;font-size:.8rem;font-weight:700;text-transform:uppercase;letter-spacing:.06em;\
        color:#4a5563}
        .verdict{padding:1rem 1.25rem;border-radius:.5rem;margin:1rem 0;border:1px solid #c9d0d8}
        .passed{background:#e3f6e8;border-left:.45rem solid #1b7f3b}
        .failed{background:#fde7e7;border-left:.45rem solid #b42318}
        .indeterminate{background:#fff4de;border-left:.45rem solid #b26b00}
        .headline{font-size:1.3rem;font-weight:700;line-height:1.3;margin:0 0 .4rem}
        .code{font-family:ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:.85rem;margin:0 0 .4rem}
        .advice{margin:.4rem 0 0}
        table{border-collapse:collapse;width:100%;table-layout:fixed;margin:.35rem 0 .75rem}
        th,td{text-align:left;vertical-align:top;padding:.3rem .5rem;border-bottom:1px solid #e3e7ec;\
        overflow-wrap:anywhere;word-break:break-word}
        th{width:32%;font-weight:600;color:#4a5563}
        code{font-family:ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:.85em;\
        background:#f1f3f6;border-radius:.2rem;padding:0 .2rem;overflow-wrap:anywhere}
        ul,ol{margin:.35rem 0;padding-left:1.25rem}
        li{margin:.35rem 0}
        .documents,.chain,.checks,.stamps{list-style:none;padding-left:0}
        .documents>li,.stamps>li{padding:.4rem 0;border-bottom:1px solid #e3e7ec}
        .chain>li{padding:.5rem 0 .25rem .75rem;border-left:3px solid #9fb0c4;margin:.5rem 0}
        .checks>li{padding:.35rem .5rem;border-left:4px solid #c9d0d8;background:#fafbfc;margin:.4rem 0}
        .checks>li.passed{border-left-color:#1b7f3b;background:#fafbfc}
        .checks>li.failed{border-left-color:#b42318;background:#fff8f7}
        .checks>li.indeterminate{border-left-color:#b26b00;background:#fffbf3}
        .tag{display:inline-block;padding:0 .4rem;margin:0 .25rem .15rem 0;border-radius:.3rem;background:#e8eef6;\
        font-size:.8em;font-weight:600}
        .small{font-size:.85em;color:#4a5563}
        .recognition{font-size:1.05rem}
        .recognition.is-recognised strong{color:#1b7f3b}
        .recognition.is-not-applicable strong,.recognition.is-not-recognised strong{color:#1d232b}
        .revoked{color:#b42318;font-weight:600}
        .signature{margin-top:1.5rem}
        .countersignature{margin:1rem 0 0;padding:.25rem 0 .25rem .75rem;border-left:3px solid #c9d0d8}
        footer{margin-top:2rem;border-top:1px solid #dde2e8}
        @media (max-width:30rem){
        th,td{display:block;width:auto;border-bottom:0;padding:.1rem 0}
        tr{display:block;padding:.3rem 0;border-bottom:1px solid #e3e7ec}
        .verdict{padding:.75rem}
        .headline{font-size:1.15rem}
        }
        @media print{
        body{max-width:none;padding:0;font-size:10.5pt}
        .verdict,.checks>li{-webkit-print-color-adjust:exact;print-color-adjust:exact}
        .chain>li,.checks>li,.documents>li{break-inside:avoid}
        }
        """

    static func escape(_ text: String) -> String { ReportText.escape(text) }

    static func tone(_ indication: Indication) -> String {
        switch indication {
        case .totalPassed: return "passed"
        case .totalFailed: return "failed"
        case .indeterminate: return "indeterminate"
        }
    }

    /// `TOTAL_FAILED/HASH_FAILURE`, or the main indication alone.
    static func code(_ indication: Indication, _ sub: SubIndication?) -> String {
        indication.rawValue + (sub.map { "/\($0.rawValue)" } ?? "")
    }

    /// A two-column table of the rows whose value is not empty; values are HTML already.
    static func table(_ rows: [(String, String)], class className: String = "facts") -> String {
        let kept = rows.filter { !$0.1.isEmpty }
        guard !kept.isEmpty else { return "" }
        var h = "<table class=\"\(className)\">\n"
        for (name, value) in kept { h += "<tr><th scope=\"row\">\(escape(name))</th><td>\(value)</td></tr>\n" }
        return h + "</table>\n"
    }

    /// The seal's picture as an image (its sanitised bytes inline, drawn at its size in millimetres), or described
    /// with the reason it is not shown.
    static func sealPicture(_ seal: SealInfo) -> String {
        let size = "\(seal.pictureType), \(seal.pictureWidth) × \(seal.pictureHeight) mm"
        guard let picture = seal.picture else {
            return escape(size) + (seal.pictureNotShown.map { "<br><small>\(escape($0))</small>" } ?? "")
        }
        return "<img class=\"seal-picture\" alt=\"\(escape("The seal's picture: \(seal.name)"))\" "
            + "style=\"width: \(seal.pictureWidth)mm; height: \(seal.pictureHeight)mm\" "
            + "src=\"data:\(escape(picture.mediaType));base64,\(escape(picture.data))\"><br>"
            + escape("\(size), \(picture.width) × \(picture.height) pixels (shown sanitised)")
    }

    static func codeHTML(_ text: String?) -> String {
        guard let text, !text.isEmpty else { return "" }
        return "<code>\(escape(text))</code>"
    }

    // MARK: - Header and context

    static func header(_ report: ValidationReport, record: ReportRecordInfo?) -> String {
        var h = "<header class=\"record\">\n<p class=\"eyebrow\">\(escape(report.generator)) validation report</p>\n"
        h += "<h1>\(escape(report.document.name))</h1>\n"
        var rows: [(String, String)] = []
        if let record {
            rows.append(("Report id", codeHTML(record.id)))
            rows.append(("Created", escape(record.createdAt)))
            rows.append(("Issued by", escape(record.issuer)))
        }
        rows.append(("Validation time", escape(report.validationTime)))
        if record == nil {
            rows.append(("Record", "not stored: made by the command line, without a report id"))
        }
        h += table(rows, class: "facts record-facts")
        return h + "</header>\n"
    }

    static func checked(_ report: ValidationReport) -> String {
        let context = report.context
        var h = "<h2>What was checked</h2>\n"
        var kind = escape(context.documentKind ?? "not stated")
        if context.documentKind != nil, context.documentKindDeclaredBy == "relying-party" {
            kind += " <span class=\"small\">(declared by the relying party, not read from the document)</span>"
        }
        h += table([
            ("Relying jurisdiction", escape(context.relyingJurisdiction ?? "not given: validity only")),
            ("Document kind", kind),
            ("Revocation policy", escape(revocationPolicy(context.revocationPolicy))),
            ("Frameworks", escape(context.frameworks.isEmpty ? "none" : context.frameworks.joined(separator: ", "))),
            ("Agreements", escape(context.agreements.isEmpty ? "none" : context.agreements.joined(separator: ", "))),
            ("Cryptographic constraints", escape(context.cryptographicConstraints)),
            (
                "File format",
                escape(report.document.format.rawValue + (report.document.detectedAs.map { ": \($0)" } ?? ""))
            ),
        ])
        h += "<h3>Documents checked</h3>\n"
        if report.documents.isEmpty {
            // A report without the list: the signed file is all that is known.
            h += "<ul class=\"documents\">\n"
            h += documentItem(
                role: "Signed file",
                name: report.document.name,
                size: "\(report.document.size) bytes",
                digest: ("SHA-256", report.document.sha256)
            )
            h += "</ul>\n"
        } else {
            h += "<ul class=\"documents\">\n"
            for document in report.documents {
                h += documentItem(
                    role: documentRole(document.role),
                    name: document.name,
                    size: document.size.map { "\($0) bytes" } ?? "given by its digest only",
                    digest: document.size == nil
                        ? (document.digestAlgorithm?.uppercased() ?? "digest", document.digest ?? "")
                        : ("SHA-256", document.sha256 ?? "")
                )
            }
            h += "</ul>\n"
        }
        return h
    }

    static func documentItem(role: String, name: String, size: String, digest: (name: String, value: String)) -> String
    {
        "<li><span class=\"tag\">\(escape(role))</span> <strong>\(escape(name))</strong> "
            + "<span class=\"small\">(\(escape(size)))</span><br>"
            + "<span class=\"small\">\(escape(digest.name))</span> <code>\(escape(digest.value))</code></li>\n"
    }

    static func documentRole(_ role: DocumentRole) -> String {
        switch role {
        case .signedFile: return "Signed file"
        case .attachedContent: return "Signed content (inside the file)"
        case .detachedContent: return "Detached content"
        case .suppliedContent: return "Content given for comparison"
        case .contentDigest: return "Document given by its digest"
        case .packagePart: return "Protected part of the package"
        }
    }

    static func revocationPolicy(_ policy: RevocationPolicy) -> String {
        switch policy {
        case .required: return "required: every certificate but the trust anchor needs revocation data"
        case .whereAvailable: return "where available: checked where revocation data is at hand"
        case .none: return "none: revocation was not checked"
        }
    }

    // MARK: - Signatures

    static func signature(_ signature: SignatureReport, relying: String?, depth: Int) -> String {
        let isCounter = depth > 0
        let heading = isCounter ? "h3" : "h2"
        let sectionClass = isCounter ? "signature countersignature" : "signature"
        var h = "<section class=\"\(sectionClass)\" id=\"\(escape(signature.id))\">\n"
        h += "<\(heading)>\(isCounter ? "Countersignature" : "Signature") \(escape(signature.id))</\(heading)>\n"
        h += "<p class=\"code\">ETSI EN 319 102-1: <strong>"
        h += "\(escape(code(signature.indication, signature.subIndication)))</strong></p>\n"
        h += "<p>\(escape(signature.reason))</p>\n"
        h += table([
            ("Signer", escape(signature.signer?.subject ?? "not identified")),
            ("Format", escape("\(signature.format.rawValue) (\(signature.profile))")),
            ("Algorithm", escape(signature.signatureAlgorithm ?? "unknown")),
            ("Claimed signing time", escape(signature.claimedSigningTime ?? "none")),
            ("Best-signature-time", escape(signature.bestSignatureTime)),
        ])

        if let seal = signature.seal {
            h += "<h4>Electronic seal</h4>\n"
            h += table([
                ("Seal", escape("\(seal.name) (esID \(seal.esID), type \(seal.type))")),
                ("Standard", escape("\(seal.standard), vendor \(seal.vendorID)")),
                ("Made by", escape(seal.maker ?? "unknown")),
                ("Valid", escape("\(seal.validFrom) – \(seal.validUntil)")),
                ("Picture", sealPicture(seal)),
                (
                    "Stamped",
                    escape(seal.stamps.map { "page \($0.page) at \($0.boundary) mm" }.joined(separator: "; "))
                ),
            ])
        }

        h += "<h4>Legal recognition</h4>\n"
        h += recognition(signature, relying: relying)

        h += "<h4>Certificate chain (trust anchor → signer)</h4>\n"
        if signature.chain.isEmpty {
            h += "<p>No chain to a trusted framework was built.</p>\n"
        } else {
            h += "<ol class=\"chain\">\n"
            for element in signature.chain { h += chainElement(element) }
            h += "</ol>\n"
        }

        if !signature.timeStamps.isEmpty {
            h += "<h4>Time-stamps</h4>\n<ul class=\"stamps\">\n"
            for stamp in signature.timeStamps {
                h += "<li><span class=\"tag\">\(escape(stamp.kind.rawValue)) time-stamp</span> "
                h += "\(escape(stamp.generationTime ?? "time unknown")) by \(escape(stamp.authority ?? "unknown"))"
                h += ": \(escape(stamp.status))"
                if let revocation = stamp.authorityRevocation {
                    h += "; TSA revocation: \(escape(revocation.status.rawValue)) — \(escape(revocation.detail))"
                }
                h += "</li>\n"
            }
            h += "</ul>\n"
        }

        if !signature.unevaluated.isEmpty {
            h += "<h4>Present, not evaluated</h4>\n<ul class=\"unevaluated\">\n"
            for item in signature.unevaluated {
                h += "<li><strong>\(escape(item.name))</strong>: \(escape(item.detail))</li>\n"
            }
            h += "</ul>\n"
        }

        h += "<h4>Checks</h4>\n"
        if signature.checks.isEmpty {
            h += "<p>No checks reported.</p>\n"
        } else {
            h += "<ol class=\"checks\">\n"
            for check in signature.checks {
                h += "<li class=\"\(escape(check.result.rawValue))\"><strong>\(escape(check.name))</strong> — "
                h += "\(escape(checkResult(check.result))) <span class=\"small\">(\(escape(check.clause)))</span>"
                if !check.detail.isEmpty { h += "<br>\(escape(check.detail))" }
                h += "</li>\n"
            }
            h += "</ol>\n"
        }

        if !signature.notes.isEmpty {
            h += "<h4>Notes</h4>\n<ul class=\"notes\">\n"
            for note in signature.notes { h += "<li>\(escape(note))</li>\n" }
            h += "</ul>\n"
        }

        if !signature.countersignatures.isEmpty {
            h += "<h4>Countersignatures (\(signature.countersignatures.count))</h4>\n"
            if depth + 1 < maximumDepth {
                for counter in signature.countersignatures {
                    h += Self.signature(counter, relying: relying, depth: depth + 1)
                }
            } else {
                h += "<p>Nested too deeply to show here; the JSON report has them.</p>\n"
            }
        }
        return h + "</section>\n"
    }

    /// The recognition verdict: never "recognised" for a signature that is not TOTAL_PASSED.
    static func recognition(_ signature: SignatureReport, relying: String?) -> String {
        let info = signature.recognition
        let place = relying.map { " in \($0)" } ?? ""
        let trust = signature.trust
        var found: [String] = []
        if let framework = trust.framework {
            found.append("framework \(framework)" + (trust.jurisdiction.map { " (\($0))" } ?? ""))
        }
        if let level = trust.level { found.append("level \(level)") }
        let reasons = info.reasons.filter { !$0.isEmpty }

        if signature.indication != .totalPassed || info.verdict == .notApplicable {
            var h = "<p class=\"recognition is-not-applicable\" data-verdict=\"not-applicable\">"
            h += "<strong>Recognition: not applicable</strong> — the signature is not valid, so no recognition "
            h += "applies.</p>\n"
            if !found.isEmpty {
                let detail = found.joined(separator: ", ")
                h += "<p class=\"small\">For information only, the chain reached \(escape(detail)).</p>\n"
            }
            return h
        }
        var h = "<p class=\"recognition is-\(escape(info.verdict.rawValue))\" "
        h += "data-verdict=\"\(escape(info.verdict.rawValue))\">"
        switch info.verdict {
        case .recognised:
            h += "<strong>\(escape("Recognised" + place))</strong>"
            if let agreement = info.agreement { h += " under agreement \(codeHTML(agreement))" }
            if let level = info.level { h += " at level \(codeHTML(level))" }
            h += "."
            if let basis = info.legalBasis { h += " Legal basis: \(escape(basis))." }
        case .domestic:
            h += "<strong>\(escape("Recognised domestically" + place))</strong>"
            if let level = info.level ?? trust.level { h += " at level \(codeHTML(level))" }
            h += "."
            if let basis = info.legalBasis { h += " Legal basis: \(escape(basis))." }
        case .notRecognised:
            h += "<strong>\(escape("Not recognised" + place))</strong>."
        case .notEvaluated:
            h += "<strong>Recognition not evaluated</strong>"
            h += relying == nil ? ": no relying jurisdiction was given." : "."
        case .notApplicable:
            // Handled above; kept so that the switch names every verdict.
            h += "<strong>Recognition: not applicable</strong>."
        }
        h += "</p>\n"
        if !reasons.isEmpty {
            h += "<ul class=\"reasons\">\n"
            for reason in reasons { h += "<li>\(escape(reason))</li>\n" }
            h += "</ul>\n"
        }
        if !found.isEmpty {
            h += "<p class=\"small\">Trust: the chain reached \(escape(found.joined(separator: ", "))).</p>\n"
        } else if !trust.reasons.isEmpty {
            h += "<p class=\"small\">Trust: \(escape(trust.reasons.joined(separator: "; ")))</p>\n"
        }
        return h
    }

    static func chainElement(_ element: ChainElement) -> String {
        let certificate = element.certificate
        var h = "<li class=\"\(escape(element.role.rawValue))\"><span class=\"tag\">\(escape(chainRole(element.role)))"
        h += "</span>"
        if let framework = element.framework {
            h += " <span class=\"tag\">\(escape(framework + (element.level.map { " · \($0)" } ?? "")))</span>"
        }
        h += "<br><strong>\(escape(certificate.subject))</strong>\n"
        let revocation = element.revocation
        var revocationHTML = "<span class=\"\(escape(revocation.status.rawValue))\">"
        revocationHTML += "\(escape(revocationWords(revocation)))</span>"
        if !revocation.detail.isEmpty {
            revocationHTML += "<br><span class=\"small\">\(escape(revocation.detail))</span>"
        }
        h += table(
            [
                ("Issuer", certificate.issuer == certificate.subject ? "self-signed" : escape(certificate.issuer)),
                ("Serial number", codeHTML(certificate.serialNumber)),
                ("Valid", escape("\(certificate.notBefore) to \(certificate.notAfter)")),
                ("Public key", escape(certificate.publicKey)),
                ("SHA-256", codeHTML(certificate.sha256)),
                ("Revocation", revocationHTML),
            ],
            class: "facts small"
        )
        return h + "</li>\n"
    }

    static func chainRole(_ role: ChainRole) -> String {
        switch role {
        case .trustAnchor: return "Trust anchor"
        case .intermediate: return "Intermediate CA"
        case .signer: return "Signer"
        }
    }

    /// "good (CRL of X, next update …)", "revoked on … (keyCompromise)", "not checked: trust anchor".
    static func revocationWords(_ revocation: RevocationInfo) -> String {
        var origin: [String] = []
        if let source = revocation.source {
            let name = source == .crl ? "CRL" : "OCSP response"
            origin.append(name + (revocation.issuer.map { " of \(commonName($0))" } ?? ""))
        }
        switch revocation.origin {
        case .signature?: origin.append("carried in the signature")
        case .given?: origin.append("given with the request")
        case .fetched?: origin.append("fetched")
        case nil: break
        }
        if let thisUpdate = revocation.thisUpdate { origin.append("issued \(thisUpdate)") }
        if let nextUpdate = revocation.nextUpdate { origin.append("next update \(nextUpdate)") }
        let from = origin.isEmpty ? "" : " (\(origin.joined(separator: ", ")))"
        switch revocation.status {
        case .good:
            return "good" + from
        case .revoked:
            var words = "revoked"
            if let date = revocation.revocationDate { words += " on \(date)" }
            if let reason = revocation.reason { words += " (\(reason))" }
            return words + (origin.isEmpty ? "" : " — \(origin.joined(separator: ", "))")
        case .notChecked:
            switch revocation.notCheckedBecause {
            case .trustAnchor?: return "not checked: trust anchor"
            case .ocspNoCheck?: return "not checked: OCSP responder certificate (id-pkix-ocsp-nocheck)"
            case .noData?: return "not checked: no usable revocation data" + from
            case .policy?: return "not checked: the revocation policy asks for none"
            case nil: return "not checked"
            }
        }
    }

    static func checkResult(_ result: CheckResult) -> String {
        switch result {
        case .passed: return "passed"
        case .failed: return "failed"
        case .indeterminate: return "indeterminate"
        case .notRun: return "not run"
        }
    }

    /// The CN of an RFC 4514-like name, or the whole name when it has none. Values may hold ", " ("Co., Ltd."),
    /// so a comma separates attributes only where an `attr=` follows it.
    static func commonName(_ name: String) -> String {
        var parts: [String] = []
        for piece in name.split(separator: ",", omittingEmptySubsequences: false) {
            let trimmed = String(piece.drop { $0 == " " })
            if let last = parts.indices.last, !startsWithAttributeType(trimmed) {
                parts[last] += "," + String(piece)
            } else {
                parts.append(trimmed)
            }
        }
        for part in parts where part.hasPrefix("CN=") || part.hasPrefix("cn=") {
            return String(part.dropFirst(3))
        }
        return name
    }

    /// Whether `text` starts with `type=`: a letter, then letters, digits, `-` or `.`, then `=`.
    static func startsWithAttributeType(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, isLetter(first) else { return false }
        for scalar in text.unicodeScalars.dropFirst() {
            if scalar == "=" { return true }
            guard isLetter(scalar) || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "." else {
                return false
            }
        }
        return false
    }

    static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }
}
