import SealbridgeCMS
import SealbridgeX509
import SwiftASN1
import Testing

/// Every CMS object identifier has a readable name in SealbridgeX509's registry, which `cms show` and the reasons use.
@Suite struct ObjectIdentifierNameTests {
    @Test(
        arguments: [
            CMSObjectIdentifier.data, CMSObjectIdentifier.signedData, CMSObjectIdentifier.gmData,
            CMSObjectIdentifier.gmSignedData, CMSObjectIdentifier.tstInfo, CMSObjectIdentifier.contentType,
            CMSObjectIdentifier.messageDigest, CMSObjectIdentifier.signingTime, CMSObjectIdentifier.countersignature,
            CMSObjectIdentifier.signingCertificate, CMSObjectIdentifier.signingCertificateV2,
            CMSObjectIdentifier.algorithmProtection, CMSObjectIdentifier.signatureTimeStampToken,
            CMSObjectIdentifier.contentTimeStamp, CMSObjectIdentifier.commitmentType,
            CMSObjectIdentifier.signerLocation,
            CMSObjectIdentifier.timeStampingUsage, CMSObjectIdentifier.rsaEncryption, CMSObjectIdentifier.ecPublicKey,
            CMSObjectIdentifier.sm2Signature, CMSObjectIdentifier.sm2Key,
        ]
    )
    func named(_ oid: ASN1ObjectIdentifier) {
        #expect(CMSObjectIdentifier.name(of: oid) != nil, "\(oid.dottedText)")
        #expect(oid.displayText.hasSuffix("(\(oid.dottedText))"))
    }

    @Test func gmSignedDataReadsAsItsName() {
        #expect(CMSObjectIdentifier.gmSignedData.displayText == "GM signedData (GB/T 35275) (1.2.156.10197.6.1.4.2.2)")
    }
}
