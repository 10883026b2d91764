/// The renderings of a ``ValidationReport``, one set for the command line and the service.
public enum ReportFormat: String, Sendable, Hashable, CaseIterable {
    /// For a terminal: the headline first.
    case text
    /// JSON per `docs/report-schema.json`.
    case json
    /// ETSI TS 119 102-2 XML.
    case xml
    /// A standalone HTML page (an evidence printout).
    case html

    /// `report` in this format, as UTF-8 bytes.
    public func render(_ report: ValidationReport) -> [UInt8] {
        switch self {
        case .text: return Array(report.text().utf8)
        case .json: return report.json() + [0x0A]
        case .xml: return Array(report.xml().utf8)
        case .html: return Array(report.html().utf8)
        }
    }
}
