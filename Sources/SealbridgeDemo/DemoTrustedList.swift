import Foundation
import SealbridgeCrypto
import SealbridgeTrust
import SealbridgeX509
import SealbridgeXML

/// Writes a small ETSI TS 119 612 v6 trusted list (one provider, its services) and signs it as TS 119 612 Annex B
/// asks (enveloped XAdES, exclusive C14N).
enum DemoTrustedList {
    struct Service {
        let type: String
        let name: String
        let certificate: Certificate
        let statusStartingTime: X509Time
        let additionalInformation: [String]
    }

    static func xml(
        territory: String,
        operatorName: String,
        providerName: String,
        services: [Service],
        issued: X509Time,
        nextUpdate: X509Time
    ) -> String {
        let e: (String) -> String = { $0.xmlEscaped }
        var x = """
            <?xml version="1.0" encoding="UTF-8"?>
            <TrustServiceStatusList xmlns="http://uri.etsi.org/02231/v2#" Id="TSL-demo" TSLTag="http://uri.etsi.org/19612/TSLTag">
            <SchemeInformation>
            <TSLVersionIdentifier>6</TSLVersionIdentifier>
            <TSLSequenceNumber>1</TSLSequenceNumber>
            <TSLType>http://uri.etsi.org/TrstSvc/TrustedList/TSLType/EUgeneric</TSLType>
            <SchemeOperatorName><Name xml:lang="en">\(e(operatorName))</Name></SchemeOperatorName>
            <SchemeName><Name xml:lang="en">\(e(territory)): Sealbridge demonstration trusted list (not a real list)</Name></SchemeName>
            <SchemeTerritory>\(e(territory))</SchemeTerritory>
            <ListIssueDateTime>\(issued)</ListIssueDateTime>
            <NextUpdate><dateTime>\(nextUpdate)</dateTime></NextUpdate>
            </SchemeInformation>
            <TrustServiceProviderList>
            <TrustServiceProvider>
            <TSPInformation><TSPName><Name xml:lang="en">\(e(providerName))</Name></TSPName></TSPInformation>
            <TSPServices>

            """
        for service in services {
            x += """
                <TSPService><ServiceInformation>
                <ServiceTypeIdentifier>\(service.type)</ServiceTypeIdentifier>
                <ServiceName><Name xml:lang="en">\(e(service.name))</Name></ServiceName>
                <ServiceDigitalIdentity><DigitalId><X509Certificate>\(Data(service.certificate.derBytes).base64EncodedString())</X509Certificate></DigitalId></ServiceDigitalIdentity>
                <ServiceStatus>http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/granted</ServiceStatus>
                <StatusStartingTime>\(service.statusStartingTime)</StatusStartingTime>

                """
            if !service.additionalInformation.isEmpty {
                x += "<ServiceInformationExtensions>"
                for uri in service.additionalInformation {
                    x += "<Extension Critical=\"false\"><AdditionalServiceInformation><URI xml:lang=\"en\">\(uri)</URI>"
                    x += "</AdditionalServiceInformation></Extension>"
                }
                x += "</ServiceInformationExtensions>\n"
            }
            x += "</ServiceInformation></TSPService>\n"
        }
        x += "</TSPServices>\n</TrustServiceProvider>\n</TrustServiceProviderList>\n</TrustServiceStatusList>\n"
        return x
    }
}
