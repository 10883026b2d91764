import ArgumentParser
import Foundation
import SealbridgeCMS
import SealbridgeTimeStampClient

/// The TSA a signing command uses: `--tsa URL` (RFC 3161 over HTTP), or `--tsa-key` with `--tsa-cert` (a local
/// TSA issuing the token in process).
enum TimeStampSources {
    /// The source the options name; nil when none was given.
    ///
    /// - Throws: `CommandFailure` (usage) for a key without its certificate or the reverse.
    static func source(url: String?, key: String?, certificate: String?) throws -> (any TimeStampSource)? {
        if let url { return HTTPTimeStampClient(url: url) }
        guard key != nil || certificate != nil else { return nil }
        guard let key, let certificate else {
            throw CommandFailure(message: "a local TSA needs both --tsa-key and --tsa-cert", exitCode: ExitCodes.usage)
        }
        return try TimeStampAuthority(
            key: try CMSFiles.key(key),
            certificate: try CMSFiles.certificate(certificate),
            policy: TSCommand.defaultPolicy,
            serialStore: InMemorySerialNumberStore(startingAfter: UInt64(Date().timeIntervalSince1970 * 1_000))
        )
    }
}

/// `--tsa URL`, or `--tsa-key KEY --tsa-cert CERT`: where a signing verb gets its time-stamps (`cms sign`,
/// `xades sign`, `ofd seal`).
struct TimeStampOptions: ParsableArguments {
    @Option(help: "A TSA URL for the time-stamp (RFC 3161 over HTTP).")
    var tsa: String?
    @Option(name: .customLong("tsa-key"), help: "Time-stamp locally with this TSA key…")
    var tsaKey: String?
    @Option(name: .customLong("tsa-cert"), help: "…and this TSA certificate (critical EKU timeStamping).")
    var tsaCert: String?

    /// Whether a TSA was named.
    var isGiven: Bool { tsa != nil || (tsaKey != nil && tsaCert != nil) }

    /// The source the options name; nil when none was given.
    func source() throws -> (any TimeStampSource)? {
        try TimeStampSources.source(url: tsa, key: tsaKey, certificate: tsaCert)
    }

    /// The source a b-t signature needs.
    ///
    /// - Throws: `CommandFailure` (usage) when no TSA was named.
    func requiredSource() throws -> any TimeStampSource {
        guard let source = try source() else {
            throw CommandFailure(
                message: "b-t needs a TSA: --tsa URL, or --tsa-key and --tsa-cert",
                exitCode: ExitCodes.usage
            )
        }
        return source
    }
}
