import Foundation
public import SealbridgeCrypto
public import SealbridgeX509
public import SwiftASN1

/// Anything that turns a ``TimeStampRequest`` into a token: a local ``TimeStampAuthority`` or a TSA over HTTP.
public protocol TimeStampSource: Sendable {
    /// The DER of a time-stamp token (a ContentInfo with SignedData) answering `request`.
    ///
    /// - Throws: `CMSError.timeStampFailed` when the TSA refuses or cannot be reached.
    func timeStampToken(for request: TimeStampRequest) async throws -> [UInt8]
}

/// An RFC 3161 time-stamp authority: issues tokens signed with SM2, ECDSA or RSA under a certificate whose
/// extendedKeyUsage is critical and only timeStamping (RFC 3161 §2.3), with serials from a
/// ``TimeStampSerialStore``.
///
/// ```swift
/// let tsa = try TimeStampAuthority(key: key, certificate: certificate, policy: [1, 2, 3, 4],
///                                  serialStore: try FileSerialNumberStore(url: serialFile))
/// let reply = try tsa.response(to: requestBytes).derRepresentation
/// ```
public struct TimeStampAuthority: TimeStampSource {
    /// The signer.
    public let signer: CMSSigner
    /// The policy OID written in every token.
    public let policy: ASN1ObjectIdentifier
    /// The accuracy stated in every token, if any.
    public let accuracy: TimeStampAccuracy?
    /// The digests accepted in requests.
    public let acceptedHashes: Set<HashFunction>
    /// Digits of the fraction of a second in genTime (0 for whole seconds).
    public let fractionDigits: Int
    /// Whether tokens name the TSA (`tsa` field, the certificate's subject).
    public let includesTSAName: Bool
    private let serialStore: (any TimeStampSerialStore)?
    private let clock: @Sendable () -> PreciseTime

    /// Makes a TSA.
    ///
    /// - Throws: `CMSError.invalidValue` when the certificate lacks the critical, sole timeStamping EKU;
    ///   `CMSError.signingFailed` when the key does not match it.
    public init(
        key: PrivateKey,
        certificate: Certificate,
        chain: [Certificate] = [],
        policy: ASN1ObjectIdentifier,
        accuracy: TimeStampAccuracy? = TimeStampAccuracy(seconds: 1),
        serialStore: (any TimeStampSerialStore)?,
        signatureAlgorithm: SignatureAlgorithm? = nil,
        acceptedHashes: Set<HashFunction> = [.sha256, .sha384, .sha512, .sm3],
        fractionDigits: Int = 3,
        includesTSAName: Bool = false,
        clock: @escaping @Sendable () -> PreciseTime = PreciseTime.now
    ) throws {
        guard let eku = certificate.extension(ExtensionOID.extendedKeyUsage), eku.isCritical,
            (try? certificate.extendedKeyUsage()) == [CMSObjectIdentifier.timeStampingUsage]
        else {
            throw CMSError.invalidValue(
                "a TSA certificate needs a critical extendedKeyUsage holding only timeStamping (RFC 3161 §2.3); "
                    + "issue one with `extendedKeyUsage = critical, timeStamping`"
            )
        }
        self.signer = try CMSSigner(
            key: key,
            certificate: certificate,
            chain: chain,
            signatureAlgorithm: signatureAlgorithm
        )
        self.policy = policy
        self.accuracy = accuracy
        self.acceptedHashes = acceptedHashes
        self.fractionDigits = max(0, min(fractionDigits, 9))
        self.includesTSAName = includesTSAName
        self.serialStore = serialStore
        self.clock = clock
    }

    /// Answers a DER request with a granted response, or a rejection saying why (RFC 3161 §2.4.2).
    public func response(to requestBytes: [UInt8]) -> TimeStampResponse {
        let request: TimeStampRequest
        do {
            request = try TimeStampRequest(derEncoded: requestBytes)
        } catch {
            return rejection(
                .badDataFormat,
                "the request is not a valid TimeStampReq: \(userFacingDescription(of: error))"
            )
        }
        return response(to: request)
    }

    /// Answers a parsed request.
    public func response(to request: TimeStampRequest) -> TimeStampResponse {
        do {
            let token = try issue(for: request)
            return TimeStampResponse(status: TimeStampStatus(status: .granted), tokenBytes: token)
        } catch let error as RequestRejection {
            return rejection(error.failure, error.reason)
        } catch {
            return rejection(.systemFailure, "the TSA could not issue a token: \(userFacingDescription(of: error))")
        }
    }

    /// The token for `request`.
    ///
    /// - Throws: `CMSError.timeStampFailed` when the request is not acceptable or signing fails.
    public func timeStampToken(for request: TimeStampRequest) async throws -> [UInt8] {
        do {
            return try issue(for: request)
        } catch let error as RequestRejection {
            throw CMSError(code: .timeStampFailed, reason: error.reason)
        }
    }

    private struct RequestRejection: Error {
        let failure: TimeStampStatus.FailureInfo
        let reason: String
    }

    private func rejection(_ failure: TimeStampStatus.FailureInfo, _ text: String) -> TimeStampResponse {
        TimeStampResponse(
            status: TimeStampStatus(status: .rejection, text: [text], failureInfo: [failure]),
            tokenBytes: nil
        )
    }

    /// Answers a DER request with serials and records kept by the caller — a service whose evidence store hands
    /// out serials and must hold every token before its client does: `serialNumber` is asked only for an
    /// acceptable request, and `record` runs after signing and before the answer; when either throws the answer
    /// is a rejection (systemFailure), never a token that was not recorded.
    public func response(
        to requestBytes: [UInt8],
        serialNumber: () async throws -> UInt64,
        record: (TSTInfo, [UInt8]) async throws -> Void
    ) async -> TimeStampResponse {
        let request: TimeStampRequest
        do {
            request = try TimeStampRequest(derEncoded: requestBytes)
        } catch {
            return rejection(
                .badDataFormat,
                "the request is not a valid TimeStampReq: \(userFacingDescription(of: error))"
            )
        }
        do {
            try check(request)
            let info = tstInfo(for: request, serial: try await serialNumber())
            let token = try token(for: info, includesCertificate: request.certificateRequested)
            try await record(info, token)
            return TimeStampResponse(status: TimeStampStatus(status: .granted), tokenBytes: token)
        } catch let error as RequestRejection {
            return rejection(error.failure, error.reason)
        } catch {
            return rejection(.systemFailure, "the TSA could not issue a token: \(userFacingDescription(of: error))")
        }
    }

    /// Issues a token: checks the request, takes a serial, builds TSTInfo and signs it.
    ///
    /// - Throws: `CMSError.storageFailed` when the TSA was made without a serial store.
    public func issue(for request: TimeStampRequest) throws -> [UInt8] {
        try check(request)
        guard let serialStore else {
            throw CMSError(
                code: .storageFailed,
                reason: "this TSA has no serial store; use response(to:serialNumber:record:)"
            )
        }
        let info = tstInfo(for: request, serial: try serialStore.nextSerialNumber())
        return try token(for: info, includesCertificate: request.certificateRequested)
    }

    /// Throws a rejection when the TSA does not accept `request` (RFC 3161 §2.4.2 failure codes).
    private func check(_ request: TimeStampRequest) throws {
        guard let function = request.messageImprint.hashFunction, acceptedHashes.contains(function) else {
            throw RequestRejection(
                failure: .badAlgorithm,
                reason:
                    "the imprint's hash \(request.messageImprint.hashAlgorithm.algorithm.displayText) is not accepted"
            )
        }
        guard request.messageImprint.hashedMessage.count == function.byteCount else {
            throw RequestRejection(failure: .badDataFormat, reason: "the imprint is not a \(function) digest")
        }
        if let asked = request.policy, asked != policy {
            throw RequestRejection(
                failure: .unacceptedPolicy,
                reason: "this TSA issues under policy \(policy.dottedText) only"
            )
        }
        if let critical = request.extensions.first {
            throw RequestRejection(
                failure: .unacceptedExtension,
                reason: "extension \(critical.oid.displayText) is not supported"
            )
        }
    }

    private func tstInfo(for request: TimeStampRequest, serial: UInt64) -> TSTInfo {
        let serialBytes = [UInt8].integerContents(of: serial)
        let info = TSTInfo(
            policy: policy,
            messageImprint: request.messageImprint,
            serialNumber: serialBytes,
            genTime: clock().truncated(toFractionDigits: fractionDigits),
            accuracy: accuracy,
            nonce: request.nonce,
            tsaName: includesTSAName ? .directoryName(signer.certificate.subject) : nil
        )
        return info
    }

    /// Signs `info` into a token.
    func token(for info: TSTInfo, includesCertificate: Bool) throws -> [UInt8] {
        var options = CMSSignOptions(signingTime: info.genTime.x509Time)
        options.contentType = CMSObjectIdentifier.tstInfo
        options.includesCertificates = includesCertificate
        let signed = try CMSSignedDataBuilder.sign(
            .bytes(try info.serializedDER()),
            signers: [signer],
            options: options
        )
        return try signed.derRepresentation
    }
}

extension PreciseTime {
    /// The current time from the system clock.
    @Sendable public static func now() -> PreciseTime {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return PreciseTime(secondsSinceEpoch: Int64(spec.tv_sec), nanoseconds: Int(spec.tv_nsec))
    }
}
