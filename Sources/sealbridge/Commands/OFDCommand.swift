import ArgumentParser
import Foundation
import SealbridgeCMS
import SealbridgeCrypto
import SealbridgeOFD
import SealbridgeTimeStampClient
import SealbridgeX509

/// `sealbridge ofd …`: OFD documents (GB/T 33190) and their seals.
struct OFDCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ofd",
        abstract:
            "OFD documents (GB/T 33190): list their seals and signatures, seal them. Validate them with `sealbridge validate`.",
        subcommands: [Show.self, Seal.self]
    )

    struct Seal: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "seal",
            abstract: "Seal an OFD document with a GB/T 38540 electronic seal (SM2), optionally time-stamped."
        )

        @Option(help: "The OFD document to seal.")
        var `in`: String
        @Option(help: "Where to write the sealed document.")
        var out: String
        @Option(help: "The seal (Seal.esl: a GB/T 38540 SESeal its maker issued).")
        var seal: String
        @Option(
            help:
                "The signer's SM2 private key (PKCS #8 or SEC 1, PEM or DER); its certificate must be one the seal lists."
        )
        var key: String
        @Option(help: "The signer's certificate.")
        var cert: String
        @Option(help: "The page to stamp the seal on, from 1.")
        var page: Int = 1
        @Option(help: "Where on the page: the box's left edge, in millimetres.")
        var x: Double = 150
        @Option(help: "Where on the page: the box's top edge, in millimetres.")
        var y: Double = 20
        @Option(help: "The box's width and height, in millimetres.")
        var size: Double = 40
        @OptionGroup var timeStamp: TimeStampOptions

        mutating func run() async throws {
            try await runReportingErrorsAsync {
                guard page >= 1 else { throw ValidationError("--page counts from 1") }
                let document = try CommandIO.read(self.in, what: "OFD document")
                let sealBytes = try CommandIO.read(seal, what: "seal")
                let parsedSeal: SESeal
                do { parsedSeal = try SESeal(derEncoded: sealBytes) } catch {
                    throw CommandFailure.data("\(seal): not a GB/T 38540 or GM/T 0031 seal: \(error)")
                }
                let certificate = try CMSFiles.certificate(cert)
                let request = OFDSealer.Request(
                    seal: parsedSeal,
                    signerKey: try CMSFiles.key(key),
                    signerCertificate: certificate.derBytes,
                    page: page - 1,
                    box: (x: x, y: y, width: size, height: size),
                    time: .now,
                    timeStamp: try timeStamp.source()
                )
                let sealed: [UInt8]
                do { sealed = try await OFDSealer().seal(document, request) } catch {
                    throw CommandFailure.data("\(self.in): \(error)")
                }
                try CommandIO.write(sealed, to: out)
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration.leaf(
            commandName: "show",
            parent: "sealbridge ofd",
            abstract: "List an OFD document's seals and signatures: what each protects, the seal, where it is stamped."
        )

        @Argument(help: "The OFD document.")
        var file: String

        mutating func run() throws {
            try runReportingErrors {
                let bytes = try CommandIO.read(file, what: "OFD document")
                let document: OFDDocument
                let signatures: [OFDDocument.Signature]
                do {
                    document = try OFDDocument(bytes: bytes)
                    signatures = try document.signatures()
                } catch { throw CommandFailure.data("\(file): \(error)") }
                print(
                    "OFD document \(file): \(document.archive.entries.count) parts, \(document.bodies.count) document(s)"
                )
                if signatures.isEmpty { print("  no seal or signature (a seal's picture on a page is not a seal)") }
                for (index, signature) in signatures.enumerated() {
                    print(
                        "  S-\(index + 1): \(signature.entry.type.rawValue) \(signature.entry.id) at \(signature.entry.location)"
                    )
                    switch signature.description {
                    case .failure(let error):
                        print("    unreadable: \(error)")
                    case .success(let description):
                        Self.describe(description, signature)
                    }
                }
            }
        }

        static func describe(_ description: OFDSignatureDescription, _ signature: OFDDocument.Signature) {
            let provider = [description.providerName, description.company, description.providerVersion]
                .compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
            print("    provider: \(provider.isEmpty ? "not named" : provider)")
            if let time = description.signatureDateTime { print("    signing time (as written): \(time)") }
            print("    protects \(description.references.count) parts by \(description.checkMethod)")
            for stamp in description.stampAnnotations {
                print("    stamped on page \(stamp.pageReference) at \(stamp.boundary) mm")
            }
            guard let value = signature.signedValue else {
                print("    signed value: missing (\(description.signedValueLocation))")
                return
            }
            guard signature.entry.type == .seal else {
                print("    signed value: \(value.count) bytes (GB/T 35275 SignedData or a bare SM2 signature)")
                return
            }
            let ses: SESSignature
            do { ses = try SESSignature(derEncoded: value) } catch {
                print("    seal signature: unreadable: \(error)")
                return
            }
            let seal = ses.toSign.seal
            let property = seal.sealInfo.property
            print(
                "    seal signature: \(ses.version.standard), signed \(ses.toSign.signingTime?.description ?? ses.toSign.signingTimeText ?? "at no stated time")"
            )
            if let signer = try? Certificate(derEncoded: ses.signerCertificate) {
                print("    signer: \(signer.subject)")
            }
            print(
                "    seal: \(property.name) (esID \(seal.sealInfo.esID), type \(property.type), vendor \(seal.sealInfo.header.vendorID))"
            )
            print(
                "      valid \(property.validStart) – \(property.validEnd); lists \(property.certificates.count) certificate(s)"
            )
            if let maker = try? Certificate(derEncoded: seal.makerCertificate) {
                print("      made by: \(maker.subject)")
            }
            let picture = seal.sealInfo.picture
            print(
                "      picture: \(picture.type), \(picture.width) × \(picture.height) mm, \(picture.data.count) bytes"
            )
            if ses.timeStampToken != nil { print("    time-stamped") }
        }
    }
}
