package import SealbridgeXML

extension TrustError {
    /// The XML layer's refusal, as a trust-data error naming the same file and part.
    package init(_ error: XMLDocumentError) {
        self.init(file: error.file, field: error.field, reason: error.reason)
    }
}

extension XMLTree {
    /// Parses trust data (a trusted list, a signature template) with the XML layer's hostile-input settings.
    ///
    /// - Throws: ``TrustError`` naming `source`.
    static func trustData(parsing bytes: [UInt8], source: String) throws(TrustError) -> XMLTree {
        do { return try XMLTree(parsing: bytes, source: source) } catch { throw TrustError(error) }
    }
}
