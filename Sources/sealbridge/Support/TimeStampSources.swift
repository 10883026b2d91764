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
