import Foundation
import Hummingbird
import Logging
import NIOCore
import SealbridgeCMS
import SealbridgeCrypto
import SealbridgeFormData
import SealbridgeOFD
import SealbridgeStore
import SealbridgeTrust
import SealbridgeValidation
import SealbridgeX509
import SealbridgeXAdES
import SwiftASN1

/// The handlers of the HTTP API (the OpenAPI spec in `Public/openapi.yaml` describes each).
struct Routes: Sendable {
    let state: ServiceState

    var configuration: ServiceConfiguration { state.configuration }

    /// Every route as (method, path template), for the 405 answer's `Allow` header.
    static let templates: [(String, String)] = [
        ("GET", "/healthz"), ("GET", "/readyz"), ("GET", "/metrics"), ("POST", "/v1/validations"),
        ("GET", "/v1/validations/:id"), ("POST", "/v1/signatures"), ("POST", "/v1/timestamp"),
        ("GET", "/v1/frameworks"), ("GET", "/v1/frameworks/:id"), ("GET", "/v1/agreements"),
        ("GET", "/v1/agreements/:id"), ("GET", "/v1/timestamps"), ("GET", "/v1/audit"),
    ]

    /// The methods some route answers on `path` (empty when no route has that path).
    func allowedMethods(for path: String) -> [String] {
        if state.staticFiles.files[path] != nil { return ["GET"] }
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        return Self.templates.filter { _, template in
            let parts = template.split(separator: "/", omittingEmptySubsequences: true)
            return parts.count == segments.count
                && zip(parts, segments).allSatisfy { part, segment in part.hasPrefix(":") || part == segment }
        }.map(\.0)
    }

    func register(on router: Router<ServiceRequestContext>) {
        router.get("/healthz") { _, _ in try json(["status": "ok"]) }
        router.get("/readyz") { _, _ in try await readiness() }
        router.get("/metrics") { _, _ in
            bytes(state.metrics.text, contentType: "text/plain; version=0.0.4; charset=utf-8")
        }
        for path in state.staticFiles.files.keys.sorted() {
            router.get(RouterPath(path)) { _, _ in
                guard let response = state.staticFiles.response(for: path) else {
                    throw Problem(.notFound, "nothing is at \(path)")
                }
                return response
            }
        }
        router.post("/v1/validations") { request, context in try await createValidation(request, context) }
        router.get("/v1/validations/:id") { request, context in try await validation(request, context) }
        router.post("/v1/signatures") { request, context in try await createSignature(request, context) }
        router.post("/v1/timestamp") { request, context in try await timeStamp(request, context) }
        router.get("/v1/frameworks") { _, _ in
            try json(["frameworks": state.frameworks.map(FrameworkJSON.init)])
        }
        router.get("/v1/frameworks/:id") { _, context in
            let id = try context.parameters.require("id")
            guard let framework = state.frameworks.first(where: { $0.id == id }) else {
                throw Problem(.notFound, "no trust framework has the id \(id); GET /v1/frameworks lists them")
            }
            return try json(FrameworkJSON(framework))
        }
        router.get("/v1/document-kinds") { _, _ in
            try json(
                state.documentKinds.identifiers.map { DocumentKindJSON(id: $0, title: DocumentKinds.title(of: $0)) }
            )
        }
        router.get("/v1/agreements") { _, _ in
            try json(["agreements": state.agreements.map(AgreementJSON.init)])
        }
        router.get("/v1/agreements/:id") { _, context in
            let id = try context.parameters.require("id")
            guard let agreement = state.agreements.first(where: { $0.id == id }) else {
                throw Problem(.notFound, "no recognition agreement has the id \(id); GET /v1/agreements lists them")
            }
            return try json(AgreementJSON(agreement))
        }
        router.get("/v1/timestamps") { request, context in try await timeStamps(request, context) }
        router.get("/v1/audit") { request, context in try await audit(request, context) }
    }

    // MARK: - Health

    func readiness() async throws -> Response {
        do {
            try await state.store.checkReadiness()
        } catch {
            state.logger.warning("the store is not ready", metadata: ["error": "\(error)"])
            throw Problem(.storeUnavailable, "the evidence store does not answer; the operator's log says why")
        }
        return try json(["status": "ready"])
    }

    // MARK: - Validations

    /// The media types a signed file may be posted as.
    static let signatureMediaTypes = [
        "application/pkcs7-signature", "application/pkcs7-mime", "application/cms", "application/octet-stream",
        "application/x-pkcs7-signature", "application/x-pkcs7-mime", "application/pem-certificate-chain",
        "application/xml", "text/xml", "application/jose", "application/jose+json",
    ]

    func createValidation(_ request: Request, _ context: ServiceRequestContext) async throws -> Response {
        let key = try await authorize(request, .validate)
        let query = request.uri.queryParameters
        let known: Set<String> = ["jurisdiction", "documentKind", "validationTime", "name", "contentDigest"]
        let unknown = Set(query.map { String($0.key) }).subtracting(known).sorted()
        guard unknown.isEmpty else {
            throw Problem(
                .badRequest,
                "unknown query parameter\(unknown.count == 1 ? "" : "s") \(unknown.joined(separator: ", ")); "
                    + "this endpoint takes \(known.sorted().joined(separator: ", "))"
            )
        }
        var fields: [String: String] = [:]
        for name in known {
            if let value = query[Substring(name)] { fields[name] = String(value) }
        }
        let mediaType = MediaTypeText(request.headers[.contentType])
        let signature: [UInt8]
        var content: SignedContent?
        var signerCertificates: [Certificate] = []
        var name = "upload.p7s"
        if mediaType.type == "multipart/form-data" {
            guard let boundary = mediaType.parameter("boundary") else {
                throw Problem(.badRequest, "multipart/form-data needs a boundary parameter")
            }
            let body = try await read(request)
            let parts: FormParts
            do { parts = try FormParts(bytes: Array(buffer: body), boundary: boundary) } catch {
                throw Problem(.badRequest, error.reason)
            }
            guard let file = parts.values["signature"] else {
                throw Problem(.badRequest, "the form has no part named signature (the signed file)")
            }
            signature = file.bytes
            // The uploaded file's name goes into the report (escaped by each rendering); control characters and
            // over-long names are dropped.
            if let filename = file.filename, !filename.isEmpty, filename.utf8.count <= 255,
                !filename.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
            {
                name = filename
            }
            if let detached = parts.values["content"], !detached.bytes.isEmpty {
                content = .bytes(detached.bytes, name: detached.filename ?? "content")
            }
            if let certificate = parts.values["signerCertificate"], !certificate.bytes.isEmpty {
                do {
                    signerCertificates = try Certificate.readAll(from: certificate.bytes)
                } catch {
                    throw Problem(
                        .invalidInput,
                        "the signerCertificate part is not a certificate (PEM, DER or base64): "
                            + userFacingDescription(of: error)
                    )
                }
            }
            for field in ["jurisdiction", "documentKind", "validationTime", "contentDigest"] {
                if let value = parts.values[field].map({ String(decoding: $0.bytes, as: UTF8.self) }), !value.isEmpty {
                    fields[field] = value
                }
            }
        } else if Self.signatureMediaTypes.contains(mediaType.type) || mediaType.type.isEmpty {
            signature = Array(buffer: try await read(request))
        } else {
            throw Problem(
                .unsupportedMediaType,
                "post the signed file as one of \(Self.signatureMediaTypes.joined(separator: ", ")) or as "
                    + "multipart/form-data, not \(mediaType.type)",
                extensions: ["accepted": .strings(Self.signatureMediaTypes + ["multipart/form-data"])]
            )
        }
        if let given = fields["name"], RequestFields.isSafeName(given) { name = given }
        if let digest = fields["contentDigest"] {
            guard content == nil else {
                throw Problem(.badRequest, "give the document (content) or its digest (contentDigest), not both")
            }
            do {
                content = try SignedContent.digest(text: digest)
            } catch let error as ValidationInputError {
                throw Problem(.badRequest, error.description)
            }
        }
        let fileName = name
        let detachedContent = content
        guard !signature.isEmpty else { throw Problem(.badRequest, "the signed file is empty") }
        let jurisdiction = try RequestFields.jurisdiction(fields["jurisdiction"])
        let documentKind = try RequestFields.documentKind(fields["documentKind"])
        if let documentKind, !state.documentKinds.contains(documentKind) {
            throw Problem(.badRequest, state.documentKinds.unknownKindMessage(documentKind))
        }
        let time = try RequestFields.time(fields["validationTime"])
        let validator = state.validator.with(relyingJurisdiction: jurisdiction, documentKind: documentKind, time: time)
            .adding(untrustedCertificates: signerCertificates)
        let metrics = state.metrics
        let gate = state.gate
        let timeout = configuration.limits.requestTimeout
        let report = try await withTimeLimit(
            timeout,
            problem: Problem(
                .timeout,
                "the validation took longer than \(timeout); retry, or ask the operator about the time limit",
                headers: Problem.retryAfter(5)
            )
        ) {
            try await gate.run {
                metrics.validationStarted()
                defer { metrics.validationEnded() }
                return try await Offload.run {
                    do {
                        return try validator.validate(signature, name: fileName, content: detachedContent)
                    } catch let error as NotASignatureError {
                        throw Problem(.invalidInput, error.description)
                    } catch let error as ValidationInputError {
                        throw Problem(.badRequest, error.description)
                    }
                }
            }
        }
        metrics.validationFinished(indication: report.indication.rawValue)
        let reportJSON = report.json()
        let id = UUID().uuidString.lowercased()
        let createdAt = Date()
        let record = ReportRecordInfo(
            id: id,
            createdAt: X509Time(secondsSinceEpoch: Int64(createdAt.timeIntervalSince1970)).description,
            issuer: "\(configuration.serviceName) (node \(configuration.nodeName))"
        )
        let stored = StoredReport(
            id: id,
            createdAt: createdAt,
            inputSHA256: report.document.sha256,
            indication: report.indication.rawValue,
            subIndication: report.subIndication?.rawValue,
            verdict: report.signatures.first?.recognition.verdict.rawValue,
            jurisdiction: jurisdiction,
            json: String(decoding: reportJSON, as: UTF8.self),
            xml: report.xml(),
            html: report.html(record: record)
        )
        try await state.store.saveReport(stored)
        try await state.store.recordAudit(
            AuditEvent(
                actor: key?.id ?? "anonymous",
                action: "validation.create",
                target: stored.id,
                remoteAddress: context.clientAddress,
                detail: "\(stored.indication) "
                    + report.documents.map { "\($0.role.rawValue) \($0.evidence)" }
                    .joined(separator: " ")
            )
        )
        var headers = HTTPFields()
        headers[.location] = "/v1/validations/\(stored.id)"
        return bytes(
            try ValidationEnvelope(stored).json(report: reportJSON),
            contentType: "application/json",
            status: .created,
            headers: headers
        )
    }

    func validation(_ request: Request, _ context: ServiceRequestContext) async throws -> Response {
        _ = try await authorize(request, .validate)
        let id = try context.parameters.require("id")
        let format = request.uri.queryParameters["format"].map(String.init) ?? "json"
        guard ["json", "xml", "html"].contains(format) else {
            throw Problem(.badRequest, "format is json, xml or html, not \(format)")
        }
        guard RequestFields.isSafeName(id), let stored = try await state.store.report(id: id) else {
            throw Problem(.notFound, "no validation report has the id \(id)")
        }
        switch format {
        case "xml":
            return bytes(Array(stored.xml.utf8), contentType: "application/xml; charset=utf-8")
        case "html":
            // The report page has its styles inline and no script at all.
            var headers = HTTPFields()
            headers[.contentSecurityPolicy] = ValidationReport.contentSecurityPolicy + "; frame-ancestors 'none'"
            return bytes(Array(stored.html.utf8), contentType: "text/html; charset=utf-8", headers: headers)
        default:
            let body = try ValidationEnvelope(stored).json(report: Array(stored.json.utf8))
            return bytes(body, contentType: "application/json")
        }
    }

    // MARK: - Signatures

    func createSignature(_ request: Request, _ context: ServiceRequestContext) async throws -> Response {
        let key = try await authorize(request, .sign)
        let query = request.uri.queryParameters
        let signerID: String
        if let asked = query["signer"].map(String.init) {
            signerID = asked
        } else if state.signers.count == 1, let only = state.signers.keys.first {
            signerID = only
        } else if state.signers.isEmpty {
            throw Problem(.notConfigured, "this server holds no signing key ([[signer]] in its configuration)")
        } else {
            throw Problem(
                .badRequest,
                "name the signer: signer=\(state.signers.keys.sorted().joined(separator: "|"))"
            )
        }
        guard let signer = state.signers[signerID] else {
            throw Problem(
                .badRequest,
                "no signer has the id \(signerID); this server has \(state.signers.keys.sorted())"
            )
        }
        let level = query["level"].map(String.init) ?? "b-b"
        guard ["b-b", "b-t"].contains(level) else { throw Problem(.badRequest, "level is b-b or b-t, not \(level)") }
        let formatText = query["format"].map(String.init) ?? SigningFormat.cms.rawValue
        guard let format = SigningFormat(rawValue: formatText) else {
            throw Problem(
                .badRequest,
                "format is cms (a CMS signature), xades (an XML signature) or ofd (seal an OFD document), not "
                    + formatText
            )
        }
        if level == "b-t", state.timeStampAuthority == nil {
            throw Problem(.notConfigured, "b-t needs the server's time-stamp authority ([tsa] in its configuration)")
        }
        if format == .ofd {
            return try await createSeal(request, context, signer: signer, signerID: signerID, level: level, key: key)
        }
        if format == .xades {
            return try await createXAdES(request, context, signer: signer, signerID: signerID, level: level, key: key)
        }
        let detachedText = query["detached"].map(String.init) ?? "true"
        guard let detached = Bool(detachedText) else {
            throw Problem(.badRequest, "detached is true or false, not \(detachedText)")
        }
        let profileText = query["profile"].map(String.init) ?? "rfc5652"
        guard let profile = CMSSignedData.Profile(rawValue: profileText) else {
            throw Problem(.badRequest, "profile is rfc5652 or gm, not \(profileText)")
        }
        let document = Array(buffer: try await read(request))
        guard !document.isEmpty else { throw Problem(.badRequest, "the document to sign is empty") }
        var options = CMSSignOptions()
        options.detached = detached
        options.profile = profile
        var signed = try CMSSignedDataBuilder.sign(.bytes(document), signers: [signer], options: options)
        if level == "b-t" {
            signed = try await CAdES.addingSignatureTimeStamps(to: signed, from: RecordingTimeStampSource(state: state))
        }
        let carried = carriedCRLs(for: signer)
        if !carried.isEmpty { signed = signed.adding(certificates: [], crls: carried) }
        try await recordSignature(
            by: key,
            signer: signerID,
            context: context,
            over: document,
            detail: "\(level) \(profile.rawValue) \(detached ? "detached" : "attached")"
        )
        return attachment(
            try signed.derRepresentation,
            contentType: detached ? "application/pkcs7-signature" : "application/pkcs7-mime; smime-type=signed-data",
            fileName: "signature.p7s"
        )
    }

    /// Signs the document in the body with XAdES (`format=xades`, EN 319 132-1 baseline): `packaging=enveloped`
    /// (the default for XML), `enveloping` (the default otherwise) or `detached` (naming the document `name`, by
    /// default `document`); B-T with the server's TSA; the CRLs of the signer's chain in RevocationValues.
    func createXAdES(
        _ request: Request,
        _ context: ServiceRequestContext,
        signer: CMSSigner,
        signerID: String,
        level: String,
        key: APIKeyRecord?
    ) async throws -> Response {
        let query = request.uri.queryParameters
        let document = Array(buffer: try await read(request))
        guard !document.isEmpty else { throw Problem(.badRequest, "the document to sign is empty") }
        let isXML = XAdESSigner.looksLikeXML(document)
        let packagingText = query["packaging"].map(String.init) ?? (isXML ? "enveloped" : "enveloping")
        let name = query["name"].map(String.init) ?? "document"
        let packaging: XAdESSigner.Packaging
        switch packagingText {
        case "enveloped":
            guard isXML else {
                throw Problem(
                    .invalidInput,
                    "the document is not XML, so the signature cannot go inside it: use packaging=enveloping or detached"
                )
            }
            packaging = .enveloped
        case "enveloping": packaging = .enveloping
        case "detached": packaging = .detached(fileName: name)
        default:
            throw Problem(.badRequest, "packaging is enveloped, enveloping or detached, not \(packagingText)")
        }
        var xades = XAdESSigner.Request(
            document: document,
            mimeType: isXML ? "text/xml" : "application/octet-stream",
            packaging: packaging,
            key: signer.key,
            certificate: signer.certificate
        )
        xades.chain = signer.chain
        if level == "b-t" { xades.timeStamp = RecordingTimeStampSource(state: state) }
        xades.crls = carriedCRLs(for: signer)
        let signed: [UInt8]
        do {
            signed = try await XAdESSigner.sign(xades)
        } catch let error as XAdESSigningError {
            throw Problem(.invalidInput, "the document cannot be signed: \(error.description)")
        }
        try await recordSignature(
            by: key,
            signer: signerID,
            context: context,
            over: document,
            detail: "\(level) xades \(packagingText)"
        )
        return attachment(signed, contentType: "application/xml", fileName: "signed.xml")
    }

    /// Seals the OFD document in the body with the signer's GB/T 38540 seal (`format=ofd`): a `Seal` signature
    /// stamped on `page` (from 1) at `x`, `y` with a `size` millimetres square box, time-stamped by the server's
    /// TSA at `b-t`. The answer is the sealed document; the audit trail records it.
    func createSeal(
        _ request: Request,
        _ context: ServiceRequestContext,
        signer: CMSSigner,
        signerID: String,
        level: String,
        key: APIKeyRecord?
    ) async throws -> Response {
        guard let seal = state.seals[signerID] else {
            let sealing = state.seals.keys.sorted()
            throw Problem(
                .badRequest,
                "signer \(signerID) holds no seal (seal = \"….esl\" in its [[signer]]); "
                    + (sealing.isEmpty
                        ? "no signer of this server does" : "these do: \(sealing.joined(separator: ", "))")
            )
        }
        let query = request.uri.queryParameters
        func number(_ name: Substring, default value: Double) throws -> Double {
            guard let text = query[name].map(String.init) else { return value }
            guard let number = Double(text), number.isFinite else {
                throw Problem(.badRequest, "\(name) is a number of millimetres, not \(text)")
            }
            return number
        }
        let pageText = query["page"].map(String.init) ?? "1"
        guard let page = Int(pageText), page >= 1 else {
            throw Problem(.badRequest, "page counts from 1, not \(pageText)")
        }
        let size = try number("size", default: 40)
        let box = (x: try number("x", default: 150), y: try number("y", default: 20), width: size, height: size)
        let document = Array(buffer: try await read(request))
        guard !document.isEmpty else { throw Problem(.badRequest, "the document to seal is empty") }
        let sealed: [UInt8]
        do {
            sealed = try await OFDSealer().seal(
                document,
                OFDSealer.Request(
                    seal: seal,
                    signerKey: signer.key,
                    signerCertificate: signer.certificate.derBytes,
                    page: page - 1,
                    box: box,
                    time: .now,
                    timeStamp: level == "b-t" ? RecordingTimeStampSource(state: state) : nil
                )
            )
        } catch {
            throw Problem(.invalidInput, "the document cannot be sealed: \(error)")
        }
        try await recordSignature(
            by: key,
            signer: signerID,
            context: context,
            over: document,
            detail: "\(level) ofd seal page \(page)"
        )
        return attachment(sealed, contentType: "application/ofd", fileName: "sealed.ofd")
    }

    /// The CRLs of the signer's chain that the server holds: they travel in every signature it makes, so that a
    /// relying party can check revocation without fetching anything.
    func carriedCRLs(for signer: CMSSigner) -> [CertificateRevocationList] {
        let issuers = ([signer.certificate] + signer.chain).map(\.issuer)
        return state.signatureCRLs.filter { crl in issuers.contains { crl.issuer.matches($0) } }
    }

    /// A signed file as a download.
    func attachment(_ body: [UInt8], contentType: String, fileName: String) -> Response {
        var headers = HTTPFields()
        headers[.contentDisposition] = "attachment; filename=\"\(fileName)\""
        return bytes(body, contentType: contentType, headers: headers)
    }

    /// Records a signature the server made in the audit trail: who asked, with which signer, what kind, and the
    /// SHA-256 of the document signed.
    func recordSignature(
        by key: APIKeyRecord?,
        signer: String,
        context: ServiceRequestContext,
        over document: [UInt8],
        detail: String
    ) async throws {
        let digest = HexEncoding.encode(HashFunction.sha256.digest(document))
        try await state.store.recordAudit(
            AuditEvent(
                actor: key?.id ?? "anonymous",
                action: "signature.create",
                target: signer,
                remoteAddress: context.clientAddress,
                detail: "\(detail) sha256=\(digest)"
            )
        )
    }

    // MARK: - Time-stamps

    func timeStamp(_ request: Request, _ context: ServiceRequestContext) async throws -> Response {
        _ = try await authorize(request, .timestamp)
        guard MediaTypeText(request.headers[.contentType]).type == "application/timestamp-query" else {
            throw Problem(
                .unsupportedMediaType,
                "an RFC 3161 request is posted as application/timestamp-query",
                extensions: ["accepted": .strings(["application/timestamp-query"])]
            )
        }
        guard state.timeStampAuthority != nil else {
            throw Problem(.notConfigured, "this server issues no time-stamps ([tsa] in its configuration)")
        }
        let limit = min(configuration.limits.maxBodyBytes, TimeStampRequest.maximumByteCount)
        let body = try await BodyReader.collect(
            request,
            limit: limit,
            timeout: configuration.limits.effectiveBodyTimeout
        )
        let reply = await RecordingTimeStampSource(state: state).response(to: Array(buffer: body))
        return bytes(try reply.derRepresentation, contentType: "application/timestamp-reply")
    }

    // MARK: - Admin

    func timeStamps(_ request: Request, _ context: ServiceRequestContext) async throws -> Response {
        _ = try await authorize(request, .admin)
        let query = request.uri.queryParameters
        let after = try RequestFields.integer(query["after"], name: "after", range: 0...Int.max) ?? 0
        let limit = try RequestFields.integer(query["limit"], name: "limit", range: 1...1_000) ?? 100
        let records = try await state.store.timeStamps(after: UInt64(after), limit: limit)
        return try json([
            "timestamps": records.map {
                TimeStampJSON(
                    serial: $0.serial,
                    genTime: RFC3339.string($0.genTime),
                    policy: $0.policy,
                    imprintAlgorithm: $0.imprintAlgorithm,
                    imprint: $0.imprint,
                    node: $0.node
                )
            }
        ])
    }

    func audit(_ request: Request, _ context: ServiceRequestContext) async throws -> Response {
        _ = try await authorize(request, .admin)
        let limit =
            try RequestFields.integer(request.uri.queryParameters["limit"], name: "limit", range: 1...1_000) ?? 100
        let events = try await state.store.auditEvents(limit: limit)
        return try json([
            "events": events.map {
                AuditEventJSON(
                    id: $0.id ?? 0,
                    at: RFC3339.string($0.at),
                    actor: $0.actor,
                    action: $0.action,
                    target: $0.target,
                    remoteAddress: $0.remoteAddress,
                    detail: $0.detail
                )
            }
        ])
    }

    // MARK: - Helpers

    /// The request's key, checked for `scope`; whether a key is needed at all is the configuration's access policy
    /// (signing and admin always need one).
    func authorize(_ request: Request, _ scope: APIScope) async throws -> APIKeyRecord? {
        let required =
            switch scope {
            case .validate: configuration.validationAccess == .keyed
            case .timestamp: configuration.timeStampAccess == .keyed
            case .sign, .admin: true
            }
        return try await Access.authorize(request, state: state, scope: scope, required: required)
    }

    func read(_ request: Request) async throws -> ByteBuffer {
        try await BodyReader.collect(
            request,
            limit: configuration.limits.maxBodyBytes,
            timeout: configuration.limits.effectiveBodyTimeout
        )
    }

    func json(_ value: some Encodable) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return bytes(Array(try encoder.encode(value)), contentType: "application/json")
    }

    /// A response carrying `body` as `contentType`.
    func bytes(
        _ body: [UInt8],
        contentType: String,
        status: HTTPResponse.Status = .ok,
        headers: HTTPFields = [:]
    ) -> Response {
        var headers = headers
        headers[.contentType] = contentType
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}

/// What `POST /v1/signatures` makes: a CMS signature over the body, or the body (an OFD document) sealed.
enum SigningFormat: String {
    case cms
    case xades
    case ofd
}

/// A time-stamp source that issues with the server's TSA, takes serials from the evidence store and records every
/// token there before anyone receives it.
struct RecordingTimeStampSource: TimeStampSource {
    let state: ServiceState

    func response(to requestBytes: [UInt8]) async -> TimeStampResponse {
        guard let tsa = state.timeStampAuthority else {
            return TimeStampResponse(
                status: TimeStampStatus(
                    status: .rejection,
                    text: ["no TSA is configured"],
                    failureInfo: [.systemFailure]
                ),
                tokenBytes: nil
            )
        }
        let store = state.store
        let node = state.configuration.nodeName
        var serial: UInt64 = 0  // the store's serial, kept rather than decoded back from the TSTInfo
        let reply = await tsa.response(
            to: requestBytes,
            serialNumber: {
                serial = try await store.nextTimeStampSerial()
                return serial
            },
            record: { info, token in
                try await store.recordTimeStamp(
                    IssuedTimeStamp(
                        serial: serial,
                        genTime: Date(
                            timeIntervalSince1970: Double(info.genTime.secondsSinceEpoch) + Double(
                                info.genTime.nanoseconds
                            ) / 1e9
                        ),
                        policy: info.policy.dottedText,
                        imprintAlgorithm: info.messageImprint.hashAlgorithm.algorithm.dottedText,
                        imprint: HexEncoding.encode(info.messageImprint.hashedMessage),
                        token: token,
                        node: node
                    )
                )
            }
        )
        if reply.status.status == .granted {
            state.metrics.timeStampIssued()
        } else if let text = reply.status.text.first {
            state.logger.debug("time-stamp request rejected", metadata: ["reason": "\(text)"])
        }
        return reply
    }

    func timeStampToken(for request: TimeStampRequest) async throws -> [UInt8] {
        let requestBytes = try request.derRepresentation
        let reply = await response(to: requestBytes)
        guard let token = reply.tokenBytes else {
            throw CMSError(code: .timeStampFailed, reason: reply.status.text.joined(separator: "; "))
        }
        return token
    }
}
