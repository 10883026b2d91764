extension ValidationReport {
    /// The report as one standalone HTML page for people (no scripts, no external resources): the verdict first,
    /// in words; then per signature the signer, the chain from anchor to signer with each anchor's framework and
    /// level, the time-stamps, the recognition reasoning, and every check with its result.
    public func html() -> String {
        let e = ReportText.escape
        let tone: String
        switch indication {
        case .totalPassed: tone = "passed"
        case .totalFailed: tone = "failed"
        case .indeterminate: tone = "indeterminate"
        }
        var h = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Sealbridge validation report — \(e(document.name))</title>
            <style>
            body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1d232b}
            .verdict{padding:1rem 1.25rem;border-radius:.5rem;font-size:1.15rem}
            .passed{background:#e3f6e8;border-left:.4rem solid #1b7f3b}
            .failed{background:#fde7e7;border-left:.4rem solid #b42318}
            .indeterminate{background:#fff4de;border-left:.4rem solid #b26b00}
            table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}
            th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #dde2e8;vertical-align:top}
            code{font-size:.85em;word-break:break-all}
            ol.chain li{margin:.3rem 0}
            .tag{display:inline-block;padding:0 .4rem;border-radius:.3rem;background:#eef1f5;font-size:.85em}
            </style></head><body>
            <p class="verdict \(tone)" id="verdict"><strong>\(e(indication.rawValue))\(e(subIndication.map { "/\($0.rawValue)" } ?? ""))</strong> — \(e(summary))</p>
            <table><tr><th>File</th><td>\(e(document.name)) (\(document.size) bytes, \(e(document.format)))</td></tr>
            <tr><th>SHA-256</th><td><code>\(e(document.sha256))</code></td></tr>
            <tr><th>Validation time</th><td>\(e(validationTime))</td></tr>
            <tr><th>Relying jurisdiction</th><td>\(e(context.relyingJurisdiction ?? "not given"))</td></tr>
            <tr><th>Document kind</th><td>\(e(context.documentKind ?? "not given"))</td></tr>
            <tr><th>Frameworks</th><td>\(e(context.frameworks.joined(separator: ", ")))</td></tr>
            <tr><th>Agreements</th><td>\(e(context.agreements.joined(separator: ", ")))</td></tr></table>

            """
        for signature in signatures {
            h += "<section class=\"signature\" id=\"\(e(signature.id))\">\n"
            h +=
                "<h2>\(e(signature.id)): \(e(signature.indication.rawValue))\(e(signature.subIndication.map { "/\($0.rawValue)" } ?? ""))</h2>\n"
            h += "<p>\(e(signature.reason))</p>\n<table>\n"
            h += "<tr><th>Signer</th><td>\(e(signature.signer?.subject ?? "not identified"))</td></tr>\n"
            h +=
                "<tr><th>Format</th><td>\(e(signature.format)) (\(e(signature.profile))), \(e(signature.signatureAlgorithm ?? "unknown algorithm"))</td></tr>\n"
            h += "<tr><th>Claimed signing time</th><td>\(e(signature.claimedSigningTime ?? "none"))</td></tr>\n"
            h += "<tr><th>Best-signature-time</th><td>\(e(signature.bestSignatureTime))</td></tr>\n</table>\n"
            h += "<h3>Certificate chain</h3>\n"
            if signature.chain.isEmpty {
                h += "<p>No chain to a trusted framework was built.</p>\n"
            } else {
                h += "<ol class=\"chain\">\n"
                for element in signature.chain {
                    let framework =
                        element.framework.map {
                            " <span class=\"tag\">\(e($0))\(e(element.level.map { " · \($0)" } ?? ""))</span>"
                        } ?? ""
                    h +=
                        "<li><span class=\"tag\">\(e(element.role))</span> \(e(element.certificate.subject))\(framework)"
                    h +=
                        "<br><small>valid \(e(element.certificate.notBefore)) – \(e(element.certificate.notAfter)), \(e(element.certificate.publicKey))</small></li>\n"
                }
                h += "</ol>\n"
            }
            if !signature.timeStamps.isEmpty {
                h += "<h3>Time-stamps</h3>\n<ul>\n"
                for stamp in signature.timeStamps {
                    h +=
                        "<li>\(e(stamp.kind)) time-stamp \(e(stamp.generationTime ?? "?")) by \(e(stamp.authority ?? "?")): \(e(stamp.status))</li>\n"
                }
                h += "</ul>\n"
            }
            h +=
                "<h3>Legal recognition</h3>\n<p class=\"recognition\">\(e(ReportWording.recognition(signature.recognition)))</p>\n"
            if let level = signature.trust.level {
                h +=
                    "<p>Framework <strong>\(e(signature.trust.framework ?? ""))</strong> (\(e(signature.trust.jurisdiction ?? ""))) confers level <strong>\(e(level))</strong>.</p>\n"
            }
            h += "<h3>Checks</h3>\n<table>\n<tr><th>Check</th><th>Clause</th><th>Result</th><th>Detail</th></tr>\n"
            for check in signature.checks {
                h +=
                    "<tr><td>\(e(check.name))</td><td>\(e(check.clause))</td><td>\(e(check.result))</td><td>\(e(check.detail))</td></tr>\n"
            }
            h += "</table>\n"
            for note in signature.notes { h += "<p><small>Note: \(e(note))</small></p>\n" }
            h += "</section>\n"
        }
        h +=
            "<footer><small>\(e(generator)) validation report, schema \(e(schemaVersion)). ETSI EN 319 102-1 indications.</small></footer>\n"
        h += "</body></html>\n"
        return h
    }
}
